using Bundler.Core.Diagnostics;
using Bundler.Core.Registry;
using Bundler.Core.Registry.Http;
using Bundler.Core.Tests.Http;
using Bundler.Testing;
using Bundler.Testing.Servers;

namespace Bundler.Core.Tests.Registry;

/// <summary>The registry client against small registries on 127.0.0.1, one per shape real registries use.</summary>
public sealed class HttpRegistryTests
{
    private readonly RecordingBundleLog _log = new();

    private static FixturePackage[] Widget() =>
    [
        new FixturePackage("widget", "1.0.0"),
        new FixturePackage("widget", "1.1.0").DependsOn("gear", "^2.0.0"),
        new FixturePackage("widget", "3.1.0-SNAPSHOT"),
    ];

    private async Task<Packument?> ReadAsync(string registry, string name, ICredentialSource? credentials = null)
    {
        using var transport = HttpTestKit.Transport(_log, credentials);
        return await new HttpRegistry(new Uri(registry), transport).GetPackumentAsync(name, CancellationToken.None);
    }

    [Fact]
    public async Task A_plain_registry_is_asked_once_for_the_abbreviated_packument()
    {
        await using var registry = new MiniRegistry(new MiniRegistryOptions { PathPrefix = "/npm/repo/" });
        registry.Publish([.. Widget(), new FixturePackage("@acme/tool", "2.0.0")]);

        var widget = await ReadAsync(registry.Url, "widget");
        var scoped = await ReadAsync(registry.Url, "@acme/tool");

        Assert.Equal(["1.0.0", "1.1.0", "3.1.0-SNAPSHOT"], widget!.Versions.Keys);
        Assert.Equal("1.1.0", widget.DistTags["latest"]);
        Assert.Equal(PackageArchive.Integrity(registry.Archive("widget@1.1.0")), widget.Versions["1.1.0"].Dist.Integrity);
        Assert.Equal(new Uri(registry.Url + "widget/-/widget-1.1.0.tgz"), widget.Versions["1.1.0"].Dist.Tarball);
        Assert.Equal("^2.0.0", widget.Versions["1.1.0"].Dependencies["gear"]);
        Assert.Equal("2.0.0", Assert.Single(scoped!.Versions.Keys));
        Assert.Equal(["/npm/repo/widget", "/npm/repo/@acme%2ftool"], registry.Requests.Select(r => r.Target));
        Assert.All(registry.Requests, r => Assert.StartsWith("application/vnd.npm.install-v1+json", r.Header("accept"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_registry_that_adds_dist_only_when_asked_is_asked_with_dist_true()
    {
        await using var registry = new MiniRegistry(new MiniRegistryOptions { DistOnlyWithQuery = true });
        registry.Publish(Widget());

        var widget = await ReadAsync(registry.Url, "widget");

        Assert.All(widget!.Versions.Values, m => Assert.NotNull(m.Dist.Tarball));
        Assert.Equal(PackageArchive.Shasum(registry.Archive("widget@3.1.0-SNAPSHOT")), widget.Versions["3.1.0-SNAPSHOT"].Dist.Shasum);
        Assert.Equal(["/widget", "/widget?dist=true"], registry.Requests.Select(r => r.Target));
    }

    [Fact]
    public async Task A_registry_that_has_dist_only_in_version_documents_is_asked_per_version()
    {
        await using var registry = new MiniRegistry(new MiniRegistryOptions { DistOnlyInVersionDocuments = true, Zip = true });
        registry.Publish([.. Widget(), new FixturePackage("@acme/tool", "2.0.0")]);

        var widget = await ReadAsync(registry.Url, "widget");
        var scoped = await ReadAsync(registry.Url, "@acme/tool");

        var snapshot = widget!.Versions["3.1.0-SNAPSHOT"].Dist;
        Assert.Null(snapshot.Tarball);
        Assert.Equal(new Uri(registry.Url + "widget/-/widget-3.1.0-SNAPSHOT.zip"), snapshot.Zip);
        Assert.Equal(PackageArchive.Shasum(registry.Archive("widget@3.1.0-SNAPSHOT")), snapshot.ZipShasum);
        Assert.Equal("^2.0.0", widget.Versions["1.1.0"].Dependencies["gear"]);
        Assert.NotNull(scoped!.Versions["2.0.0"].Dist.Zip);
        Assert.Contains("/widget/3.1.0-SNAPSHOT", registry.Requests.Select(r => r.Target));
        Assert.Contains("/@acme%2ftool/2.0.0", registry.Requests.Select(r => r.Target));
    }

    [Fact]
    public async Task An_ipfs_mirror_gives_cid_and_source_beside_its_own_tarball_url()
    {
        await using var registry = new MiniRegistry(new MiniRegistryOptions { Ipfs = true });
        registry.Publish(Widget());
        registry.Server.On("/bare", FaultResponse.Text("""
            {"name":"bare","dist-tags":{"latest":"1.0.0"},"versions":{"1.0.0":{"name":"bare","version":"1.0.0",
             "dist":{"source":"http://upstream.invalid/bare/-/bare-1.0.0.tgz","cid":"bafkabc","shasum":"00"}}}}
            """));

        var widget = await ReadAsync(registry.Url, "widget");
        var bare = await ReadAsync(registry.Url, "bare");

        var dist = widget!.Versions["1.0.0"].Dist;
        Assert.Equal(registry.Cid("widget@1.0.0"), dist.Cid);
        Assert.Equal(new Uri(registry.Url + "widget/-/widget-1.0.0.tgz"), dist.Tarball);
        Assert.Equal(new Uri("http://upstream.invalid/widget/-/widget-1.0.0.tgz"), dist.Source);
        // Without a tarball of the mirror's own, the upstream source is where the archive comes from.
        Assert.Equal(new Uri("http://upstream.invalid/bare/-/bare-1.0.0.tgz"), bare!.Versions["1.0.0"].Dist.Tarball);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_packument_with_url_is_followed_to_the_registry_that_has_the_package(bool packumentUrl)
    {
        await using var home = new MiniRegistry();
        await using var other = new MiniRegistry(new MiniRegistryOptions { PathPrefix = "/other/" });
        other.Publish(Widget());
        home.PointElsewhere("widget", packumentUrl ? other.Url + "widget" : other.Url);
        var credentials = new NpmConfig();
        credentials.Set($"//127.0.0.1:{home.Server.Port}/:_authToken", "home-token", "/");

        var widget = await ReadAsync(home.Url, "widget", credentials);

        Assert.Equal(3, widget!.Versions.Count);
        Assert.Equal(new Uri(other.Url + "widget/-/widget-1.0.0.tgz"), widget.Versions["1.0.0"].Dist.Tarball);
        Assert.Equal("Bearer home-token", Assert.Single(home.Requests).Header("authorization"));
        Assert.Null(Assert.Single(other.Requests).Header("authorization"));
    }

    [Fact]
    public async Task A_relative_url_is_resolved_against_the_packument()
    {
        await using var registry = new MiniRegistry();
        registry.Server.On("/widget", FaultResponse.Text("""{"name":"widget","url":"/moved/"}"""));
        registry.Server.On("/moved/widget", FaultResponse.Text("""{"name":"widget","dist-tags":{"latest":"1.0.0"},"versions":{"1.0.0":{"dist":{"tarball":"/t.tgz","shasum":"00"}}}}"""));

        var widget = await ReadAsync(registry.Url, "widget");

        Assert.Equal(new Uri(registry.Url + "t.tgz"), widget!.Versions["1.0.0"].Dist.Tarball);
    }

    [Fact]
    public async Task Packuments_that_send_the_client_round_in_circles_or_too_far_are_an_error()
    {
        await using var registry = new MiniRegistry();
        registry.Server.On("/loop", FaultResponse.Text("""{"name":"loop","url":"/b/"}"""));
        registry.Server.On("/b/loop", FaultResponse.Text("""{"name":"loop","url":"/"}"""));
        for (var i = 0; i <= HttpRegistry.MaxHostedElsewhereHops; i++)
        {
            registry.Server.On($"/{i}/far", FaultResponse.Text($$"""{"name":"far","url":"/{{i + 1}}/"}"""));
        }

        registry.Server.On("/far", FaultResponse.Text("""{"name":"far","url":"/0/"}"""));

        var loop = await Assert.ThrowsAsync<IpmException>(() => ReadAsync(registry.Url, "loop"));
        var far = await Assert.ThrowsAsync<IpmException>(() => ReadAsync(registry.Url, "far"));

        Assert.Equal("IPM2009", loop.Code);
        Assert.Equal("IPM2009", far.Code);
        Assert.Equal(HttpRegistry.MaxHostedElsewhereHops + 1, registry.Requests.Count(r => r.Target.EndsWith("/far", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_static_folder_served_over_http_is_read_from_index_json()
    {
        await using var registry = new MiniRegistry();
        registry.Server.On("/widget/index.json", FaultResponse.Text("""{"name":"widget","dist-tags":{"latest":"1.0.0"},"versions":{"1.0.0":{"dist":{"tarball":"-/widget-1.0.0.tgz","shasum":"00"}}}}"""));

        var widget = await ReadAsync(registry.Url, "widget");

        Assert.Equal(new Uri(registry.Url + "widget/-/widget-1.0.0.tgz"), widget!.Versions["1.0.0"].Dist.Tarball);
    }

    [Fact]
    public async Task Not_found_and_error_documents_mean_the_package_is_not_there()
    {
        await using var registry = new MiniRegistry();
        registry.Server.On("/gone", FaultResponse.Error(410));
        registry.Server.On("/error-object", FaultResponse.Text("""{"error":"not_found","reason":"document not found"}"""));

        Assert.Null(await ReadAsync(registry.Url, "missing"));
        Assert.Null(await ReadAsync(registry.Url, "gone"));
        Assert.Null(await ReadAsync(registry.Url, "error-object"));
    }

    [Fact]
    public async Task A_server_that_refuses_the_abbreviated_form_is_asked_for_full_json()
    {
        await using var registry = new MiniRegistry();
        registry.Server.On("/widget", FaultResponse.Error(406), FaultResponse.Text("""{"name":"widget","dist-tags":{},"versions":{"1.0.0":{"dist":{"tarball":"/w.tgz","shasum":"00"}}}}"""));

        var widget = await ReadAsync(registry.Url, "widget");

        Assert.Single(widget!.Versions);
        Assert.Equal("application/json", registry.Requests[^1].Header("accept"));
    }

    [Theory]
    [InlineData(401)]
    [InlineData(403)]
    public async Task Refused_credentials_name_the_key_a_credential_belongs_under(int status)
    {
        await using var registry = new MiniRegistry(new MiniRegistryOptions { PathPrefix = "/npm/" });
        registry.Server.On("/npm/widget", FaultResponse.Error(status));

        var e = await Assert.ThrowsAsync<IpmException>(() => ReadAsync(registry.Url, "widget"));

        Assert.Equal("IPM2011", e.Code);
        Assert.Contains($"//127.0.0.1:{registry.Server.Port}/npm/:_authToken", e.Message, StringComparison.Ordinal);
        Assert.Contains($"answered {status} for 'widget'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_error_after_retries_is_a_coded_error()
    {
        await using var registry = new MiniRegistry();
        registry.Server.On("/widget", FaultResponse.Error(500));

        var e = await Assert.ThrowsAsync<IpmException>(() => ReadAsync(registry.Url, "widget"));

        Assert.Equal("IPM2003", e.Code);
        Assert.Equal(3, registry.Server.CountRequests("/widget"));
    }

    [Theory]
    [InlineData("<!DOCTYPE html><html><head><title>Sign in - Corp SSO</title></head><body>login</body></html>", "text/html", "an HTML page (text/html, \"Sign in - Corp SSO\")")]
    [InlineData("<html><body>502 Bad Gateway</body></html>", "text/html", "an HTML page (text/html)")]
    [InlineData("{\"name\":\"widget\",\"versions\":{", "application/json", "29 bytes of application/json")]
    [InlineData("", "application/json", "an empty body")]
    [InlineData("[1,2,3]", "application/json", "JSON Array")]
    public async Task What_is_not_a_packument_is_a_coded_error_saying_what_came_back(string body, string type, string what)
    {
        await using var registry = new MiniRegistry();
        registry.Server.On("/widget", FaultResponse.Text(body, type));

        var e = await Assert.ThrowsAsync<IpmException>(() => ReadAsync(registry.Url, "widget"));

        Assert.Equal("IPM2004", e.Code);
        Assert.Contains(what, e.Message, StringComparison.Ordinal);
        Assert.Contains($"for 'widget' at http://127.0.0.1:{registry.Server.Port}/widget", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Diagnostic.ToString());
    }
}
