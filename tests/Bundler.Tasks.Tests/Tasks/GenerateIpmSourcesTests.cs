using Bundler.Core.Pipeline;
using Microsoft.Build.Framework;

namespace Bundler.Tasks.Tests.Tasks;

public sealed class GenerateIpmSourcesTests
{
    private const string Items = """
            <IpmModule Include="echotest" Version="^0.0.1" />
            <IpmModule Include="left-pad;@scope/util" Version="~1.3" Registry="http://127.0.0.1:4873/" Files="lib/**/*.js;data/*.json" ExcludeFiles="test/**" />
            <IpmModule Include="../app" />
            <IpmModule Include="lib" Version="file:../lib" />
        """;

    [Fact]
    public void Maps_every_parameter_and_item_into_the_request()
    {
        using var project = new ProjectOnDisk(Items);
        var core = new FakeCore();
        var engine = new RecordingBuildEngine();
        var task = new GenerateIpmSources(core.Invoke)
        {
            BuildEngine = engine,
            ProjectFile = project.Path,
            Modules =
            [
                project.Item("echotest", ("Version", "^0.0.1")),
                project.Item("@scope/util", ("Version", "~1.3"), ("Registry", "http://127.0.0.1:4873/"),
                    ("Files", "lib/**/*.js;data/*.json"), ("ExcludeFiles", "test/**")),
                project.Item("../app"),
                project.Item("lib", ("Version", "file:../lib"), ("Registry", "../registry")),
            ],
            OutputDirectory = project.Combine("obj", "ipm"),
            Registry = " http://127.0.0.1:9/registry/ ",
            LockFile = "locks/ipm-lock.json",
            Locked = true,
            Offline = true,
            PreferOffline = true,
            CacheDirectory = project.Combine("cache"),
            Jobs = "3",
            IpfsGateway = "http://127.0.0.1:8080",
            AllowUnverified = true,
            Template = "iotjs",
            Entry = "app/index.js",
            Minify = false,
            MaxFlashBytes = "65536",
            EngineProfile = "es.next",
            EmitFilesDirectory = "emit",
        };

        Assert.True(task.Execute(), engine.AllText);

        var r = Assert.IsType<BundleRequest>(core.Request);
        Assert.Equal(project.Directory, r.ProjectDirectory);
        Assert.Equal(project.Combine("obj", "ipm"), r.OutputDirectory);
        Assert.Equal("http://127.0.0.1:9/registry/", r.Registry);
        // Relative paths are relative to the project, as everywhere in MSBuild (the core would take the current directory).
        Assert.Equal(project.Combine("locks", "ipm-lock.json"), r.LockFile);
        Assert.True(r.Locked);
        Assert.True(r.Offline);
        Assert.True(r.PreferOffline);
        Assert.Equal(project.Combine("cache"), r.CacheDirectory);
        Assert.Equal(3, r.Jobs);
        Assert.Equal("http://127.0.0.1:8080", r.IpfsGateway);
        Assert.True(r.AllowUnverified);
        Assert.Equal("iotjs", r.Template);
        Assert.Equal("app/index.js", r.Entry);
        Assert.False(r.Minify);
        Assert.Equal(65536L, r.MaxFlashBytes);
        Assert.Equal("es.next", r.EngineProfile);
        Assert.Equal(project.Combine("emit"), r.EmitFilesDirectory);
        Assert.Equal("fw", r.RootName);

        Assert.Equal(4, r.Modules.Count);
        var echotest = r.Modules[0];
        Assert.Equal(("echotest", "^0.0.1"), (echotest.Name, echotest.Spec));
        Assert.Equal(project.Path, echotest.SourceFile);
        Assert.Equal(project.LineOf("\"echotest\""), echotest.SourceLine);
        Assert.Null(echotest.Registry);
        Assert.Null(echotest.Files);

        var util = r.Modules[1];
        Assert.Equal(("@scope/util", "~1.3"), (util.Name, util.Spec));
        Assert.Equal("http://127.0.0.1:4873/", util.Registry);
        Assert.Equal("lib/**/*.js;data/*.json", util.Files);
        Assert.Equal("test/**", util.ExcludeFiles);
        Assert.Equal(project.LineOf("@scope/util"), util.SourceLine);

        // A bare folder takes its name from its package.json (empty here); file: keeps the declared name.
        Assert.Equal(("", "file:../app"), (r.Modules[2].Name, r.Modules[2].Spec));
        Assert.Equal(project.LineOf("../app"), r.Modules[2].SourceLine);
        Assert.Equal(("lib", "file:../lib"), (r.Modules[3].Name, r.Modules[3].Spec));
        Assert.Equal(Path.GetFullPath(Path.Combine(project.Directory, "..", "registry")), r.Modules[3].Registry);
        Assert.Empty(engine.Errors);
        Assert.Empty(engine.Warnings);
    }

    [Fact]
    public void Unset_parameters_leave_the_cores_defaults()
    {
        using var project = new ProjectOnDisk(Items);
        var core = new FakeCore();
        var task = new GenerateIpmSources(core.Invoke)
        {
            BuildEngine = new RecordingBuildEngine(),
            ProjectFile = project.Path,
            Modules = [project.Item("echotest", ("Version", "^0.0.1"))],
            OutputDirectory = "out",
            Template = "",
            Jobs = " ",
            EngineProfile = "",
            MaxFlashBytes = "",
        };

        Assert.True(task.Execute());

        var defaults = new BundleRequest { Modules = [], ProjectDirectory = "", OutputDirectory = "" };
        var r = core.Request!;
        Assert.Equal(defaults.Template, r.Template);
        Assert.Equal(defaults.Jobs, r.Jobs);
        Assert.Equal(defaults.EngineProfile, r.EngineProfile);
        Assert.Equal(defaults.Minify, r.Minify);
        Assert.Null(r.MaxFlashBytes);
        Assert.Null(r.Registry);
        Assert.Null(r.LockFile);
        Assert.Null(r.CacheDirectory);
        Assert.Null(r.Entry);
        Assert.False(r.Locked);
    }

    [Fact]
    public void Outputs_generated_files_with_their_kind_and_writes_the_list()
    {
        using var project = new ProjectOnDisk(Items);
        string[] files = [project.Combine("obj", "ipm", "ipm_modules.c"), project.Combine("obj", "ipm", "ipm_modules.h"),
            project.Combine("obj", "ipm", "modules.json"), project.Combine("obj", "ipm", "js", "echotest.c")];
        var core = new FakeCore((_, _, _) => Task.FromResult(FakeCore.Result(files)));
        var list = project.Combine("obj", "fw.proj.IpmGeneratedFiles.txt");
        var task = new GenerateIpmSources(core.Invoke)
        {
            BuildEngine = new RecordingBuildEngine(),
            ProjectFile = project.Path,
            Modules = [project.Item("echotest", ("Version", "^0.0.1"))],
            OutputDirectory = project.Combine("obj", "ipm"),
            GeneratedFilesList = list,
        };

        Assert.True(task.Execute());

        Assert.Equal(files, task.GeneratedFiles.Select(i => i.ItemSpec));
        Assert.Equal(["Source", "Header", "Other", "Source"], task.GeneratedFiles.Select(i => i.GetMetadata("Kind")));
        Assert.Equal(string.Join("", files.Select(f => f + "\n")), File.ReadAllText(list));

        // What the targets read back when generation is skipped is the same set of items.
        var read = new ReadIpmGeneratedFiles { BuildEngine = new RecordingBuildEngine(), ListFile = list };
        Assert.True(read.Execute());
        Assert.Equal(task.GeneratedFiles.Select(i => (i.ItemSpec, i.GetMetadata("Kind"))),
            read.Files.Select(i => (i.ItemSpec, i.GetMetadata("Kind"))));
    }

    [Fact]
    public void Lists_the_bundled_project_files_and_the_emit_folder_with_its_files_rewriting_them_only_on_change()
    {
        using var project = new ProjectOnDisk(Items);
        string main = project.Combine("src", "main.js"), lib = project.Combine("src", "lib", "own.js");
        string[] emitted = [project.Combine("emit", "node_modules", "app", "index.js"), project.Combine("emit", "src", "main.js")];
        var result = FakeCore.Result(project.Combine("obj", "ipm", "ipm_modules.c")) with { ProjectFiles = [main, lib, main], EmittedFiles = emitted };
        var core = new FakeCore((_, _, _) => Task.FromResult(result));
        string inputs = project.Combine("obj", "fw.proj.IpmInputFiles.txt"), emittedList = project.Combine("obj", "fw.proj.IpmEmittedFiles.txt");
        GenerateIpmSources NewTask(string? emit) => new(core.Invoke)
        {
            BuildEngine = new RecordingBuildEngine(),
            ProjectFile = project.Path,
            Modules = [project.Item("echotest", ("Version", "^0.0.1"))],
            OutputDirectory = project.Combine("obj", "ipm"),
            EmitFilesDirectory = emit,
            InputFilesList = inputs,
            EmittedFilesList = emittedList,
        };

        Assert.True(NewTask("emit").Execute());

        // Ordinally sorted, once each; the emit folder (relative to the project) leads its files.
        Assert.Equal($"{lib}\n{main}\n", File.ReadAllText(inputs));
        var folder = project.Combine("emit") + Path.DirectorySeparatorChar;
        Assert.Equal(string.Concat(new[] { folder }.Concat(emitted).Select(l => l + "\n")), File.ReadAllText(emittedList));
        var read = new ReadIpmGeneratedFiles { BuildEngine = new RecordingBuildEngine(), ListFile = emittedList };
        Assert.True(read.Execute());
        Assert.Equal(emitted, read.Files.Select(i => i.ItemSpec));
        Assert.Equal([folder], read.Folders.Select(i => i.ItemSpec));

        // The same result again leaves both lists alone.
        var past = new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(inputs, past);
        File.SetLastWriteTimeUtc(emittedList, past);
        Assert.True(NewTask("emit").Execute());
        Assert.Equal([past, past], new[] { inputs, emittedList }.Select(File.GetLastWriteTimeUtc));

        // No entry and no emit folder: no lists at all.
        result = result with { ProjectFiles = [], EmittedFiles = [] };
        Assert.True(NewTask(null).Execute());
        Assert.False(File.Exists(inputs));
        Assert.False(File.Exists(emittedList));
    }

    [Fact]
    public void Reading_a_list_that_does_not_exist_yet_gives_no_items()
    {
        var read = new ReadIpmGeneratedFiles
        {
            BuildEngine = new RecordingBuildEngine(),
            ListFile = Path.Combine(Path.GetTempPath(), $"ipm-missing-{Guid.NewGuid():N}.txt"),
        };

        Assert.True(read.Execute());
        Assert.Empty(read.Files);
    }

    [Fact]
    public void Restore_calls_its_core_once_and_outputs_the_lock_file()
    {
        using var project = new ProjectOnDisk(Items);
        var core = new FakeCore();
        var task = new RestoreIpmModules(core.Invoke)
        {
            BuildEngine = new RecordingBuildEngine(),
            ProjectFile = project.Path,
            Modules = [project.Item("echotest", ("Version", "^0.0.1"))],
            Offline = true,
        };

        Assert.True(task.Execute());
        Assert.Equal(1, core.Calls);
        Assert.True(core.Request!.Offline);
        Assert.Equal("/p/ipm-lock.json", task.LockFilePath);
    }

    [Fact]
    public void Tasks_are_cancelable_by_msbuild()
    {
        Assert.IsAssignableFrom<ICancelableTask>(new GenerateIpmSources());
        Assert.IsAssignableFrom<ICancelableTask>(new RestoreIpmModules());
    }
}
