using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Bundler.Testing.Servers;

/// <summary>
/// A tiny HTTP/1.1 server on 127.0.0.1 (a free port) built on a raw TcpListener, so that it can do what a real
/// server library will not: reset a connection mid-body, announce more bytes than it sends, drip or stall.
/// Each path has a script of responses served in order; the last one repeats. Unknown paths get 404.
/// Reachable as <c>127.0.0.1</c> and as <c>localhost</c>, which HTTP clients treat as different hosts.
/// </summary>
public sealed class FaultServer : IAsyncDisposable
{
    private const int MaxHeaderBytes = 64 * 1024;
    private const int MaxRequestsPerConnection = 1000;
    private static readonly TimeSpan ReadLimit = TimeSpan.FromSeconds(30);
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stop = new();
    private readonly object _gate = new();
    private readonly Dictionary<string, Queue<FaultResponse>> _scripts = new(StringComparer.Ordinal);
    private readonly List<RecordedRequest> _requests = [];
    private readonly List<Task> _connections = [];
    private readonly Task _acceptLoop;
    private int _connectionCount;
    private int _inFlight;
    private int _maxInFlight;

    public FaultServer()
    {
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptLoopAsync();
    }

    public int Port { get; }

    /// <summary>Connections accepted so far (to see that a client reuses them).</summary>
    public int Connections => Volatile.Read(ref _connectionCount);

    /// <summary>The most requests that were being answered at the same time.</summary>
    public int MaxConcurrentRequests => Volatile.Read(ref _maxInFlight);

    public IReadOnlyList<RecordedRequest> Requests
    {
        get { lock (_gate) { return _requests.ToArray(); } }
    }

    public Uri Url(string pathAndQuery, string host = "127.0.0.1") => new($"http://{host}:{Port}{pathAndQuery}");

    /// <summary>Scripts the responses for <paramref name="pathAndQuery"/>, replacing any earlier script.</summary>
    public void On(string pathAndQuery, params FaultResponse[] responses)
    {
        ArgumentOutOfRangeException.ThrowIfZero(responses.Length);
        lock (_gate)
        {
            _scripts[pathAndQuery] = new Queue<FaultResponse>(responses);
        }
    }

    public int CountRequests(string pathAndQuery)
    {
        lock (_gate)
        {
            return _requests.Count(r => r.Target == pathAndQuery);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        _listener.Stop();
        Task[] running;
        lock (_gate)
        {
            running = [_acceptLoop, .. _connections];
        }

        await Task.WhenAny(Task.WhenAll(running), Task.Delay(TimeSpan.FromSeconds(10))).ConfigureAwait(false);
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await _listener.AcceptSocketAsync(_stop.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            var id = Interlocked.Increment(ref _connectionCount);
            lock (_gate)
            {
                _connections.Add(ServeAsync(socket, id));
            }
        }
    }

    private async Task ServeAsync(Socket socket, int connection)
    {
        try
        {
            using var stream = new NetworkStream(socket, ownsSocket: false);
            for (var served = 0; served < MaxRequestsPerConnection; served++)
            {
                using var read = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                read.CancelAfter(ReadLimit);
                var request = await ReadRequestAsync(stream, connection, read.Token).ConfigureAwait(false);
                if (request is null)
                {
                    return;
                }

                var response = Next(request);
                var now = Interlocked.Increment(ref _inFlight);
                for (var max = Volatile.Read(ref _maxInFlight); now > max; max = Volatile.Read(ref _maxInFlight))
                {
                    Interlocked.CompareExchange(ref _maxInFlight, now, max);
                }

                try
                {
                    if (!await WriteResponseAsync(socket, stream, response).ConfigureAwait(false))
                    {
                        return;
                    }
                }
                finally
                {
                    Interlocked.Decrement(ref _inFlight);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away, or the server is stopping.
        }
        finally
        {
            socket.Dispose();
        }
    }

    private FaultResponse Next(RecordedRequest request)
    {
        lock (_gate)
        {
            _requests.Add(request);
            if (!_scripts.TryGetValue(request.Target, out var script))
            {
                return FaultResponse.Error(404);
            }

            return script.Count > 1 ? script.Dequeue() : script.Peek();
        }
    }

    private static async Task<RecordedRequest?> ReadRequestAsync(NetworkStream stream, int connection, CancellationToken token)
    {
        var buffer = new List<byte>();
        var one = new byte[1];
        while (buffer.Count < MaxHeaderBytes)
        {
            if (await stream.ReadAsync(one, token).ConfigureAwait(false) == 0)
            {
                return null;
            }

            buffer.Add(one[0]);
            if (buffer.Count >= 4 && buffer[^1] == '\n' && buffer[^2] == '\r' && buffer[^3] == '\n' && buffer[^4] == '\r')
            {
                break;
            }
        }

        var lines = Encoding.Latin1.GetString(buffer.ToArray()).Split("\r\n");
        var parts = lines[0].Split(' ');
        if (parts.Length < 3)
        {
            return null;
        }

        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in lines.Skip(1).Where(l => l.Length > 0))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[line[..colon].Trim().ToLowerInvariant()] = line[(colon + 1)..].Trim();
            }
        }

        return new RecordedRequest(connection, parts[0], parts[1], headers);
    }

    /// <summary>Sends one response; false when the connection must end afterwards.</summary>
    private async Task<bool> WriteResponseAsync(Socket socket, NetworkStream stream, FaultResponse response)
    {
        var token = _stop.Token;
        if (response.Stall > TimeSpan.Zero)
        {
            await Task.Delay(response.Stall, token).ConfigureAwait(false);
        }

        var head = new StringBuilder()
            .Append("HTTP/1.1 ").Append(response.Status).Append(' ').Append(Reason(response.Status)).Append("\r\n")
            .Append("Content-Type: ").Append(response.ContentType).Append("\r\n")
            .Append("Content-Length: ").Append(response.DeclaredLength ?? response.Body.Length).Append("\r\n");
        foreach (var (name, value) in response.Headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        head.Append(response.ClosesConnection ? "Connection: close\r\n" : "").Append("\r\n");
        await stream.WriteAsync(Encoding.Latin1.GetBytes(head.ToString()), token).ConfigureAwait(false);

        var send = Math.Min(response.Body.Length, response.ResetAfter ?? response.CloseAfter ?? response.Body.Length);
        var step = response.DripDelay > TimeSpan.Zero ? Math.Max(1, response.DripBytes) : Math.Max(1, send);
        for (var offset = 0; offset < send; offset += step)
        {
            if (offset > 0 && response.DripDelay > TimeSpan.Zero)
            {
                await Task.Delay(response.DripDelay, token).ConfigureAwait(false);
            }

            await stream.WriteAsync(response.Body.AsMemory(offset, Math.Min(step, send - offset)), token).ConfigureAwait(false);
            await stream.FlushAsync(token).ConfigureAwait(false);
        }

        if (response.ResetAfter is not null)
        {
            // Linger 0 turns the close into a TCP RST: the client sees "connection reset by peer" mid-body.
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
            return false;
        }

        if (response.CloseAfter is not null)
        {
            socket.Shutdown(SocketShutdown.Both);
            return false;
        }

        return true;
    }

    private static string Reason(int status) => status switch
    {
        200 => "OK",
        301 => "Moved Permanently",
        302 => "Found",
        307 => "Temporary Redirect",
        404 => "Not Found",
        408 => "Request Timeout",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "Status",
    };
}
