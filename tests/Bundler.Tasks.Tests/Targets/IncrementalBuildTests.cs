namespace Bundler.Tasks.Tests.Targets;

/// <summary>
/// The targets' incremental behaviour, through real <c>dotnet build</c> runs with the pipeline tasks faked:
/// what reruns after which change, what a skipped build still provides, what clean removes.
/// </summary>
public sealed class IncrementalBuildTests
{
    private const string Items = """
            <IpmModule Include="echotest" Version="^0.0.1" />
            <IpmModule Include="left-pad" Version="~1.3.0" />
            <IpmModule Include="./app" />
        """;

    private static readonly string[] ExpectedItems =
        ["app.c Source", "echotest.c Source", "ipm_modules.h Header", "left_pad.c Source", "modules.json Other"];

    [Fact]
    public void A_second_build_with_nothing_changed_skips_generation_and_still_yields_the_items()
    {
        using var project = new TargetsProject(Items);

        var first = project.Build().EnsureSuccess();
        // Generation restores by itself: a build calls the pipeline once, not once to restore and again to generate.
        Assert.False(first.Ran("restore"), first.Log);
        Assert.True(first.Ran("generate"));
        Assert.Equal(ExpectedItems, first.Items.Order(StringComparer.Ordinal));
        // The default output folder, as a full path, and the project's template folder reach the task.
        var outputDir = Path.Combine(project.IntermediateDir, "ipm") + Path.DirectorySeparatorChar;
        Assert.Contains($"OutputDirectory={outputDir} Template=tpl Minify=True", first.Log, StringComparison.Ordinal);

        var second = project.Build().EnsureSuccess();
        Assert.False(second.Ran("generate"), second.Log);
        Assert.True(second.Skipped("IpmGenerate"), second.Log);
        Assert.Equal(ExpectedItems, second.Items.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_regeneration_that_changes_no_file_does_not_make_the_next_build_regenerate()
    {
        using var project = new TargetsProject(Items);
        project.Build().EnsureSuccess();
        var header = Path.Combine(project.IntermediateDir, "ipm", "ipm_modules.h");
        var stamp = File.GetLastWriteTimeUtc(header);

        // The generator leaves files with unchanged content alone (so the C build does not recompile them): their
        // time stamps stay older than the input that triggered the run, which must not count as out of date.
        // Touched to now, not into the future: a run must end newer than its inputs, as it does in real life.
        File.SetLastWriteTimeUtc(project.Combine("app", "index.js"), DateTime.UtcNow);
        Assert.True(project.Build().EnsureSuccess().Ran("generate"));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(header));

        var next = project.Build().EnsureSuccess();
        Assert.True(next.Skipped("IpmGenerate"), next.Log);
    }

    [Fact]
    public void Every_input_reruns_generation_and_a_removed_module_leaves_the_output()
    {
        using var project = new TargetsProject(Items);
        project.Build().EnsureSuccess();

        var property = project.Build("IpmMinify=false").EnsureSuccess();
        Assert.True(property.Ran("generate"), property.Log);
        Assert.Contains("Minify=False", property.Log, StringComparison.Ordinal);
        Assert.True(project.Build("IpmMinify=false").EnsureSuccess().Skipped("IpmGenerate"));

        var registry = project.Build("IpmMinify=false", "IpmRegistry=http://127.0.0.1:9/").EnsureSuccess();
        Assert.True(registry.Ran("generate"), registry.Log);

        foreach (var input in new[] { project.Combine("tpl", "main.c.hbs"), project.Combine("app", "index.js"), project.Combine("app", "package.json") })
        {
            TouchLater(input);
            var run = project.Build("IpmMinify=false", "IpmRegistry=http://127.0.0.1:9/").EnsureSuccess();
            Assert.True(run.Ran("generate"), input + "\n" + run.Log);
        }

        project.Write(Items.Replace("^0.0.1", "^0.0.2", StringComparison.Ordinal).Replace("<IpmModule Include=\"left-pad\" Version=\"~1.3.0\" />", "", StringComparison.Ordinal));
        var edited = project.Build("IpmMinify=false", "IpmRegistry=http://127.0.0.1:9/").EnsureSuccess();
        Assert.True(edited.Ran("generate"), edited.Log);
        Assert.Contains("echotest@^0.0.2", File.ReadAllText(project.Combine("ipm-lock.json")), StringComparison.Ordinal);
        Assert.DoesNotContain("left_pad.c Source", edited.Items);
        Assert.False(File.Exists(Path.Combine(project.IntermediateDir, "ipm", "left_pad.c")));
    }

    [Fact]
    public void IpmRestore_on_its_own_restores_only_and_is_up_to_date_after_a_build()
    {
        using var project = new TargetsProject(Items);

        var restore = project.Run("IpmRestore");
        Assert.True(restore.EnsureSuccess().Ran("restore"), restore.Log);
        Assert.False(restore.Ran("generate"), restore.Log);
        Assert.False(Directory.Exists(Path.Combine(project.IntermediateDir, "ipm")));

        project.Build().EnsureSuccess();
        Assert.True(project.Run("IpmRestore").EnsureSuccess().Skipped("IpmRestore"));

        // Only generation reads the template; restoring again is not needed for it.
        TouchLater(project.Combine("tpl", "main.c.hbs"));
        Assert.True(project.Run("IpmRestore").EnsureSuccess().Skipped("IpmRestore"));
        TouchLater(project.Combine("app", "package.json"));
        Assert.True(project.Run("IpmRestore").EnsureSuccess().Ran("restore"));
    }

    [Fact]
    public void A_generated_file_deleted_by_hand_is_generated_again()
    {
        using var project = new TargetsProject(Items);
        project.Build().EnsureSuccess();

        File.Delete(Path.Combine(project.IntermediateDir, "ipm", "echotest.c"));
        var run = project.Build().EnsureSuccess();

        Assert.True(run.Ran("generate"), run.Log);
        Assert.True(File.Exists(Path.Combine(project.IntermediateDir, "ipm", "echotest.c")));
    }

    [Fact]
    public void Locked_mode_follows_continuous_integration_builds_unless_set()
    {
        using var project = new TargetsProject(Items);

        Assert.Contains("Locked=True", project.Build("ContinuousIntegrationBuild=true").EnsureSuccess().Log, StringComparison.Ordinal);
        Assert.False(File.Exists(project.Combine("ipm-lock.json")));
        Assert.Contains("Locked=False", project.Build("ContinuousIntegrationBuild=true", "IpmLockedMode=false").EnsureSuccess().Log, StringComparison.Ordinal);
        Assert.True(File.Exists(project.Combine("ipm-lock.json")));
    }

    [Fact]
    public void Design_time_builds_and_disabled_projects_generate_nothing()
    {
        using var project = new TargetsProject(Items);

        var designTime = project.Build("DesignTimeBuild=true").EnsureSuccess();
        Assert.False(designTime.Ran("restore"), designTime.Log);
        Assert.False(designTime.Ran("generate"), designTime.Log);
        var disabled = project.Build("IpmEnabled=false").EnsureSuccess();
        Assert.False(disabled.Ran("restore") || disabled.Ran("generate"), disabled.Log);

        // After a real build, a design-time build still sees the items and leaves the files in place.
        project.Build().EnsureSuccess();
        var again = project.Build("DesignTimeBuild=true").EnsureSuccess();
        Assert.Equal(ExpectedItems, again.Items.Order(StringComparer.Ordinal));
        Assert.True(File.Exists(Path.Combine(project.IntermediateDir, "ipm", "echotest.c")));
        Assert.True(project.Build().EnsureSuccess().Skipped("IpmGenerate"));
    }

    [Fact]
    public void Clean_removes_every_generated_file_also_outside_obj()
    {
        using var project = new TargetsProject(Items);
        project.Build().EnsureSuccess();
        project.Build("IpmOutputDir=gen/").EnsureSuccess();
        Assert.True(File.Exists(project.Combine("gen", "echotest.c")));

        project.Clean("IpmOutputDir=gen/").EnsureSuccess();

        Assert.Empty(Directory.GetFiles(project.Combine("gen"), "*", SearchOption.AllDirectories));
        Assert.DoesNotContain(Directory.GetFiles(project.IntermediateDir, "*", SearchOption.AllDirectories),
            f => f.Contains("Ipm", StringComparison.Ordinal) || f.Contains($"{Path.DirectorySeparatorChar}ipm{Path.DirectorySeparatorChar}", StringComparison.Ordinal));
        Assert.True(File.Exists(project.Combine("ipm-lock.json")), "clean must keep the lock file");
    }

    [Fact]
    public void Item_errors_from_the_real_task_name_the_project_file_and_line()
    {
        using var project = new TargetsProject("""
                <IpmModule Include="echotest" Version="^0.0.1" />
                <IpmModule Include="left-pad" Version="[1.0,2.0)" />
            """, fakes: false);

        var run = project.Build();

        Assert.NotEqual(0, run.ExitCode);
        var line = Array.FindIndex(File.ReadAllLines(project.ProjectPath), l => l.Contains("left-pad", StringComparison.Ordinal)) + 1;
        Assert.Contains($"{project.ProjectPath}({line}): error IPM9002:", run.Log, StringComparison.Ordinal);
        // The message says what to write instead, in the build log too.
        Assert.Contains("is a NuGet version range; use \">=1.0.0 <2.0.0\"", run.Log, StringComparison.Ordinal);
    }

    /// <summary>Moves a file's time stamp forward instead of waiting for the clock to tick.</summary>
    private static void TouchLater(string path) => File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddSeconds(5));
}
