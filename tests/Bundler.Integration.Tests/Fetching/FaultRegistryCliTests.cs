using System.Security.Cryptography;
using System.Text;
using Bundler.Testing.Servers;
using static Bundler.Integration.Tests.Fetching.CliAssert;
using static Bundler.Integration.Tests.Fetching.CliFixtures;

namespace Bundler.Integration.Tests.Fetching;

/// <summary>`ipm bundle` as a process against a registry that misbehaves in the ways real ones do.</summary>
public sealed class FaultRegistryCliTests : IAsyncLifetime
{
    private readonly IpmCli _cli = new();
    private readonly FaultRegistry _registry = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _registry.DisposeAsync();
        _cli.Dispose();
    }

    [Theory]
    [InlineData("500")]
    [InlineData("429")]
    [InlineData("reset")]
    [InlineData("short")]
    public void A_fault_on_every_packument_and_tarball_is_retried_and_the_bundle_succeeds(string fault)
    {
        var packages = PackedFixtures.Pack(App, Dep);
        var junk = Encoding.UTF8.GetBytes(new string(' ', 4096));
        _registry.Publish(packages, p => [Fault(fault, p.Tarball)], _ => [Fault(fault, junk)]);

        var result = _cli.Bundle(_registry.Url, ["cf-app@^1.0.0"], "--verbose");

        Succeeded(result);
        foreach (var p in packages)
        {
            Assert.Equal(2, _registry.PackumentRequests(p.Name));
            Assert.Equal(2, _registry.TarballRequests(p));
        }

        // One retry per request, after the registry's Retry-After (2 s) where it sent one, else the first backoff (1 s).
        var wait = fault == "429" ? "2000" : "1000";
        var retries = result.StdOut.Split('\n').Where(l => l.StartsWith("retry 1 of 2 for GET ", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, retries.Count);
        Assert.All(retries, l => Assert.Contains($" in {wait} ms: ", l, StringComparison.Ordinal));

        // The cache holds exactly npm's bytes, each under npm's own integrity, and nothing half-written.
        Assert.Equal(packages.Select(p => p.Integrity).Order(StringComparer.Ordinal), Entries(_cli.Cache).Select(Sha512).Order(StringComparer.Ordinal));
        Assert.Empty(TempFiles(_cli.Cache));
        Assert.Contains("cf-app uses", File.ReadAllText(Path.Combine(_cli.Out, "ipm_modules.c")), StringComparison.Ordinal);
    }

    [Fact]
    public void Bytes_that_do_not_match_the_integrity_fail_with_IPM4001_and_change_nothing()
    {
        var packages = PackedFixtures.Pack(App, Dep, Other);
        _registry.Publish(packages.Take(2));
        _registry.Server.On(FaultRegistry.TarballPath(packages[1]), FaultResponse.Ok(packages[2].Tarball));
        var before = PlantOutput(_cli.Out);

        var result = _cli.Bundle(_registry.Url, ["cf-app@^1.0.0"]);

        var line = Failed(result, "IPM4001");
        Assert.Contains("cf-dep@1.0.0", line, StringComparison.Ordinal);
        Assert.Contains("range '^1.0.0', required by root > cf-app@^1.0.0)", line, StringComparison.Ordinal);
        Assert.Contains(packages[1].Integrity, line, StringComparison.Ordinal);
        Assert.Contains(packages[2].Integrity, line, StringComparison.Ordinal);
        Assert.Equal(before, State(_cli.Out));
        Assert.False(File.Exists(_cli.Lock));
        Assert.DoesNotContain(Entries(_cli.Cache), e => Sha512(e) == packages[2].Integrity);
        Assert.Empty(TempFiles(_cli.Cache));
    }

    [Fact]
    public async Task A_tarball_redirected_to_another_host_is_fetched_without_the_npmrc_credential()
    {
        const string secret = "cli-secret-token-4711";
        var packages = PackedFixtures.Pack(App, Dep);
        await using var cdn = new FaultServer();
        _registry.Publish(packages);
        foreach (var p in packages)
        {
            var moved = $"/cdn/{p.Name}.tgz";
            cdn.On(moved, FaultResponse.Ok(p.Tarball));
            // "localhost" is another host than "127.0.0.1" for credentials, whatever the port.
            _registry.Server.On(FaultRegistry.TarballPath(p), FaultResponse.Redirect(cdn.Url(moved, "localhost").AbsoluteUri));
        }

        File.WriteAllText(Path.Combine(_cli.Project, ".npmrc"), $"registry={_registry.Url}\n//127.0.0.1:{_registry.Server.Port}/:_authToken={secret}\n");

        var result = _cli.Run("bundle", "cf-app@^1.0.0", "--cache", _cli.Cache, "--out", _cli.Out, "--verbose");

        Succeeded(result);
        var atRegistry = _registry.Server.Requests;
        Assert.Equal(4, atRegistry.Count);
        Assert.All(atRegistry, r => Assert.Equal("Bearer " + secret, r.Header("authorization")));
        Assert.Equal(2, cdn.Requests.Count);
        Assert.All(cdn.Requests, r => Assert.Null(r.Header("authorization")));
        Assert.StartsWith("localhost:", cdn.Requests[0].Header("host"), StringComparison.Ordinal);
        Assert.Contains("302 redirect", result.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, result.All, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, File.ReadAllText(_cli.Lock), StringComparison.Ordinal);
        Assert.All(Directory.GetFiles(_cli.Out), f => Assert.DoesNotContain(secret, File.ReadAllText(f), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("text/html")]
    [InlineData("application/json")]
    public void An_html_page_where_a_packument_was_expected_fails_with_IPM2004_and_changes_nothing(string contentType)
    {
        var packages = PackedFixtures.Pack(App, Dep);
        _registry.Publish(packages);
        _registry.Server.On(FaultRegistry.PackumentPath("cf-dep"),
            FaultResponse.Text("<!DOCTYPE html><html><body><h1>Sign in to continue</h1></body></html>", contentType));
        var before = PlantOutput(_cli.Out);

        var result = _cli.Bundle(_registry.Url, ["cf-app@^1.0.0"]);

        var line = Failed(result, "IPM2004");
        Assert.Contains("'cf-dep'", line, StringComparison.Ordinal);
        Assert.Equal(before, State(_cli.Out));
        Assert.False(File.Exists(_cli.Lock));
        Assert.Empty(Entries(_cli.Cache));
    }

    [Fact]
    public void Packages_without_integrity_or_shasum_are_refused_unless_allow_unverified_is_given()
    {
        var packages = PackedFixtures.Pack(App, Dep);
        _registry.Publish(packages, editDist: (_, dist) =>
        {
            dist.Remove("integrity");
            dist.Remove("shasum");
        });
        var before = PlantOutput(_cli.Out);

        var refused = _cli.Bundle(_registry.Url, ["cf-app@^1.0.0"]);
        var before2 = State(_cli.Out);
        var allowed = _cli.Bundle(_registry.Url, ["cf-app@^1.0.0"], "--allow-unverified");

        Failed(refused, "IPM4002");
        Assert.Equal(before, before2);
        Succeeded(allowed);
        Assert.Equal(2, allowed.StdErr.Split('\n').Count(l => l.StartsWith("warning IPM4003: ", StringComparison.Ordinal)));
        Assert.NotEqual(before, State(_cli.Out));
    }

    [Fact]
    public void Jobs_bounds_the_downloads_running_at_once()
    {
        var packages = PackedFixtures.Pack(Chain);
        _registry.Publish(packages);
        foreach (var p in packages)
        {
            // Every download of a tarball takes a second or more, so downloads allowed to overlap certainly do.
            _registry.Server.On(FaultRegistry.TarballPath(p), FaultResponse.Drip(p.Tarball, 400, TimeSpan.FromMilliseconds(100)));
        }

        var bad = _cli.Bundle(_registry.Url, ["cf-chain1"], "--jobs", "0");
        var afterBad = State(_cli.Out);
        var two = _cli.Bundle(_registry.Url, ["cf-chain1"], "--jobs", "2");
        var withTwo = _registry.Server.MaxConcurrentRequests;
        var five = _cli.Run([.. _cli.BundleArgs(_registry.Url, ["cf-chain1"], cache: _cli.Combine("cache5")), "--jobs", "5"]);

        Failed(bad, "IPM1000", exitCode: 2);
        Assert.Equal("(absent)", afterBad);
        Succeeded(two);
        Succeeded(five);
        Assert.Equal(2, withTwo);
        Assert.Equal(5, _registry.Server.MaxConcurrentRequests);
    }

    internal static string Sha512(string file) => "sha512-" + Convert.ToBase64String(SHA512.HashData(File.ReadAllBytes(file)));

    private static FaultResponse Fault(string kind, byte[] body) => kind switch
    {
        "500" => FaultResponse.Error(500),
        "429" => FaultResponse.Error(429, retryAfter: "2"),
        "reset" => FaultResponse.Reset(body, body.Length / 2),
        "short" => FaultResponse.Short(body, body.Length / 2),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };
}
