using System.Net;
using System.Net.Sockets;
using Bundler.Integration.Tests.Generation;
using Bundler.Testing;

namespace Bundler.Integration.Tests.Foundation;

/// <summary>
/// <c>ipm mirror</c> writes a static folder registry that works from disk with no server, and from a plain static
/// web server (Python's http.server) as an http registry.
/// </summary>
[Collection(VerdaccioFixture.Collection)]
public sealed class StaticRegistryTests : IDisposable
{
    private readonly VerdaccioFixture _registry;
    private readonly TempDirectory _dir = new("ipm-static");

    public StaticRegistryTests(VerdaccioFixture registry)
    {
        _registry = registry;
        _registry.EnsurePublished(FoundationFixtures.All());
    }

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void Mirror_then_bundle_from_the_folder_and_from_a_static_web_server()
    {
        var folder = _dir.Combine("offline-registry");
        IpmCli.Run(_dir.Path, "mirror", "fx-app@^1.0.0", "--registry", _registry.Url, "--to", folder, "--cache", _dir.Combine("cache1"),
            "--lock", _dir.Combine("mirror-lock.json")).EnsureSuccess("ipm mirror");
        Assert.True(File.Exists(Path.Combine(folder, "@fx", "text", "index.json")), "scoped packages keep their scope folder");
        Assert.True(File.Exists(Path.Combine(folder, "fx-b", "-", "fx-b-1.0.0.tgz")));
        Assert.DoesNotContain(_registry.Url, File.ReadAllText(Path.Combine(folder, "fx-a", "index.json")), StringComparison.Ordinal);

        // From disk: no server at all, a cold cache.
        _dir.Write("disk/main.js", "print(JSON.stringify(require('fx-app')));\n");
        IpmCli.Run(_dir.Combine("disk"), "bundle", "fx-app@^1.0.0", "--registry", folder, "--out", "gen", "--entry", "main.js", "--cache", _dir.Combine("cache2"))
            .EnsureSuccess("bundle from folder");
        var gen = _dir.Combine("disk", "gen");
        var host = CCompiler.BuildExecutable(_dir.Combine("host"), [Path.Combine(RepoPaths.Samples, "host-firmware", "host.c"), .. GeneratedC.Sources(gen)], [gen], ["duktape", "m"]);
        Assert.Equal(FoundationFixtures.ExpectedAppJson, ProcessRunner.Run(host, [], _dir.Path).EnsureSuccess("host").StdOut.TrimEnd('\n'));

        // Served by a static web server that knows nothing about npm.
        var port = FreePort();
        using var server = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo(ToolLocator.Find("python3"))
        {
            ArgumentList = { "-m", "http.server", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--directory", folder },
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        try
        {
            WaitForPort(port);
            _dir.Write("web/main.js", "print(JSON.stringify(require('fx-app')));\n");
            IpmCli.Run(_dir.Combine("web"), "bundle", "fx-app@^1.0.0", "--registry", $"http://127.0.0.1:{port}/", "--out", "gen", "--entry", "main.js", "--cache", _dir.Combine("cache3"))
                .EnsureSuccess("bundle from static web server");
        }
        finally
        {
            server.Kill(entireProcessTree: true);
        }

        // Same files, same bytes; only the lock digest (its URLs differ) may change.
        static string WithoutDigest(string path) => string.Join('\n', File.ReadAllLines(path).Where(l => !l.Contains("sha512-", StringComparison.Ordinal)));
        Assert.Equal(WithoutDigest(Path.Combine(gen, "ipm_modules.c")), WithoutDigest(_dir.Combine("web", "gen", "ipm_modules.c")));
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private static void WaitForPort(int port)
    {
        var until = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < until)
        {
            try
            {
                using var c = new TcpClient();
                c.Connect(IPAddress.Loopback, port);
                return;
            }
            catch (SocketException)
            {
                Thread.Sleep(100);
            }
        }

        throw new TimeoutException($"static web server did not listen on {port}");
    }
}
