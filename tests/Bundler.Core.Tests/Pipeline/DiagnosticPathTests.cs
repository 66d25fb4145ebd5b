using System.Text;
using Bundler.Core.Diagnostics;
using Bundler.Core.Pipeline;
using Bundler.Testing;

namespace Bundler.Core.Tests.Pipeline;

/// <summary>
/// JavaScript diagnostics name files a person can open: a project file and a file of a local package folder by
/// their full path on disk, a file of a registry archive (held in memory, nowhere on disk) by its virtual path.
/// </summary>
public sealed class DiagnosticPathTests
{
    private const string Es2015 = "var a = 1;\nlet b = 2;\nmodule.exports = a + b;\n";

    [Fact]
    public void Preflight_errors_name_project_and_local_files_on_disk_and_archive_files_virtually()
    {
        using var temp = new TempDirectory("ipm-diag-paths");
        temp.Write("src/main.js", "require('app');\nlet x = require('reg');\n");
        var local = Local(temp, Es2015);
        var log = new RecordingBundleLog();

        var ex = Assert.Throws<IpmException>(() => ModelStage.Build(Request(temp), [local, Archive(Es2015)], "digest", log));

        var errors = log.Diagnostics.Prepend(ex.Diagnostic).Where(d => d.Code == "IPM6001").ToList();
        var where = errors.Select(d => $"{d.File}({d.Line})").Order(StringComparer.Ordinal).ToList();
        string[] expected =
        [
            "/node_modules/reg/index.js(2)",
            Path.GetFullPath(temp.Combine("app", "index.js")) + "(2)",
            Path.GetFullPath(temp.Combine("src", "main.js")) + "(2)",
        ];
        Assert.Equal(expected.Order(StringComparer.Ordinal), where);
        Assert.All(errors.Where(d => d.File!.StartsWith(temp.Path, StringComparison.Ordinal)), d => Assert.True(File.Exists(d.File), d.File));
    }

    [Fact]
    public void Require_warnings_and_lexer_errors_of_a_local_package_name_its_file_on_disk()
    {
        using var temp = new TempDirectory("ipm-diag-paths");
        temp.Write("src/main.js", "require('app');\n");
        var local = Local(temp, "var m = 'missing';\nrequire(m);\nrequire('./gone');\n");
        var log = new RecordingBundleLog();

        ModelStage.Build(Request(temp), [local], "digest", log);

        var file = Path.GetFullPath(temp.Combine("app", "index.js"));
        Assert.Contains(log.Diagnostics, d => d.Code == "IPM6003" && d.File == file && d.Line == 2);
        Assert.Contains(log.Diagnostics, d => d.Code == "IPM7005" && d.File == file && d.Line == 3);

        File.WriteAllText(file, "var s = 'unterminated;\n");
        var ex = Assert.Throws<IpmException>(() => ModelStage.Build(Request(temp), [Local(temp, null)], "digest", new RecordingBundleLog()));
        Assert.Equal("IPM6004", ex.Code);
        Assert.Equal(file, ex.Diagnostic.File);
        Assert.StartsWith(file + "(1): error IPM6004", ex.Diagnostic.ToString(), StringComparison.Ordinal);
    }

    private static BundleRequest Request(TempDirectory temp) => new()
    {
        Modules = [],
        ProjectDirectory = temp.Path,
        OutputDirectory = temp.Combine("out"),
        RootName = "fw",
        Entry = "src/main.js",
        Minify = false,
    };

    /// <summary>A local package folder <c>app</c> in the project, as ContentStage describes one.</summary>
    private static PackageContent Local(TempDirectory temp, string? index)
    {
        temp.Write("app/package.json", "{ \"name\": \"app\", \"version\": \"1.0.0\" }\n");
        if (index is not null)
        {
            temp.Write("app/index.js", index);
        }

        var source = PackageSource.Disk(temp.Combine("app"), local: true);
        return new PackageContent("app", "1.0.0", "/node_modules/app", source, source.ListFiles(), [], [], [], TopLevel: true);
    }

    /// <summary>A registry package extracted into memory: it has no file on disk.</summary>
    private static PackageContent Archive(string index)
    {
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["index.js"] = Encoding.UTF8.GetBytes(index),
            ["package.json"] = Encoding.UTF8.GetBytes("{ \"name\": \"reg\", \"version\": \"2.0.0\" }\n"),
        };
        var source = PackageSource.Memory(files);
        return new PackageContent("reg", "2.0.0", "/node_modules/reg", source, source.ListFiles(), [], [], [], TopLevel: true);
    }
}
