using Bundler.Testing;

namespace Bundler.Tasks.Tests.Tasks;

/// <summary>
/// The tasks with the real pipeline in-process, against the repository's static folder registry (samples/registry,
/// no server): what the items mean to the core, beyond what a fake core can show.
/// </summary>
public sealed class RealPipelineTests
{
    private const string Items = """
            <IpmModule Include="echotest" Version="^0.0.1" />
            <IpmModule Include="./app" />
            <IpmModule Include="app" Version="file:./app" />
            <IpmModule Include="./missing" />
        """;

    private static readonly string Registry = Path.Combine(RepoPaths.Samples, "registry");

    [Fact]
    public void A_folder_item_without_a_name_is_bundled_under_the_name_in_its_package_json()
    {
        using var project = NewProject();
        var engine = new RecordingBuildEngine();
        var task = Generate(project, engine, project.Item("echotest", ("Version", "^0.0.1")), project.Item("./app"));

        Assert.True(task.Execute(), engine.AllText);

        var lockText = File.ReadAllText(project.Combine("ipm-lock.json"));
        Assert.Contains("\"app\": \"file:app\"", lockText, StringComparison.Ordinal);
        Assert.Contains("\"node_modules/app\"", lockText, StringComparison.Ordinal);
        var source = File.ReadAllText(project.Combine("out", "ipm_modules.c"));
        Assert.Contains("/node_modules/app/index.js", source, StringComparison.Ordinal);
        Assert.Contains("/node_modules/echotest/index.js", source, StringComparison.Ordinal);
        Assert.Equal(["IPM-NOTICES.txt Other", "ipm-report.html Other", "ipm-report.json Other", "ipm_modules.c Source", "ipm_modules.h Header", "ipm_resolver.c Source"],
            task.GeneratedFiles.Select(i => $"{Path.GetFileName(i.ItemSpec)} {i.GetMetadata("Kind")}"));
        Assert.Contains(engine.Messages, m => m.Message.StartsWith("ipm: resolved 3 packages", StringComparison.Ordinal));
    }

    [Fact]
    public void The_same_folder_declared_with_and_without_a_name_is_one_package_declared_twice()
    {
        using var project = NewProject();
        var engine = new RecordingBuildEngine();
        var task = Generate(project, engine, project.Item("./app"), project.Item("app", ("Version", "file:./app")));

        Assert.False(task.Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal(("IPM9004", project.Path, project.LineOf("\"app\"")), (error.Code, error.File, error.Line));
        Assert.False(File.Exists(project.Combine("ipm-lock.json")));
    }

    [Fact]
    public void A_folder_without_package_json_is_an_error_at_its_item()
    {
        using var project = NewProject();
        var engine = new RecordingBuildEngine();
        var task = Generate(project, engine, project.Item("./missing"));

        Assert.False(task.Execute());

        var error = Assert.Single(engine.Errors);
        Assert.Equal((project.Path, project.LineOf("./missing")), (error.File, error.Line));
        Assert.Contains("missing", error.Message, StringComparison.Ordinal);
    }

    private static ProjectOnDisk NewProject()
    {
        var project = new ProjectOnDisk(Items);
        Directory.CreateDirectory(project.Combine("app"));
        File.WriteAllText(project.Combine("app", "package.json"), "{ \"name\": \"app\", \"version\": \"1.0.0\" }\n");
        File.WriteAllText(project.Combine("app", "index.js"), "module.exports = require('echotest')('hi');\n");
        return project;
    }

    private static GenerateIpmSources Generate(ProjectOnDisk project, RecordingBuildEngine engine, params TestItem[] modules) => new()
    {
        BuildEngine = engine,
        ProjectFile = project.Path,
        Modules = modules,
        Registry = Registry,
        OutputDirectory = project.Combine("out"),
        CacheDirectory = project.Combine("cache"),
    };
}
