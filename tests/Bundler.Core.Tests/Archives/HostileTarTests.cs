using System.Text;
using Bundler.Core.Archives;
using static Bundler.Core.Tests.Archives.TarBuilder;

namespace Bundler.Core.Tests.Archives;

/// <summary>
/// Hostile .tgz archives, each built here byte by byte. Every one must be rejected with its code, and the
/// extraction must leave no trace: the canary beside the output stays empty and the output keeps its content.
/// </summary>
public sealed class HostileTarTests
{
    private const string Code5001 = "IPM5001", Code5002 = "IPM5002", Code5003 = "IPM5003", Code5004 = "IPM5004",
        Code5005 = "IPM5005", Code5006 = "IPM5006", Code5007 = "IPM5007", Code5008 = "IPM5008", Code5009 = "IPM5009",
        Code5010 = "IPM5010", Code5011 = "IPM5011";

    private static readonly Dictionary<string, Case> Cases = new(StringComparer.Ordinal)
    {
        // Entry types other than file and folder.
        ["symbolic link"] = new(() => Tgz(t => t.File("package/package.json", "{}").Typed("package/link", '2', "/etc/passwd")), Code5001, "package/link"),
        ["hard link"] = new(() => Tgz(t => t.File("package/package.json", "{}").Typed("package/hard", '1', "package/package.json")), Code5001, "package/hard"),
        ["character device"] = new(() => Tgz(t => t.Typed("package/tty", '3')), Code5001, "character device"),
        ["block device"] = new(() => Tgz(t => t.Typed("package/sda", '4')), Code5001, "block device"),
        ["FIFO"] = new(() => Tgz(t => t.Typed("package/pipe", '6')), Code5001, "FIFO"),
        ["unknown type Z"] = new(() => Tgz(t => t.Typed("package/odd", 'Z')), Code5001, "package/odd"),
        ["contiguous file, silently skipped by SharpZipLib"] = new(() => Tgz(t => t.Typed("package/c.js", '7')), Code5001, "package/c.js"),
        ["GNU long link record"] = new(() => Tgz(t => t.Entry(Ascii("././@LongLink"), (byte)'K', Ascii("/etc/passwd\0"))), Code5001, null),

        // Paths that leave the folder or mean something else on another OS.
        ["absolute path"] = new(() => Tgz(t => t.File("/tmp/ipm-evil", "x")), Code5002, "/tmp/ipm-evil"),
        ["dot-dot escape"] = new(() => Tgz(t => t.File("package/../../canary/evil", "x")), Code5002, "package/../../canary/evil"),
        ["dot-dot deep inside"] = new(() => Tgz(t => t.File("package/lib/../../../canary/evil", "x")), Code5002, null),
        ["drive letter"] = new(() => Tgz(t => t.File("C:/canary/evil", "x")), Code5002, "C:/canary/evil"),
        ["drive-relative segment"] = new(() => Tgz(t => t.File("package/C:evil.js", "x")), Code5002, null),
        ["backslash traversal"] = new(() => Tgz(t => t.File("package\\..\\..\\canary\\evil", "x")), Code5002, null),
        ["NUL in PAX path"] = new(() => Tgz(t => t.Pax('x', ("path", "package/a.js\0/../../../canary/evil")).File("package/a.js", "x")), Code5002, "NUL"),
        ["NUL in GNU long name"] = new(() => Tgz(t => LongNameEntry(t, "package/" + new string('a', 100) + "\0/../../../canary/evil")), Code5002, "NUL"),
        ["newline in name"] = new(() => Tgz(t => t.File("package/evil\nname.js", "x")), Code5002, "evil\\x0aname.js"),
        ["invalid UTF-8 name"] = new(() => Tgz(t => t.Entry([.. Ascii("package/"), 0xFF, 0xFE, .. Ascii(".js")], (byte)'0', [1])), Code5002, "UTF-8"),
        ["invalid UTF-8 in PAX path"] = new(() => Tgz(t => t.PaxRaw('x', PaxRecord("path", [.. Ascii("package/"), 0xC3, 0x28])).File("package/x", "x")), Code5002, "UTF-8"),

        // Names that land on one file somewhere.
        ["Unicode NFC collision"] = new(() => Tgz(t => t.File("package/caf\u00e9.js", "1").File("package/cafe\u0301.js", "2")), Code5003, "package/cafe\u0301.js"),
        ["case collision"] = new(() => Tgz(t => t.File("package/README.md", "1").File("package/readme.md", "2")), Code5003, "package/readme.md"),
        ["case collision of folders"] = new(() => Tgz(t => t.File("package/Lib/a.js", "1").File("package/lib/b.js", "2")), Code5003, null),
        ["file then folder of the same name"] = new(() => Tgz(t => t.File("package/lib", "x").File("package/lib/a.js", "y")), Code5003, null),
        ["folder then file of the same name"] = new(() => Tgz(t => t.Folder("package/lib/").File("package/lib", "x")), Code5003, null),
        ["trailing dot, one file on Windows"] = new(() => Tgz(t => t.File("package/a.js", "1").File("package/a.js.", "2")), Code5003, null),
        ["duplicate file"] = new(() => Tgz(t => t.File("package/index.js", "1").File("package/index.js", "2")), Code5004, "package/index.js"),
        ["duplicate folder"] = new(() => Tgz(t => t.Folder("package/lib/").Folder("package/lib/")), Code5004, "package/lib/"),

        // Sizes and counts.
        ["65 folders deep"] = new(() => Tgz(t => t.Pax('x', ("path", "package/" + string.Concat(Enumerable.Repeat("d/", 64)) + "f.js")).File("package/f.js", "x")), Code5005, null),
        ["path of 1,108 bytes"] = new(() => Tgz(t => t.Pax('x', ("path", "package/" + string.Concat(Enumerable.Repeat(new string('a', 99) + "/", 10)) + new string('a', 100))).File("package/a", "x")), Code5006, "1108-byte path"),
        ["file name of 256 bytes"] = new(() => Tgz(t => t.Pax('x', ("path", "package/" + new string('n', 256))).File("package/a", "x")), Code5006, "256-byte file or folder name"),
        ["20,001 entries"] = new(() => Tgz(t => Many(t, 20_001)), Code5007, "20000", ExtractionLimits.Default with { MaxCompressionRatio = 1e9 }),
        ["header claims 600 MiB"] = new(() => Tgz(t => t.Entry(Ascii("package/big.bin"), (byte)'0', [], declaredSize: 600L * 1024 * 1024)), Code5008, null),
        ["files over the unpacked limit"] = new(() => Tgz(t => t.File("package/a.bin", Random(40_000, 1)).File("package/b.bin", Random(40_000, 2))), Code5008, null,
            ExtractionLimits.Default with { MaxUnpackedBytes = 64 * 1024 }),
        ["gzip bomb, 10 MiB of zeros"] = new(() => Tgz(t => t.File("package/zeros.bin", new byte[10 * 1024 * 1024])), Code5009, null),
        ["zero padding bomb after the end marker"] = new(() => Tgz(t => t.File("package/a.js", "x").End().Raw(new byte[2 * 1024 * 1024])), Code5011, "padding",
            ExtractionLimits.Default with { MaxCompressionRatio = 1e9 }),

        // Extended headers that readers disagree about.
        ["PAX size disagrees with header"] = new(() => Tgz(t => t.Pax('x', ("size", "5")).File("package/a.js", "hello world")), Code5010, "PAX size"),
        ["PAX header over 64 KiB"] = new(() => Tgz(t => t.Pax('x', ("comment", new string('c', 70_000))).File("package/a.js", "x")), Code5010, null),
        ["GNU long name over 64 KiB"] = new(() => Tgz(t => LongNameEntry(t, "package/" + new string('n', 70_000))), Code5010, null),
        ["GNU long name disagrees with header"] = new(() => Tgz(t => t.LongName(Encoding.UTF8.GetBytes("package/" + new string('a', 120))).File("package/other.js", "x")), Code5010, "disagrees"),
        ["two PAX headers in a row"] = new(() => Tgz(t => t.Pax('x', ("path", "package/a.js")).Pax('x', ("path", "package/b.js")).File("package/c.js", "x")), Code5010, null),
        ["PAX global header sets a path"] = new(() => Tgz(t => t.Pax('g', ("path", "../../canary/evil")).File("package/a.js", "x")), Code5010, "path"),
        ["PAX sparse file"] = new(() => Tgz(t => t.Pax('x', ("GNU.sparse.size", "1000")).File("package/a.js", "x")), Code5010, "sparse"),
        ["malformed PAX record length"] = new(() => Tgz(t => t.PaxRaw('x', Ascii("99 path=package/x\n")).File("package/x", "x")), Code5010, null),
        ["repeated PAX key"] = new(() => Tgz(t => t.PaxRaw('x', [.. PaxRecord("path", Ascii("package/a")), .. PaxRecord("path", Ascii("package/b"))]).File("package/c", "x")), Code5010, null),
        ["PAX header at the end of the archive"] = new(() => Tgz(t => t.File("package/a.js", "x").Pax('x', ("path", "package/b.js"))), Code5010, null),
        ["base-256 size field"] = new(() => Tgz(t => t.Entry(Ascii("package/a.js"), (byte)'0', [], tweak: h => { Array.Clear(h, 124, 12); h[124] = 0x80; h[135] = 1; })), Code5010, "base-256"),
        ["folder entry with data"] = new(() => Tgz(t => t.Entry(Ascii("package/lib/"), (byte)'5', Ascii("hidden"))), Code5010, null),
        ["size field not octal"] = new(() => Tgz(t => t.Entry(Ascii("package/a.js"), (byte)'0', [], tweak: h => Ascii("00000000089\0").CopyTo(h, 124))), Code5010, null),

        // Broken framing.
        ["header checksum wrong"] = new(() => TarBuilder.Gzip(Flip(new TarBuilder().File("package/a.js", "x").End().Tar(), 0)), Code5011, "checksum"),
        ["gzip cut in half"] = new(() => Half(Tgz(t => t.File("package/a.bin", Random(20_000, 3)))), Code5011, null),
        ["gzip without its trailer"] = new(() => Tgz(t => t.File("package/a.js", "x"))[..^8], Code5011, null),
        ["trailing garbage after the gzip member"] = new(() => [.. Tgz(t => t.File("package/a.js", "x")), .. Ascii("garbage")], Code5011, "after the gzip member"),
        ["second gzip member"] = new(() => [.. Tgz(t => t.File("package/a.js", "x")), .. Tgz(t => t.File("package/b.js", "y"))], Code5011, null),
        ["gzip magic, random deflate data"] = new(() => [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, .. Random(4000, 4)], Code5011, null),
        ["gzip compression method 7"] = new(() => [0x1f, 0x8b, 7, 0, 0, 0, 0, 0, 0, 3, .. Random(100, 5)], Code5011, "method 7"),
        ["gzip reserved flags"] = new(() => [0x1f, 0x8b, 8, 0xE0, 0, 0, 0, 0, 0, 3, .. Random(100, 6)], Code5011, "reserved"),
        ["HTML error page"] = new(() => Ascii("<html><body>502 Bad Gateway</body></html>"), Code5011, "not gzip"),
        ["empty file"] = new(() => [], Code5011, "empty"),
        ["plain tar, not gzipped"] = new(() => new TarBuilder().File("package/a.js", "x").End().Tar(), Code5011, null),
        ["tar truncated inside a file"] = new(() => TarBuilder.Gzip(new TarBuilder().File("package/a.bin", Random(4096, 7)).Tar()[..1024]), Code5011, "truncated"),
        ["no end-of-archive marker"] = new(() => TarBuilder.Gzip(new TarBuilder().File("package/a.js", "x").Tar()), Code5011, null),
        ["entry after the end-of-archive marker"] = new(() => Tgz(t => t.File("package/a.js", "x").End().File("package/hidden.js", "y")), Code5011, null),
        ["lone zero block, then an entry"] = new(() => Tgz(t => t.Raw(new byte[512]).File("package/hidden.js", "y")), Code5011, null),
    };

    public static TheoryData<string> Names => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void Hostile_tgz_is_rejected_with_its_code_and_leaves_no_trace(string name)
    {
        var c = Cases[name];
        var ex = ExtractionHarness.AssertRejected(c.Build(), ArchiveFormat.TarGz, c.Code, c.Limits);
        if (c.Mentions is not null)
        {
            Assert.Contains(c.Mentions, ex.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_suite_covers_every_archive_code()
    {
        var codes = Cases.Values.Select(c => c.Code).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(codes, new HashSet<string>(["IPM5001", "IPM5002", "IPM5003", "IPM5004", "IPM5005", "IPM5006", "IPM5007", "IPM5008", "IPM5009", "IPM5010", "IPM5011"]));
    }

    private static byte[] Tgz(Action<TarBuilder> build)
    {
        var t = new TarBuilder();
        build(t);
        return t.End().TarGz();
    }

    private static void LongNameEntry(TarBuilder t, string longName)
    {
        var bytes = Encoding.UTF8.GetBytes(longName);
        t.LongName(bytes).Entry(bytes[..100], (byte)'0', Ascii("x"));
    }

    private static void Many(TarBuilder t, int count)
    {
        for (var i = 0; i < count; i++)
        {
            t.File($"package/f{i}", []);
        }
    }

    internal static byte[] Random(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static byte[] Flip(byte[] bytes, int at)
    {
        bytes[at] ^= 1;
        return bytes;
    }

    private static byte[] Half(byte[] bytes) => bytes[..(bytes.Length / 2)];

    private sealed record Case(Func<byte[]> Build, string Code, string? Mentions, ExtractionLimits? Limits = null);
}
