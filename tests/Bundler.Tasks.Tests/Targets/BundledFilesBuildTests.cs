using Bundler.Testing;

namespace Bundler.Tasks.Tests.Targets;

/// <summary>
/// What only the pipeline knows and the targets must still follow, through real <c>dotnet build</c> runs with the
/// real tasks: the project files the entry requires (inputs found by following require()), and the folder
/// <c>IpmEmitFilesDir</c> (outputs beside the generated C). One local package, so no registry is contacted.
/// </summary>
public sealed class BundledFilesBuildTests
{
    private const string Items = """<IpmModule Include="./app" />""";

    [Fact]
    public void Editing_a_project_file_the_entry_requires_regenerates_and_an_unrequired_one_does_not()
    {
        using var project = NewProject();
        var first = Build(project).EnsureSuccess();
        Assert.True(Generated(first), first.Log);
        Assert.Contains("own 1", GeneratedC(project), StringComparison.Ordinal);
        Assert.True(Build(project).EnsureSuccess().Skipped("IpmGenerate"));

        // In the project but not required by the entry: not bundled, so not an input.
        TouchLater(project.Combine("src", "lib", "unused.js"));
        var unrelated = Build(project).EnsureSuccess();
        Assert.True(unrelated.Skipped("IpmGenerate"), unrelated.Log);

        // Written now, not into the future: a run must end newer than its inputs, as it does in real life.
        File.WriteAllText(project.Combine("src", "lib", "own.js"), "module.exports = 'own 2';\n");
        var edited = Build(project).EnsureSuccess();
        Assert.True(Generated(edited), edited.Log);
        Assert.Contains("own 2", GeneratedC(project), StringComparison.Ordinal);

        var again = Build(project).EnsureSuccess();
        Assert.True(again.Skipped("IpmGenerate"), again.Log);
    }

    [Fact]
    public void A_required_project_file_that_is_gone_makes_the_next_build_run_generation()
    {
        using var project = NewProject();
        Build(project).EnsureSuccess();

        File.Delete(project.Combine("src", "lib", "own.js"));
        var run = Build(project);

        // The pipeline ran, instead of "up to date", and says what the device would miss.
        Assert.False(run.Skipped("IpmGenerate"), run.Log);
        Assert.True(Generated(run), run.Log);
        Assert.Contains("require('./lib/own')", run.Log, StringComparison.Ordinal);
    }

    [Fact]
    public void Emitted_files_deleted_by_hand_are_written_again_and_clean_removes_the_emit_folder()
    {
        using var project = NewProject();
        var emitted = project.Combine("emit", "src", "lib", "own.js");
        Assert.True(Generated(Build(project, "IpmEmitFilesDir=emit/").EnsureSuccess()));
        Assert.Equal("module.exports = 'own 1';\n", File.ReadAllText(emitted));
        Assert.True(File.Exists(project.Combine("emit", "node_modules", "app", "index.js")));
        Assert.True(Build(project, "IpmEmitFilesDir=emit/").EnsureSuccess().Skipped("IpmGenerate"));

        File.Delete(emitted);
        var file = Build(project, "IpmEmitFilesDir=emit/").EnsureSuccess();
        Assert.True(Generated(file), file.Log);
        Assert.True(File.Exists(emitted));

        Directory.Delete(project.Combine("emit"), recursive: true);
        var folder = Build(project, "IpmEmitFilesDir=emit/").EnsureSuccess();
        Assert.True(Generated(folder), folder.Log);
        Assert.True(File.Exists(emitted));
        Assert.True(Build(project, "IpmEmitFilesDir=emit/").EnsureSuccess().Skipped("IpmGenerate"));

        project.Clean(Properties("IpmEmitFilesDir=emit/")).EnsureSuccess();

        Assert.False(Directory.Exists(project.Combine("emit")), "clean removes the emit folder");
        Assert.Empty(Directory.GetFiles(project.IntermediateDir, "*.Ipm*"));
        Assert.True(File.Exists(project.Combine("src", "lib", "own.js")), "clean keeps the project's files");
    }

    private static TargetsProject NewProject()
    {
        var project = new TargetsProject(Items, fakes: false);
        File.WriteAllText(project.Combine("app", "index.js"), "module.exports = 'app';\n");
        Write(project, "src/main.js", "var own = require('./lib/own');\nprint(own + ' ' + require('app'));\n");
        Write(project, "src/lib/own.js", "module.exports = 'own 1';\n");
        Write(project, "src/lib/unused.js", "module.exports = 'unused';\n");
        return project;
    }

    private static void Write(TargetsProject project, string relative, string text)
    {
        var path = project.Combine(relative.Split('/'));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    /// <summary>The built-in generic template, the entry, no minification (so the C shows the source text), and a
    /// cache and registry of the test's own.</summary>
    private static string[] Properties(params string[] more) =>
        ["IpmTemplate=generic", "IpmEntry=src/main.js", "IpmMinify=false", "IpmCacheDir=cache",
            "IpmRegistry=" + Path.Combine(RepoPaths.Samples, "registry"), .. more];

    private static BuildRun Build(TargetsProject project, params string[] more) => project.Build(Properties(more));

    private static bool Generated(BuildRun run) => run.Log.Contains("ipm: generated ", StringComparison.Ordinal);

    private static string GeneratedC(TargetsProject project) =>
        string.Concat(Directory.GetFiles(Path.Combine(project.IntermediateDir, "ipm"), "*.c").Order(StringComparer.Ordinal).Select(File.ReadAllText));

    /// <summary>Moves a file's time stamp forward instead of waiting for the clock to tick.</summary>
    private static void TouchLater(string path) => File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(5));
}
