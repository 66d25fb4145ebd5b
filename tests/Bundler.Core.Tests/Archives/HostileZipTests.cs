using System.Text;
using Bundler.Core.Archives;

namespace Bundler.Core.Tests.Archives;

/// <summary>Hostile .zip archives ("JS Registry" style <c>dist.zip</c>): rejected with their code, leaving no trace.</summary>
public sealed class HostileZipTests
{
    private static readonly Dictionary<string, Case> Cases = new(StringComparer.Ordinal)
    {
        ["zip dot-dot escape"] = new(() => Zip(z => z.File("package/../../canary/evil", "x")), "IPM5002", "package/../../canary/evil"),
        ["zip absolute path"] = new(() => Zip(z => z.File("/tmp/ipm-evil", "x")), "IPM5002", "absolute"),
        ["zip backslash traversal"] = new(() => Zip(z => z.File("package\\..\\..\\canary\\evil", "x")), "IPM5002", "backslash"),
        ["zip drive letter"] = new(() => Zip(z => z.File("C:/canary/evil", "x")), "IPM5002", "drive letter"),
        ["zip NUL in name"] = new(() => Zip(z => z.File("package/a.js\0/../../canary/evil", "x")), "IPM5002", "NUL"),
        ["zip invalid UTF-8 name"] = new(() => ZipBuilder.ReplaceAll(Zip(z => z.File("package/xx.js", "x")), "xx.js", [0xFF, 0xFE, .. ".js"u8]), "IPM5002", "UTF-8"),
        ["zip symbolic link"] = new(() => Zip(z => z.File("package/package.json", "{}").UnixTyped("package/link", 0xA000, Encoding.UTF8.GetBytes("/etc/passwd"))), "IPM5001", "package/link"),
        ["zip FIFO"] = new(() => Zip(z => z.UnixTyped("package/pipe", 0x1000, [])), "IPM5001", "FIFO"),
        ["zip socket"] = new(() => Zip(z => z.UnixTyped("package/sock", 0xC000, [])), "IPM5001", "socket"),
        ["zip unknown Unix type"] = new(() => Zip(z => z.UnixTyped("package/odd", 0xE000, [])), "IPM5001", "unknown Unix type 0xe000"),
        ["zip character device"] = new(() => Zip(z => z.UnixTyped("package/tty", 0x2000, [])), "IPM5001", "character device"),
        ["zip case collision"] = new(() => Zip(z => z.File("package/README.md", "1").File("package/readme.md", "2")), "IPM5003", "package/readme.md"),
        ["zip NFC collision"] = new(() => Zip(z => z.File("package/caf\u00e9.js", "1").File("package/cafe\u0301.js", "2")), "IPM5003", null),
        ["zip duplicate entry"] = new(() => Zip(z => z.File("package/index.js", "1").File("package/index.js", "2")), "IPM5004", "package/index.js"),
        ["zip 65 folders deep"] = new(() => Zip(z => z.File("package/" + string.Concat(Enumerable.Repeat("d/", 64)) + "f.js", "x")), "IPM5005", null),
        ["zip path of 1,108 bytes"] = new(() => Zip(z => z.File("package/" + string.Concat(Enumerable.Repeat(new string('a', 99) + "/", 10)) + new string('a', 100) , "x")), "IPM5006", "1108-byte path"),
        ["zip more entries than the limit"] = new(() => Zip(z => Enumerable.Range(0, 6).ToList().ForEach(i => z.File($"package/f{i}", "x"))), "IPM5007", null,
            ExtractionLimits.Default with { MaxEntries = 5 }),
        ["zip over the unpacked limit"] = new(() => Zip(z => z.File("package/a.bin", HostileTarTests.Random(100_000, 8))), "IPM5008", null,
            ExtractionLimits.Default with { MaxUnpackedBytes = 64 * 1024 }),
        // The central directory claims 1,000 bytes, under the limit; only the bytes counted while copying reveal 100,000.
        ["zip whose central directory understates random content past the unpacked limit"] = new(() => LieAboutSize(Zip(z => z.File("package/a.bin", HostileTarTests.Random(100_000, 11))), 1000), "IPM5008", null,
            ExtractionLimits.Default with { MaxUnpackedBytes = 64 * 1024 }),
        ["zip bomb, 10 MiB of zeros"] = new(() => Zip(z => z.File("package/zeros.bin", new byte[10 * 1024 * 1024])), "IPM5009", null),
        ["zip bomb behind a central directory that lies about the size"] = new(() => LieAboutSize(Zip(z => z.File("package/zeros.bin", new byte[10 * 1024 * 1024])), 1000), "IPM5009", null),
        ["zip local header differs from central directory"] = new(() => ZipBuilder.ReplaceFirst(Zip(z => z.File("package/aaa.js", "x")), "package/aaa.js", "package/bbb.js"u8.ToArray()), "IPM5011", "central directory"),
        ["zip cut in half"] = new(() => Half(Zip(z => z.File("package/a.bin", HostileTarTests.Random(20_000, 9)))), "IPM5011", null),
        ["zip encrypted entry"] = new(() => Zip(z => z.File("package/a.js", "x"), password: "secret"), "IPM5011", "encrypted"),
        ["not a zip at all"] = new(() => HostileTarTests.Random(3000, 10), "IPM5011", null),
    };

    public static TheoryData<string> Names => new(Cases.Keys);

    [Theory]
    [MemberData(nameof(Names))]
    public void Hostile_zip_is_rejected_with_its_code_and_leaves_no_trace(string name)
    {
        var c = Cases[name];
        var ex = ExtractionHarness.AssertRejected(c.Build(), ArchiveFormat.Zip, c.Code, c.Limits);
        if (c.Mentions is not null)
        {
            Assert.Contains(c.Mentions, ex.Message, StringComparison.Ordinal);
        }
    }

    private static byte[] Zip(Action<ZipBuilder> build, string? password = null)
    {
        var z = new ZipBuilder();
        build(z);
        return z.Build(password);
    }

    /// <summary>Sets the uncompressed size in the (first) central directory header; the local header keeps the truth.</summary>
    private static byte[] LieAboutSize(byte[] zip, uint size)
    {
        var copy = zip.ToArray();
        var central = copy.AsSpan().IndexOf("PK\u0001\u0002"u8);
        Assert.True(central > 0);
        BitConverter.GetBytes(size).CopyTo(copy, central + 24);
        return copy;
    }

    private static byte[] Half(byte[] bytes) => bytes[..(bytes.Length / 2)];

    private sealed record Case(Func<byte[]> Build, string Code, string? Mentions, ExtractionLimits? Limits = null);
}
