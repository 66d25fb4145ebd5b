using System.Net;
using System.Net.Sockets;

namespace Bundler.Integration.Tests.Fetching;

/// <summary>
/// A TCP proxy on 127.0.0.1 that passes requests through unchanged and answers slowly (a few hundred KB/s per
/// connection), so that processes downloading the same archive really do so at the same time. Verdaccio builds
/// tarball URLs from the Host header, which names the proxy, so archives come through it too.
/// </summary>
internal sealed class ThrottlingProxy : IAsyncDisposable
{
    private const int ChunkBytes = 8 * 1024;
    private static readonly TimeSpan ChunkDelay = TimeSpan.FromMilliseconds(25);
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly int _targetPort;
    private readonly Task _accepting;

    public ThrottlingProxy(int targetPort)
    {
        _targetPort = targetPort;
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/";

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _accepting;
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        var connections = new List<Task>();
        try
        {
            while (true)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                connections.Add(RelayAsync(client));
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping.
        }

        await Task.WhenAll(connections);
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var server = new TcpClient())
        {
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
                using var both = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                var up = PumpAsync(client.GetStream(), server.GetStream(), TimeSpan.Zero, both.Token);
                var down = PumpAsync(server.GetStream(), client.GetStream(), ChunkDelay, both.Token);
                await Task.WhenAny(up, down);
                await both.CancelAsync();
                await Task.WhenAll(up, down);
            }
            catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // Either side went away.
            }
        }
    }

    private static async Task PumpAsync(NetworkStream from, NetworkStream to, TimeSpan delay, CancellationToken token)
    {
        var buffer = new byte[ChunkBytes];
        try
        {
            int n;
            while ((n = await from.ReadAsync(buffer, token)) > 0)
            {
                await to.WriteAsync(buffer.AsMemory(0, n), token);
                if (delay > TimeSpan.Zero)
                {
                    await Task.Delay(delay, token);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // Closed or stopping.
        }
    }
}
