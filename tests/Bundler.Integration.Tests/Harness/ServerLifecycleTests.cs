using System.Net;
using System.Net.Sockets;
using Bundler.Testing;

namespace Bundler.Integration.Tests.Harness;

/// <summary>Verdaccio starts on a free port, explains a failed start, and is gone after dispose.</summary>
public sealed class ServerLifecycleTests
{
    [Fact]
    public async Task Two_servers_run_side_by_side_and_stop_on_dispose()
    {
        var first = await VerdaccioServer.StartAsync();
        string storage;
        await using (var second = await VerdaccioServer.StartAsync())
        {
            Assert.NotEqual(first.Port, second.Port);
            Assert.Matches(@"^http://127\.0\.0\.1:\d+/$", first.Url);
            using var ping = await second.GetAsync("-/ping");
            ping.EnsureSuccessStatusCode();
            storage = Path.GetDirectoryName(first.ConfigPath)!;
            Assert.True(Directory.Exists(storage));
        }

        var url = first.Url;
        await first.DisposeAsync();

        using var client = new HttpClient(new SocketsHttpHandler { UseProxy = false }) { Timeout = TimeSpan.FromSeconds(10) };
        await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(url + "-/ping"));
        Assert.False(Directory.Exists(storage));
    }

    [Fact]
    public async Task A_taken_port_is_retried_on_another()
    {
        using var squatter = new TcpListener(IPAddress.Loopback, 0);
        squatter.Start();
        var taken = ((IPEndPoint)squatter.LocalEndpoint).Port;

        await using var server = await VerdaccioServer.StartAsync(new VerdaccioOptions { FirstPort = taken });

        Assert.NotEqual(taken, server.Port);
        using var ping = await server.GetAsync("-/ping");
        ping.EnsureSuccessStatusCode();
    }

    [Fact]
    public async Task A_server_that_cannot_start_fails_with_its_own_output()
    {
        var options = new VerdaccioOptions { ExtraConfigYaml = "packages: [this is: not: valid" };

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => VerdaccioServer.StartAsync(options));

        Assert.Contains("Verdaccio did not start", e.Message, StringComparison.Ordinal);
        Assert.Contains("exited with code", e.Message, StringComparison.Ordinal);
        Assert.Contains("YAML", e.Message, StringComparison.OrdinalIgnoreCase);
    }
}
