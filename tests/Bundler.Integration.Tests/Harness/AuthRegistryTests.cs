using System.Net;
using Bundler.Testing;

namespace Bundler.Integration.Tests.Harness;

/// <summary>One Verdaccio with real htpasswd users for the auth tests; each test adds users of its own.</summary>
public sealed class AuthRegistry : IAsyncLifetime
{
    public VerdaccioServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await FixtureRegistry.StartAsync(
        [new FixturePackage("secret-pkg", "1.0.0"), new FixturePackage("secret-npm", "2.0.0")],
        new VerdaccioOptions { RequireAuth = true });

    public Task DisposeAsync() => Server.DisposeAsync().AsTask();
}

/// <summary>Verdaccio with real htpasswd users: nothing is readable without a token.</summary>
public sealed class AuthRegistryTests(AuthRegistry registry) : IClassFixture<AuthRegistry>
{
    private VerdaccioServer Server => registry.Server;

    [Fact]
    public async Task Anonymous_reads_are_rejected_and_a_users_token_is_accepted()
    {
        var server = Server;
        var token = await server.AddUserAsync("reader", "reader-password-1");

        using var anonymous = await server.GetAsync("secret-pkg");
        using var wrong = await server.GetAsync("secret-pkg", token: "not-a-real-token");
        var packument = await server.GetPackumentAsync("secret-pkg", token);

        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal("1.0.0", (string?)packument["dist-tags"]!["latest"]);
    }

    [Fact]
    public async Task An_existing_user_logs_in_with_the_right_password_only()
    {
        var server = Server;
        await server.AddUserAsync("returning", "returning-password");

        var again = await server.AddUserAsync("returning", "returning-password");
        var packument = await server.GetPackumentAsync("secret-pkg", again);
        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => server.AddUserAsync("returning", "wrong-password-123"));

        Assert.Equal("secret-pkg", (string?)packument["name"]);
        Assert.Contains("401", e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-password-123", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Npm_needs_the_token_and_never_prints_it()
    {
        var server = Server;
        var token = await server.AddUserAsync("npm-user", "npm-user-password");
        var deps = new Dictionary<string, string> { ["secret-npm"] = "^2.0.0" };

        var anonymous = Assert.Throws<NpmCommandException>(() => NpmClient.LockOnlyInstall(deps, server.Url));
        // Not the real token plus a suffix: Verdaccio's base64 decoding ignores what follows the padding.
        var wrongToken = Assert.Throws<NpmCommandException>(() => NpmClient.LockOnlyInstall(deps, server.Url, token: "forged-token-0123456789"));
        var locked = NpmClient.LockOnlyInstall(deps, server.Url, token);

        Assert.Equal("E401", anonymous.NpmErrorCode);
        Assert.Equal("E401", wrongToken.NpmErrorCode);
        Assert.DoesNotContain(token, wrongToken.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(token, server.Output, StringComparison.Ordinal);
        var only = Assert.Single(locked);
        Assert.Equal(("node_modules/secret-npm", "2.0.0"), (only.Path, only.Version));
    }

    [Fact]
    public void Masker_hides_registered_secrets_longest_first()
    {
        SecretMasker.Register("masker-secret-abcdef");
        SecretMasker.Register("masker-secret-abcdef-longer");
        SecretMasker.Register("test");

        Assert.Equal("a *** b *** c test", SecretMasker.Mask("a masker-secret-abcdef-longer b masker-secret-abcdef c test"));
    }
}
