using System.Formats.Tar;
using System.IO.Compression;
using System.Text.RegularExpressions;
using Bundler.Testing;

namespace Bundler.Tasks.Tests.Targets;

/// <summary>
/// The build properties and item metadata as a firmware build meets them: real <c>dotnet build</c> runs with the
/// real tasks against the sample folder registry (no server), checked on the build log, the files emitted with
/// <c>IpmEmitFilesDir</c> and the lock file.
/// </summary>
public sealed partial class PipelineBuildTests
{
    [Fact]
    public void Over_the_flash_budget_the_build_fails_with_IPM7004_naming_the_largest_contributors()
    {
        using var project = NewProject("""<IpmModule Include="echotest" Version="^0.0.1" /><IpmModule Include="./app" />""");
        // The application is by far the largest package: a string of 4000 characters.
        Write(project, "app/index.js", "module.exports = '" + new string('x', 4000) + "' + require('echotest')('hi');\n");

        var over = Build(project, "IpmMaxFlashBytes=1000");

        Assert.NotEqual(0, over.ExitCode);
        var error = NeedsFlash().Match(over.Log);
        Assert.True(error.Success, over.Log);
        var needed = long.Parse(error.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(needed, 4000, 8000);
        Assert.Contains($"{needed - 1000} over the budget of 1000; largest: app@1.0.0 ", over.Log, StringComparison.Ordinal);
        Assert.Contains("(largest file /node_modules/app/index.js ", over.Log, StringComparison.Ordinal);
        Assert.Contains(", echotest@0.0.1 ", over.Log, StringComparison.Ordinal);

        // Exactly the bytes the error asked for are enough.
        Build(project, "IpmMaxFlashBytes=" + needed).EnsureSuccess();
    }

    [Fact]
    public void The_es51_profile_rejects_ES2015_files_by_their_path_on_disk_and_es_next_accepts_them()
    {
        using var project = NewProject("""<IpmModule Include="./app" />""");
        Write(project, "app/index.js", "var a = 1;\nconst b = a + 1;\nmodule.exports = b;\n");
        Write(project, "src/main.js", "var app = require('app');\nlet twice = app * 2;\nprint(twice);\n");

        var es51 = Build(project, "IpmEntry=src/main.js");

        Assert.NotEqual(0, es51.ExitCode);
        // The files as they are on disk, so that an IDE opens them at the line: the entry and the local package.
        Assert.Contains(Path.GetFullPath(project.Combine("src", "main.js")) + "(2): error IPM6001: let declaration", es51.Log, StringComparison.Ordinal);
        Assert.Contains(Path.GetFullPath(project.Combine("app", "index.js")) + "(2): error IPM6001: const declaration", es51.Log, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"(?m)(^|\s)/(src/main|node_modules/app/index)\.js\(2\)", es51.Log);

        var esNext = Build(project, "IpmEntry=src/main.js", "IpmEngineProfile=es.next").EnsureSuccess();
        Assert.True(Generated(esNext), esNext.Log);
        Assert.True(File.Exists(project.Combine("emit", "src", "main.js")));
    }

    [Fact]
    public void Files_and_ExcludeFiles_metadata_change_what_ships()
    {
        using var project = NewProject("""<IpmModule Include="./app" />""");
        Write(project, "app/extra/data.txt", "data\n");
        Write(project, "app/extra/secret.txt", "secret\n");
        Build(project).EnsureSuccess();
        Assert.Equal(["index.js", "package.json"], Emitted(project, "app"));

        project.Write("""<IpmModule Include="./app" Files="extra/*.txt" />""");
        var files = Build(project).EnsureSuccess();
        Assert.True(Generated(files), files.Log);
        Assert.Equal(["extra/data.txt", "extra/secret.txt", "index.js", "package.json"], Emitted(project, "app"));

        project.Write("""<IpmModule Include="./app" Files="extra/*.txt" ExcludeFiles="extra/secret.txt" />""");
        var excluded = Build(project).EnsureSuccess();
        Assert.True(Generated(excluded), excluded.Log);
        Assert.Equal(["extra/data.txt", "index.js", "package.json"], Emitted(project, "app"));
        Assert.DoesNotContain("secret", GeneratedC(project), StringComparison.Ordinal);
    }

    [Fact]
    public void IpmMinify_false_ships_the_bytes_of_the_published_archive()
    {
        using var project = NewProject("""<IpmModule Include="strutil" Version="1.0.0" />""");
        var published = Published("strutil", "1.0.0");

        Build(project, "IpmMinify=false").EnsureSuccess();
        Assert.Equal(published.Keys.Order(StringComparer.Ordinal), Emitted(project, "strutil"));
        foreach (var (file, bytes) in published)
        {
            Assert.Equal(bytes, File.ReadAllBytes(project.Combine("emit", "node_modules", "strutil", file)));
        }

        // The default minifies: the same file ships smaller.
        Build(project).EnsureSuccess();
        Assert.True(new FileInfo(project.Combine("emit", "node_modules", "strutil", "index.js")).Length < published["index.js"].Length);
    }

    [Fact]
    public void A_changed_lock_file_reruns_generation_and_the_bundle_follows_it()
    {
        using var project = NewProject("""<IpmModule Include="strutil" Version="1.0.0" />""");
        var lockFile = project.Combine("ipm-lock.json");
        Build(project).EnsureSuccess();
        var lockOf100 = File.ReadAllText(lockFile);

        project.Write("""<IpmModule Include="strutil" Version=">=1.0.0" />""");
        File.Delete(lockFile);
        Build(project).EnsureSuccess();
        Assert.Equal("2.1.0", EmittedVersion(project));
        Assert.True(Build(project).EnsureSuccess().Skipped("IpmGenerate"));

        // As after a checkout of an older lock: the project file is unchanged, only the lock differs.
        File.WriteAllText(lockFile, lockOf100);
        var run = Build(project).EnsureSuccess();

        Assert.False(run.Skipped("IpmGenerate"), run.Log);
        Assert.True(Generated(run), run.Log);
        Assert.Equal("1.0.0", EmittedVersion(project));
    }

    [Fact]
    public void Removing_an_IpmModule_removes_its_files_from_the_output()
    {
        const string both = """<IpmModule Include="echotest" Version="^0.0.1" /><IpmModule Include="./app" />""";
        using var project = NewProject(both);
        Build(project).EnsureSuccess();
        Assert.Contains("/node_modules/echotest/index.js", GeneratedC(project), StringComparison.Ordinal);
        Assert.True(Directory.Exists(project.Combine("emit", "node_modules", "echotest")));

        project.Write("""<IpmModule Include="./app" />""");
        var removed = Build(project).EnsureSuccess();

        Assert.True(Generated(removed), removed.Log);
        var c = GeneratedC(project);
        Assert.DoesNotContain("echotest", c, StringComparison.Ordinal);
        Assert.DoesNotContain("strutil", c, StringComparison.Ordinal);
        Assert.Contains("/node_modules/app/index.js", c, StringComparison.Ordinal);
        Assert.False(Directory.Exists(project.Combine("emit", "node_modules", "echotest")));
        Assert.False(Directory.Exists(project.Combine("emit", "node_modules", "strutil")));
        Assert.DoesNotContain("echotest", File.ReadAllText(project.Combine("ipm-lock.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void Locked_mode_with_a_lock_that_does_not_match_fails_with_IPM3005_and_leaves_the_lock_alone()
    {
        using var project = NewProject("""<IpmModule Include="echotest" Version="^0.0.1" />""");
        var lockFile = project.Combine("ipm-lock.json");
        Build(project).EnsureSuccess();
        var before = File.ReadAllBytes(lockFile);
        var stamp = File.GetLastWriteTimeUtc(lockFile);

        project.Write("""<IpmModule Include="echotest" Version="^0.0.1" /><IpmModule Include="strutil" Version="^2.0.0" />""");
        var locked = Build(project, "IpmLockedMode=true");

        Assert.NotEqual(0, locked.ExitCode);
        Assert.Matches(@"error IPM3005: lock file '[^']*ipm-lock\.json' does not match the declared modules", locked.Log);
        Assert.Equal(before, File.ReadAllBytes(lockFile));
        Assert.Equal(stamp, File.GetLastWriteTimeUtc(lockFile));
    }

    /// <summary>A project whose local package <c>app</c> requires nothing.</summary>
    private static TargetsProject NewProject(string items)
    {
        var project = new TargetsProject(items, fakes: false);
        File.WriteAllText(project.Combine("app", "index.js"), "module.exports = 'app';\n");
        return project;
    }

    private static void Write(TargetsProject project, string relative, string text)
    {
        var path = project.Combine(relative.Split('/'));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    /// <summary>The built-in generic template, the emitted file tree in <c>emit/</c>, and a cache and the sample
    /// folder registry of the test's own.</summary>
    private static BuildRun Build(TargetsProject project, params string[] more) => project.Build(
        ["IpmTemplate=generic", "IpmEmitFilesDir=emit/", "IpmCacheDir=cache", "IpmRegistry=" + Path.Combine(RepoPaths.Samples, "registry"), .. more]);

    private static bool Generated(BuildRun run) => run.Log.Contains("ipm: generated ", StringComparison.Ordinal);

    private static string GeneratedC(TargetsProject project) =>
        string.Concat(Directory.GetFiles(Path.Combine(project.IntermediateDir, "ipm"), "*.c").Order(StringComparer.Ordinal).Select(File.ReadAllText));

    /// <summary>The package-relative files of one package in the emitted tree, ordinally sorted.</summary>
    private static string[] Emitted(TargetsProject project, string package)
    {
        var root = project.Combine("emit", "node_modules", package);
        return Directory.GetFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/')).Order(StringComparer.Ordinal).ToArray();
    }

    private static string EmittedVersion(TargetsProject project) =>
        System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(project.Combine("emit", "node_modules", "strutil", "package.json")))!["version"]!.GetValue<string>();

    /// <summary>The files of a package's archive in the sample registry, read with the BCL's tar reader.</summary>
    private static Dictionary<string, byte[]> Published(string name, string version)
    {
        using var gz = new GZipStream(File.OpenRead(Path.Combine(RepoPaths.Samples, "registry", name, "-", $"{name}-{version}.tgz")), CompressionMode.Decompress);
        using var tar = new TarReader(gz);
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.EntryType is TarEntryType.RegularFile or TarEntryType.V7RegularFile && entry.DataStream is { } data)
            {
                using var bytes = new MemoryStream();
                data.CopyTo(bytes);
                files[entry.Name["package/".Length..]] = bytes.ToArray();
            }
        }

        return files;
    }

    [GeneratedRegex(@"error IPM7004: bundle needs (\d+) bytes of flash")]
    private static partial Regex NeedsFlash();
}
