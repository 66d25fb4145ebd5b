using System.Text;
using Bundler.Core.Generation;
using Bundler.Testing;

namespace Bundler.Integration.Tests.Generation;

/// <summary>Generates a table of awkward files, compiles it with a dumper using gcc's strict flags, runs it.</summary>
public sealed class RoundTripFixture : IDisposable
{
    private readonly TempDirectory _temp = new("ipm-roundtrip");

    public RoundTripFixture()
    {
        try
        {
            var files = new List<ModuleFile>
            {
                new("/bytes/all.bin", Enumerable.Range(0, 256).Select(b => (byte)b).ToArray()),

                // Every byte followed by digits: catches escapes that swallow the next character.
                new("/bytes/escape-then-digit.bin", Enumerable.Range(0, 256).SelectMany(b => new[] { (byte)b, (byte)'0', (byte)'7', (byte)'8', (byte)'a', (byte)'F' }).ToArray()),
                GeneratedC.File("/text/utf8.js", "// héllo wörld ✓ 😀 中文\nvar s = 'é\\u00e9';\n"),
                GeneratedC.File("/text/trigraphs.js", "??= ??( ??/ ??) ??' ??< ??! ??> ??- ???= '??/'\n??/\n"),
                GeneratedC.File("/text/backslash-eol.js", "a = 'x\\\ny';\\\r\n// end \\\n\\"),
                GeneratedC.File("/text/comments.js", "var s = '*/'; /* a */ var t = \"/*\"; // */\n*/"),
                GeneratedC.File("/text/quotes.js", "\"'\\\"\\'\n\t\r\n"),
                GeneratedC.File("/text/no-newline-at-end.js", "x"),
                new("/empty.js", []),
                GeneratedC.File("/weird/a*/b??=/ü x.js", "weird path\n"),
                GeneratedC.File("/node_modules/p/index.js", "module.exports = 1;\n"),
                GeneratedC.File("/node_modules/p/package.json", "{\"name\":\"p\",\"version\":\"1.0.0\"}\n"),
                new("/big/1mib.bin", Big()),

                // UTF-16 order puts U+1F600 before U+FF5E; strcmp (UTF-8 bytes) puts it after.
                GeneratedC.File("/u/\uFF5E.js", "1"),
                GeneratedC.File("/u/\U0001F600.js", "2"),
            };
            Table = new ModuleTable(GeneratedC.PackagesOf(files), files, "sha512-roundtrip/+=", "ipm roundtrip-test", "/text/utf8.js");
            Generated = GeneratedC.Generate(Table, _temp.Combine("gen"));
            var dumper = CCompiler.BuildExecutable(_temp.Combine("dump"),
                [GeneratedC.Source("dump.c"), .. GeneratedC.Sources(Generated)], [Generated], optimize: "-O0");
            Directory.CreateDirectory(_temp.Combine("out"));
            Lines = ProcessRunner.Run(dumper, [_temp.Combine("out")]).EnsureSuccess("dump").StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }
        catch
        {
            // xunit does not dispose a fixture whose constructor threw.
            _temp.Dispose();
            throw;
        }
    }

    internal ModuleTable Table { get; }

    public string Generated { get; }

    public IReadOnlyList<string> Lines { get; }

    public string Dumped(int index) => _temp.Combine("out", $"{index}.bin");

    public string Temp(string name) => _temp.Combine(name);

    public void Dispose() => _temp.Dispose();

    /// <summary>1 MiB mixing JavaScript-like text and random bytes, the slow and the common case.</summary>
    private static byte[] Big()
    {
        var data = new byte[1 << 20];
        new Random(42).NextBytes(data.AsSpan(0, data.Length / 2));
        var text = Encoding.UTF8.GetBytes("function f(a, b) { return a + \"?\" + b; } // ünïcode\n");
        for (var i = data.Length / 2; i < data.Length; i++)
        {
            data[i] = text[i % text.Length];
        }

        return data;
    }
}

public sealed class RoundTripTests(RoundTripFixture fixture) : IClassFixture<RoundTripFixture>
{
    [Fact]
    public void Every_file_comes_back_byte_for_byte()
    {
        var byPath = fixture.Table.Files.ToDictionary(f => f.VirtualPath, StringComparer.Ordinal);
        var fileLines = fixture.Lines.Where(l => char.IsAsciiDigit(l[0])).ToList();
        Assert.Equal(byPath.Count, fileLines.Count);
        foreach (var line in fileLines)
        {
            var parts = line.Split('\t');
            var expected = byPath[parts[4]].Content;
            Assert.Equal(expected.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), parts[1]);
            Assert.True(expected.AsSpan().SequenceEqual(File.ReadAllBytes(fixture.Dumped(int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture)))), parts[4]);
            Assert.Equal("1", parts[2]); // every entry points at its data (no NUL is stored: see the arm-none-eabi-size check)
        }
    }

    [Fact]
    public void Table_is_sorted_like_strcmp_and_carries_the_metadata()
    {
        var paths = fixture.Lines.Where(l => char.IsAsciiDigit(l[0])).Select(l => l.Split('\t')[4]).ToList();

        // strcmp compares bytes; for these paths that is ordinal order of their UTF-8 encodings.
        var expected = fixture.Table.Files.Select(f => f.VirtualPath)
            .OrderBy(p => Convert.ToHexString(Encoding.UTF8.GetBytes(p)), StringComparer.Ordinal).ToList();
        Assert.Equal(expected, paths);
        Assert.Contains("sentinel\t1\t1", fixture.Lines);
        Assert.Contains("counts\t15\t1", fixture.Lines);
        Assert.Contains($"entry\t{paths.IndexOf("/text/utf8.js")}", fixture.Lines);
        Assert.Contains("digest\tsha512-roundtrip/+=", fixture.Lines);
        Assert.Contains("generator\tipm roundtrip-test", fixture.Lines);
        var packageOf = fixture.Lines.Where(l => char.IsAsciiDigit(l[0])).ToDictionary(l => l.Split('\t')[4], l => l.Split('\t')[3], StringComparer.Ordinal);
        Assert.Equal("0", packageOf["/node_modules/p/index.js"]);
        Assert.Equal("-1", packageOf["/empty.js"]);
    }

    [Fact]
    public void Arm_cross_compiler_accepts_the_source_with_firmware_flags()
    {
        var obj = CCompiler.CompileForArm(Path.Combine(fixture.Generated, "ipm_modules.c"), fixture.Temp("ipm_modules.arm.o"), [fixture.Generated]);
        CCompiler.CompileForArm(Path.Combine(fixture.Generated, "ipm_resolver.c"), fixture.Temp("ipm_resolver.arm.o"), [fixture.Generated]);

        // The flash estimate the pipeline reports must match what the cross compiler lays out as data.
        var sections = ProcessRunner.Run(CCompiler.Find("arm-none-eabi-size"), ["-A", obj]).EnsureSuccess("size").StdOut
            .Split('\n').Select(l => l.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .Where(p => p.Length == 3 && p[0].StartsWith(".rodata", StringComparison.Ordinal) || p.Length == 3 && p[0] == ".data")
            .Sum(p => long.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture));
        var estimate = CodeGenerator.EstimateFlashBytes(fixture.Table);
        Assert.InRange(sections, 1 << 20, estimate);
        Assert.InRange(estimate - sections, 0, 512);
    }

    [Fact]
    public void An_empty_table_compiles_with_both_compilers()
    {
        var gen = GeneratedC.Generate(new ModuleTable([], [], "sha512-none", "ipm test", null), fixture.Temp("empty"));
        CCompiler.BuildExecutable(fixture.Temp("empty-dump"), [GeneratedC.Source("dump.c"), .. GeneratedC.Sources(gen)], [gen]);
        var result = ProcessRunner.Run(fixture.Temp("empty-dump"), [fixture.Temp("empty")]).EnsureSuccess("empty dump");
        Assert.Contains("counts\t0\t0", result.StdOut, StringComparison.Ordinal);
        Assert.Contains("entry\t-1", result.StdOut, StringComparison.Ordinal);
        foreach (var source in GeneratedC.Sources(gen))
        {
            CCompiler.CompileForArm(source, fixture.Temp("empty." + Path.GetFileNameWithoutExtension(source) + ".arm.o"), [gen]);
        }
    }
}
