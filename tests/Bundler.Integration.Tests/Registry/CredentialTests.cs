using System.Text;
using Bundler.Integration.Tests.Cli;
using Bundler.Testing;
using Bundler.Testing.Servers;

namespace Bundler.Integration.Tests.Registry;

/// <summary>A Verdaccio with real htpasswd users (nothing readable anonymously), shared by the credential tests.</summary>
public sealed class PrivateRegistry : IAsyncLifetime
{
    public VerdaccioServer Server { get; private set; } = null!;

    public static FixturePackage[] Packages() =>
    [
        new FixturePackage("priv-app", "1.0.0").DependsOn("@priv/lib", "^1.0.0")
            .WithFile("index.js", "var lib = require('@priv/lib');\nmodule.exports = 'priv-app uses ' + lib;\n"),
        new FixturePackage("@priv/lib", "1.0.0").WithFile("index.js", "module.exports = 'private-lib-payload';\n"),
    ];

    public async Task InitializeAsync() => Server = await FixtureRegistry.StartAsync(Packages(), new VerdaccioOptions { RequireAuth = true });

    public Task DisposeAsync() => Server.DisposeAsync().AsTask();
}

/// <summary>
/// Credentials from .npmrc through the real CLI: accepted by a registry that requires them, sent only to URLs
/// under the host and path they are set for (not to a tarball host that differs, not across a redirect to
/// another host, not to another path of the same host), and never printed or written anywhere.
/// </summary>
public sealed class CredentialTests(PrivateRegistry registry) : IClassFixture<PrivateRegistry>, IDisposable
{
    private readonly TempDirectory _dir = new("ipm-cred");

    public void Dispose() => _dir.Dispose();

    private string Project(string npmrc, string dependencies = "\"priv-app\":\"^1.0.0\"")
    {
        _dir.Write("app/package.json", "{\"name\":\"app\",\"version\":\"1.0.0\",\"dependencies\":{" + dependencies + "}}\n");
        _dir.Write("app/.npmrc", npmrc);
        return _dir.Combine("app");
    }

    private static ProcessResult Bundle(IpmProcess ipm, string project) =>
        ipm.Run(project, "bundle", "--manifest", "package.json", "--out", "gen", "--verbose");

    /// <summary>Every file under <paramref name="root"/> (the .npmrc files excepted) whose bytes contain the secret.</summary>
    private static List<string> FilesContaining(string root, string secret) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != ".npmrc")
            .Where(f => Encoding.Latin1.GetString(File.ReadAllBytes(f)).Contains(secret, StringComparison.Ordinal))
            .ToList();

    [Fact]
    public async Task A_token_from_the_environment_through_npmrc_is_accepted_and_never_printed_or_written()
    {
        var token = await registry.Server.AddUserAsync("token-user", "token-user-password");
        var project = Project($"registry={registry.Server.Url}\n{registry.Server.AuthTokenKey}=${{IPM_TEST_TOKEN}}\n");
        var ipm = new IpmProcess(_dir, new Dictionary<string, string> { ["IPM_TEST_TOKEN"] = token });

        var result = Bundle(ipm, project).EnsureSuccess("ipm bundle with a token");
        var search = ipm.Run(project, "search", "priv", "--verbose").EnsureSuccess("ipm search with a token");

        var files = GeneratedFiles.Read(Path.Combine(project, "gen", "ipm_modules.c"));
        Assert.Equal("module.exports='private-lib-payload';", files["/node_modules/@priv/lib/index.js"]);
        Assert.Contains("priv-app@1.0.0", search.StdOut, StringComparison.Ordinal);
        Assert.DoesNotContain(token, result.All, StringComparison.Ordinal);
        Assert.DoesNotContain(token, search.All, StringComparison.Ordinal);
        Assert.Contains("GET " + registry.Server.Url, result.StdOut, StringComparison.Ordinal);
        Assert.Empty(FilesContaining(_dir.Path, token));
        Assert.DoesNotContain(token, registry.Server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Basic_credentials_work_as_auth_and_as_username_with_password()
    {
        const string Password = "basic-user-password";
        await registry.Server.AddUserAsync("basic-user", Password);
        var nerf = registry.Server.AuthTokenKey[..^":_authToken".Length];
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes("basic-user:" + Password));
        var encodedPassword = Convert.ToBase64String(Encoding.UTF8.GetBytes(Password));

        foreach (var lines in new[] { $"{nerf}:_auth={auth}\n", $"{nerf}:username=basic-user\n{nerf}:_password={encodedPassword}\n" })
        {
            var project = Project($"registry={registry.Server.Url}\n" + lines);
            var ipm = new IpmProcess(_dir);

            var result = Bundle(ipm, project).EnsureSuccess("ipm bundle with basic auth");

            Assert.DoesNotContain(auth, result.All, StringComparison.Ordinal);
            Assert.DoesNotContain(Password, result.All, StringComparison.Ordinal);
            Assert.Empty(FilesContaining(project, auth));
            Assert.Empty(FilesContaining(project, Password));
            Directory.Delete(_dir.Combine("cache"), recursive: true);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("forged-token-0123456789")]
    public void Without_an_accepted_credential_the_error_says_where_one_belongs(string? token)
    {
        var npmrc = $"registry={registry.Server.Url}\n" + (token is null ? "" : $"{registry.Server.AuthTokenKey}={token}\n");
        var project = Project(npmrc);

        var result = Bundle(new IpmProcess(_dir), project);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(IpmProcess.Diagnostics(result));
        Assert.StartsWith($"error IPM2011: registry {registry.Server.Url} answered 401 for 'priv-app'", line, StringComparison.Ordinal);
        Assert.Contains(registry.Server.AuthTokenKey, line, StringComparison.Ordinal);
        Assert.DoesNotContain("forged-token", result.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tarball_on_another_host_gets_no_credential()
    {
        await using var mini = new MiniRegistry(new MiniRegistryOptions { ArchiveHost = "localhost" });
        mini.Publish([new FixturePackage("widget", "1.0.0")]);
        var project = Project($"registry={mini.Url}\n//127.0.0.1:{mini.Server.Port}/:_authToken=mini-secret-token\n", "\"widget\":\"^1.0.0\"");

        var result = Bundle(new IpmProcess(_dir), project).EnsureSuccess("ipm bundle");

        Assert.Equal("Bearer mini-secret-token", mini.Requests.Single(r => r.Target == "/widget").Header("authorization"));
        var tarball = mini.Requests.Single(r => r.Target == "/widget/-/widget-1.0.0.tgz");
        Assert.Equal($"localhost:{mini.Server.Port}", tarball.Header("host"));
        Assert.Null(tarball.Header("authorization"));
        Assert.DoesNotContain("mini-secret-token", result.All, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redirect_to_another_host_gets_no_credential()
    {
        await using var mini = new MiniRegistry();
        mini.Publish([new FixturePackage("widget", "1.0.0")]);
        mini.Server.On("/widget/-/widget-1.0.0.tgz", FaultResponse.Redirect($"http://localhost:{mini.Server.Port}/cdn/widget.tgz"));
        mini.Server.On("/cdn/widget.tgz", FaultResponse.Ok(mini.Archive("widget@1.0.0")));
        var project = Project($"registry={mini.Url}\n//127.0.0.1:{mini.Server.Port}/:_authToken=mini-secret-token\n", "\"widget\":\"^1.0.0\"");

        Bundle(new IpmProcess(_dir), project).EnsureSuccess("ipm bundle");

        Assert.Equal("Bearer mini-secret-token", mini.Requests.Single(r => r.Target == "/widget/-/widget-1.0.0.tgz").Header("authorization"));
        Assert.Null(mini.Requests.Single(r => r.Target == "/cdn/widget.tgz").Header("authorization"));
    }

    [Fact]
    public async Task A_credential_for_a_registry_path_is_not_sent_to_another_path_of_the_same_host()
    {
        await using var mini = new MiniRegistry(new MiniRegistryOptions { PathPrefix = "/npm/" });
        mini.Publish([new FixturePackage("widget", "1.0.0")]);
        mini.Server.On("/npm/widget/-/widget-1.0.0.tgz", FaultResponse.Redirect("/files/widget.tgz"));
        mini.Server.On("/files/widget.tgz", FaultResponse.Ok(mini.Archive("widget@1.0.0")));
        var project = Project($"registry={mini.Url}\n//127.0.0.1:{mini.Server.Port}/npm/:_authToken=path-token\n", "\"widget\":\"^1.0.0\"");

        Bundle(new IpmProcess(_dir), project).EnsureSuccess("ipm bundle");

        Assert.Equal("Bearer path-token", mini.Requests.Single(r => r.Target == "/npm/widget").Header("authorization"));
        Assert.Null(mini.Requests.Single(r => r.Target == "/files/widget.tgz").Header("authorization"));
    }
}
