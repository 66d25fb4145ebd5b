using System.Text;
using System.Text.Json;
using Bundler.Core.Archives;
using Bundler.Core.Diagnostics;
using Bundler.Testing;

namespace Bundler.Core.Tests.Archives;

/// <summary>Archives that must extract, from real tools (npm pack, GNU tar) and from hand-built edge cases.</summary>
public sealed class ExtractionTests
{
    private static readonly Dictionary<string, string> Sources = new(StringComparer.Ordinal)
    {
        ["package.json"] = "{\"name\":\"echotest\",\"version\":\"0.0.1\",\"main\":\"index.js\"}",
        ["index.js"] = "module.exports = require('./lib/ü.js');\n",
        ["lib/ü.js"] = "module.exports = 'grüße 世界';\n",
        ["lib/empty.js"] = "",
        ["lib/" + new string('l', 150) + ".js"] = "// a name longer than a ustar name field\n",
        [string.Join('/', Enumerable.Range(0, 12).Select(i => $"folder{i:D2}")) + "/deep.js"] = "// a path longer than 100 bytes\n",
    };

    [Fact]
    public void A_tarball_made_by_npm_pack_extracts_to_exactly_the_packed_files()
    {
        using var temp = new TempDirectory();
        var source = WriteSources(temp.Combine("src"));
        var packed = Directory.CreateDirectory(temp.Combine("packed")).FullName;
        var result = ProcessRunner.Run("npm", ["pack", "--json", "--pack-destination", packed], source, timeout: TimeSpan.FromMinutes(2)).EnsureSuccess("npm pack");
        var info = JsonDocument.Parse(result.StdOut).RootElement[0];
        var tgz = Path.Combine(packed, info.GetProperty("filename").GetString()!);

        var output = temp.Combine("out");
        var extracted = PackageExtractor.Extract(tgz, ArchiveFormat.TarGz, output, "echotest@0.0.1", ExtractionLimits.Default);

        Assert.Equal(Sources, ExtractionHarness.Files(output));
        Assert.Equal(Sources.Count, extracted.Files);
        ManifestCheck.Verify(output, "echotest", "0.0.1", "echotest@0.0.1");
    }

    [Theory]
    [InlineData("gnu")]
    [InlineData("pax")]
    [InlineData("ustar")]
    public void A_tarball_made_by_gnu_tar_extracts(string format)
    {
        using var temp = new TempDirectory();
        var sources = format == "ustar" ? Sources.Where(s => !s.Key.Contains("llll", StringComparison.Ordinal)).ToDictionary() : Sources;
        WriteSources(temp.Combine("src", "package"), sources);
        var tgz = temp.Combine("archive.tgz");
        ProcessRunner.Run("tar", [$"--format={format}", "-czf", tgz, "package"], temp.Combine("src")).EnsureSuccess("tar");

        var output = temp.Combine("out");
        PackageExtractor.Extract(tgz, ArchiveFormat.TarGz, output, "echotest@0.0.1", ExtractionLimits.Default);

        Assert.Equal(sources, ExtractionHarness.Files(output));
    }

    [Fact]
    public void Hand_built_edge_cases_that_are_fine_extract()
    {
        using var temp = new TempDirectory();
        var longName = "package/" + new string('g', 180) + ".js";
        var tgz = new TarBuilder()
            .Pax('g', ("comment", "git archive writes the commit id here"))
            .Folder("./package/")
            .File("./package/a.js", "a")
            .File("package/lib/b.js", "b")
            .Folder("package/lib/")
            .File("package/empty.js", "")
            .Pax('x', ("path", "package/ünïcödé/" + new string('p', 150) + ".js"), ("mtime", "1.5"))
            .File("package/placeholder", "pax")
            .LongName(Encoding.UTF8.GetBytes(longName))
            .Entry(Encoding.UTF8.GetBytes(longName)[..100], (byte)'0', "gnu"u8.ToArray())
            .Entry("file.js"u8.ToArray(), (byte)'0', "prefixed"u8.ToArray(), prefix: "package/some/dir"u8.ToArray())
            .File("README-beside-the-top-folder", "ignored, as npm does")
            .End()
            .TarGz();

        var output = ExtractionHarness.Extract(temp, tgz, ArchiveFormat.TarGz);

        var expected = new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["a.js"] = "a",
            ["lib/b.js"] = "b",
            ["empty.js"] = "",
            ["ünïcödé/" + new string('p', 150) + ".js"] = "pax",
            [new string('g', 180) + ".js"] = "gnu",
            ["some/dir/file.js"] = "prefixed",
        };
        Assert.Equal(expected, ExtractionHarness.Files(output));
    }

    [Fact]
    public void A_zip_extracts_with_its_top_folder_stripped()
    {
        using var temp = new TempDirectory();
        var zip = new ZipBuilder().Folder("package/").File("package/package.json", "{}").Folder("package/lib/")
            .File("package/lib/ü.js", "ü").File("package/lib/empty.js", "").Build();

        var output = ExtractionHarness.Extract(temp, zip, ArchiveFormat.Zip);

        var expected = new SortedDictionary<string, string>(StringComparer.Ordinal) { ["package.json"] = "{}", ["lib/ü.js"] = "ü", ["lib/empty.js"] = "" };
        Assert.Equal(expected, ExtractionHarness.Files(output));
    }

    [Fact]
    public void Limits_are_inclusive()
    {
        using var temp = new TempDirectory();
        var deep = "package/" + string.Concat(Enumerable.Repeat("d/", 63)) + "f.js";
        var longPath = "package/" + string.Concat(Enumerable.Repeat(new string('a', 200) + "/", 4)) + new string('b', 1024 - 8 - (4 * 201));
        var tgz = new TarBuilder().Pax('x', ("path", deep)).File("package/x", "deep").Pax('x', ("path", longPath)).File("package/y", "long")
            .File("package/small-zeros.bin", new byte[900 * 1024]).End().TarGz();

        var output = ExtractionHarness.Extract(temp, tgz, ArchiveFormat.TarGz, ExtractionLimits.Default with { MaxEntries = 3 });

        Assert.Equal(3, Directory.EnumerateFiles(output, "*", SearchOption.AllDirectories).Count());
    }

    [Fact]
    public void An_existing_destination_is_replaced_whole_and_nothing_is_left_beside_it()
    {
        using var temp = new TempDirectory();
        var output = temp.Combine("work", "out");
        var first = new TarBuilder().File("package/old.js", "old").End().TarGz();
        var second = new TarBuilder().File("package/new.js", "new").End().TarGz();
        File.WriteAllBytes(temp.Combine("1.tgz"), first);
        File.WriteAllBytes(temp.Combine("2.tgz"), second);

        PackageExtractor.Extract(temp.Combine("1.tgz"), ArchiveFormat.TarGz, output, "x@1.0.0", ExtractionLimits.Default);
        PackageExtractor.Extract(temp.Combine("2.tgz"), ArchiveFormat.TarGz, output, "x@1.0.0", ExtractionLimits.Default);

        Assert.Equal(new SortedDictionary<string, string>(StringComparer.Ordinal) { ["new.js"] = "new" }, ExtractionHarness.Files(output));
        Assert.Equal(["out"], Directory.EnumerateFileSystemEntries(temp.Combine("work")).Select(Path.GetFileName));
    }

    [Theory]
    [InlineData("{\"name\":\"echotest\",\"version\":\"0.0.1\"}", null)]
    [InlineData("{\"name\":\"echotest\",\"version\":\"v0.0.1\"}", null)]
    [InlineData("{\"name\":\"other\",\"version\":\"0.0.1\"}", "IPM5012")]
    [InlineData("{\"name\":\"echotest\",\"version\":\"0.0.2\"}", "IPM5012")]
    [InlineData("{\"name\":\"echotest\"}", "IPM5012")]
    [InlineData("not json", "IPM5013")]
    [InlineData(null, "IPM5013")]
    public void The_extracted_manifest_must_name_the_requested_package(string? manifest, string? code)
    {
        using var temp = new TempDirectory();
        if (manifest is not null)
        {
            temp.Write("package.json", manifest);
        }

        var verify = () => ManifestCheck.Verify(temp.Path, "echotest", "0.0.1", "echotest@0.0.1");
        if (code is null)
        {
            verify();
        }
        else
        {
            Assert.Equal(code, Assert.Throws<IpmException>(verify).Code);
        }
    }

    private static string WriteSources(string root, IReadOnlyDictionary<string, string>? sources = null)
    {
        foreach (var (path, text) in sources ?? Sources)
        {
            var full = Path.Combine(root, path);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }

        return root;
    }
}
