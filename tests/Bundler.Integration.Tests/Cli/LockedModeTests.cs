using System.Text.Json.Nodes;
using Bundler.Testing;

namespace Bundler.Integration.Tests.Cli;

/// <summary>
/// <c>ipm bundle --locked</c> through the real process: a lock that does not match the declared modules is IPM3005
/// naming the change, a missing lock is IPM3006, a matching lock builds; in every case the lock file is left
/// exactly as it was (bytes and time stamp) and a failure writes no output.
/// </summary>
[Collection(VerdaccioFixture.Collection)]
public sealed class LockedModeTests : IDisposable
{
    // A time no run of the test can produce: a rewrite of the lock, even with the same bytes, moves it.
    private static readonly DateTime Planted = new(2001, 2, 3, 4, 5, 6, DateTimeKind.Utc);
    private readonly TempDirectory _dir = new("ipm-locked");
    private readonly IpmProcess _ipm;

    public LockedModeTests(VerdaccioFixture registry)
    {
        registry.EnsurePublished(FoundationFixtures.All());
        _dir.Write("project/.npmrc", $"registry={registry.Url}\n");
        Declare("""{"fx-app":"^1.0.0"}""");
        _ipm = new IpmProcess(_dir);
    }

    private string Project => _dir.Combine("project");

    private string LockPath => Path.Combine(Project, "ipm-lock.json");

    private string Gen => Path.Combine(Project, "gen");

    public void Dispose() => _dir.Dispose();

    private void Declare(string dependencies) =>
        _dir.Write("project/package.json", $$"""{"name":"locked-project","version":"1.0.0","dependencies":{{dependencies}}}""" + "\n");

    private ProcessResult BundleLocked() => _ipm.Run(Project, "bundle", "--manifest", "package.json", "--locked", "--out", "gen");

    private byte[] LockAndPlantTime()
    {
        _ipm.Run(Project, "lock", "--manifest", "package.json").EnsureSuccess("ipm lock");
        File.SetLastWriteTimeUtc(LockPath, Planted);
        return File.ReadAllBytes(LockPath);
    }

    private static string ErrorLine(ProcessResult result, string code)
    {
        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(IpmProcess.Diagnostics(result), l => l.StartsWith("error ", StringComparison.Ordinal));
        Assert.StartsWith($"error {code}: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.All, StringComparison.Ordinal);
        return line;
    }

    private void AssertLockUntouched(byte[] before)
    {
        Assert.Equal(before, File.ReadAllBytes(LockPath));
        Assert.Equal(Planted, File.GetLastWriteTimeUtc(LockPath));
    }

    [Fact]
    public void Declared_modules_that_differ_from_the_lock_fail_with_IPM3005_naming_each_change()
    {
        Declare("""{"fx-a":"^1.0.0","fx-app":"^1.0.0","fx-c":"^1.0.0"}""");
        var before = LockAndPlantTime();
        Declare("""{"fx-app":"~1.0.0","fx-b":"^1.0.0","fx-c":"^1.0.0"}""");

        var line = ErrorLine(BundleLocked(), "IPM3005");

        Assert.Contains(LockPath, line, StringComparison.Ordinal);
        Assert.Contains("added fx-b@^1.0.0", line, StringComparison.Ordinal);
        Assert.Contains("fx-app changed from '^1.0.0' to '~1.0.0'", line, StringComparison.Ordinal);
        Assert.Contains("removed fx-a", line, StringComparison.Ordinal);
        Assert.DoesNotContain("fx-c", line, StringComparison.Ordinal); // unchanged, so not named
        AssertLockUntouched(before);
        Assert.False(Directory.Exists(Gen), "a failed --locked run must write no output");
    }

    [Fact]
    public void No_lock_fails_with_IPM3006_and_creates_none()
    {
        var line = ErrorLine(BundleLocked(), "IPM3006");

        Assert.Contains(LockPath, line, StringComparison.Ordinal);
        Assert.False(File.Exists(LockPath), "--locked must never create the lock");
        Assert.False(Directory.Exists(Gen), "a failed --locked run must write no output");
    }

    [Fact]
    public void A_matching_lock_builds_without_rewriting_the_lock()
    {
        var before = LockAndPlantTime();

        var result = BundleLocked().EnsureSuccess("ipm bundle --locked");

        Assert.DoesNotContain(IpmProcess.Diagnostics(result), l => l.StartsWith("error", StringComparison.Ordinal));
        AssertLockUntouched(before);
        // The build used the lock: every locked package is in the generated table, at its locked version.
        var files = GeneratedFiles.Read(Path.Combine(Gen, "ipm_modules.c"));
        foreach (var (path, entry) in JsonNode.Parse(before)!["packages"]!.AsObject())
        {
            Assert.Contains($"\"version\": \"{(string)entry!["version"]!}\"", files[$"/{path}/package.json"], StringComparison.Ordinal);
        }
    }
}
