using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Bundler.Integration.Tests.Generation;
using Bundler.Testing;

namespace Bundler.Integration.Tests.Cli;

/// <summary>
/// The digest a device reports is the digest of the lock it was built from: after <c>ipm bundle</c>, the generated
/// C compiled with gcc prints <c>ipm_lock_digest</c>, which must equal ipm-lock.json's <c>digest</c>, which must be
/// the sha512 of the lock text without its digest line.
/// </summary>
[Collection(VerdaccioFixture.Collection)]
public sealed class LockDigestCliTests : IDisposable
{
    private readonly TempDirectory _dir = new("ipm-digest");
    private readonly IpmProcess _ipm;

    public LockDigestCliTests(VerdaccioFixture registry)
    {
        registry.EnsurePublished(FoundationFixtures.All());
        _dir.Write("project/.npmrc", $"registry={registry.Url}\n");
        _dir.Write("project/package.json", """{"name":"digest-project","version":"1.0.0","dependencies":{"fx-app":"^1.0.0"}}""" + "\n");
        _ipm = new IpmProcess(_dir);
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void The_compiled_lock_digest_is_the_digest_of_the_lock_file()
    {
        var project = _dir.Combine("project");
        _ipm.Run(project, "bundle", "--manifest", "package.json", "--out", "gen").EnsureSuccess("ipm bundle");
        var gen = Path.Combine(project, "gen");
        var exe = CCompiler.BuildExecutable(_dir.Combine("dump"), [GeneratedC.Source("dump.c"), .. GeneratedC.Sources(gen)], [gen], optimize: "-O0");
        var files = Directory.CreateDirectory(_dir.Combine("dumped")).FullName;
        var lines = ProcessRunner.Run(exe, [files], _dir.Path).EnsureSuccess("dump").StdOut.Split('\n');
        var compiled = Assert.Single(lines, l => l.StartsWith("digest\t", StringComparison.Ordinal))["digest\t".Length..];

        var lockText = File.ReadAllText(Path.Combine(project, "ipm-lock.json"));
        var stated = (string)JsonNode.Parse(lockText)!["digest"]!;
        var digestLine = Assert.Single(lockText.Split('\n'), l => l.TrimStart().StartsWith("\"digest\":", StringComparison.Ordinal));
        var body = lockText.Replace(digestLine + "\n", "", StringComparison.Ordinal);
        var recomputed = "sha512-" + Convert.ToBase64String(SHA512.HashData(Encoding.UTF8.GetBytes(body)));

        Assert.Equal(recomputed, stated);
        Assert.Equal(stated, compiled);
    }
}
