using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Bundler.Testing;

/// <summary>
/// A real Verdaccio 5 registry on 127.0.0.1 with its own config and storage in a temp folder. It never proxies
/// anywhere (<c>uplinks: {}</c>). Disposing kills it and deletes its storage.
/// </summary>
public sealed partial class VerdaccioServer : IAsyncDisposable, IDisposable
{
    // Verdaccio 5 logs this line (level warn) just before it binds; pinging earlier is pointless.
    private const string ListeningMarker = "http address";

    // Exits when the test process's end of stdin closes, so a crashed test run leaves no registry behind on a
    // shared machine. The script path is argv[2]; it is removed so Verdaccio's own argument parser never sees it.
    private const string Launcher = """
        'use strict';
        process.stdin.on('end', function () { process.exit(0); });
        process.stdin.on('error', function () { process.exit(0); });
        process.stdin.resume();
        var script = process.argv.splice(2, 1)[0];
        require(script);
        """;

    private static readonly HttpMessageHandler Handler = new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(1),
    };

    private readonly TempDirectory _home;
    private readonly Process _process;
    private readonly ServerOutput _output;
    private int _disposed;

    private readonly string _identity;

    private VerdaccioServer(VerdaccioOptions options, TempDirectory home, Process process, ServerOutput output, int port, string identity)
    {
        Options = options;
        _identity = identity;
        _home = home;
        _process = process;
        _output = output;
        Port = port;
        Url = $"http://127.0.0.1:{port}/";
        Http = new HttpClient(Handler, disposeHandler: false) { BaseAddress = new Uri(Url), Timeout = TimeSpan.FromSeconds(60) };
    }

    public VerdaccioOptions Options { get; }

    public int Port { get; }

    /// <summary>The registry URL, with a trailing slash: <c>http://127.0.0.1:PORT/</c>.</summary>
    public string Url { get; }

    public Uri Uri => new(Url);

    /// <summary>The npmrc key a token for this registry goes under: <c>//127.0.0.1:PORT/:_authToken</c>.</summary>
    public string AuthTokenKey => NpmClient.AuthTokenKey(Url);

    /// <summary>Verdaccio's storage folder (one sub-folder per package with package.json and the tarballs).</summary>
    public string StoragePath => _home.Combine("storage");

    public string ConfigPath => _home.Combine("config.yaml");

    /// <summary>An HTTP client for this registry (relative URLs work); no proxy, no redirects followed.</summary>
    public HttpClient Http { get; }

    /// <summary>What Verdaccio printed so far, tokens masked. Put it in assertion messages.</summary>
    public string Output => _output.Text;

    public bool HasExited => _process.HasExited;

    public static VerdaccioServer Start(VerdaccioOptions? options = null) =>
        StartAsync(options).GetAwaiter().GetResult();

    /// <summary>Starts Verdaccio and returns once it listens and answers <c>GET /-/ping</c>.</summary>
    public static async Task<VerdaccioServer> StartAsync(VerdaccioOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= VerdaccioOptions.Default;
        var node = ToolLocator.Node;
        var script = ToolLocator.VerdaccioScript;
        var home = new TempDirectory("ipm-verdaccio");
        var identity = "ipm-harness-" + Guid.NewGuid().ToString("N");
        try
        {
            home.Write("config.yaml", options.ToYaml(identity));
            var launcher = home.Write("launch.js", Launcher.ReplaceLineEndings("\n") + "\n");
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(options.StartTimeout);
            var failures = new List<string>();
            for (var attempt = 1; attempt <= options.PortAttempts; attempt++)
            {
                var port = attempt == 1 && options.FirstPort != 0 ? options.FirstPort : FreePort();
                var output = new ServerOutput(ListeningMarker);
                var process = Launch(node, launcher, script, home, port, output);
                var server = new VerdaccioServer(options, home, process, output, port, identity);
                string? failure;
                try
                {
                    failure = await server.WaitUntilReadyAsync(deadline.Token, cancellationToken).ConfigureAwait(false);
                }
                catch
                {
                    server.Stop();
                    throw;
                }

                if (failure is null)
                {
                    return server;
                }

                server.Stop();
                failures.Add($"attempt {attempt} on port {port}: {failure}\n{output.Text}");
                if (!output.AddressInUse)
                {
                    break;
                }
            }

            throw new InvalidOperationException("Verdaccio did not start.\n" + string.Join("\n", failures));
        }
        catch
        {
            home.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            Stop();
            _home.Dispose();
        }
    }

    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private static Process Launch(string node, string launcher, string script, TempDirectory home, int port, ServerOutput output)
    {
        var psi = new ProcessStartInfo(node)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = home.Path,
        };
        foreach (var arg in new[] { launcher, script, "--config", home.Combine("config.yaml"), "--listen", $"127.0.0.1:{port}" })
        {
            psi.ArgumentList.Add(arg);
        }

        var process = new Process { StartInfo = psi };
        process.OutputDataReceived += (_, e) => output.Add(e.Data);
        process.ErrorDataReceived += (_, e) => output.Add(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Null when ready, else why not. Throws only when the caller cancels.</summary>
    private async Task<string?> WaitUntilReadyAsync(CancellationToken deadline, CancellationToken caller)
    {
        while (true)
        {
            caller.ThrowIfCancellationRequested();
            if (deadline.IsCancellationRequested)
            {
                return $"no answer within {Options.StartTimeout.TotalSeconds:0} s";
            }

            // Verdaccio 5 logs a failed bind as fatal but keeps running, so the output is the signal.
            if (_output.AddressInUse)
            {
                return "the port is taken (EADDRINUSE)";
            }

            if (_process.HasExited)
            {
                // Let the output readers drain so the failure message holds the reason.
                await _process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
                return $"exited with code {_process.ExitCode}";
            }

            if (_output.Ready.IsCompleted && await PingAsync(deadline).ConfigureAwait(false))
            {
                return null;
            }

            try
            {
                await Task.Delay(150, deadline).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!caller.IsCancellationRequested)
            {
            }
        }
    }

    private async Task<bool> PingAsync(CancellationToken deadline)
    {
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(deadline);
        attempt.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            using var response = await Http.GetAsync("-/ping", attempt.Token).ConfigureAwait(false);
            return response.StatusCode == HttpStatusCode.OK
                && response.Headers.TryGetValues("X-Powered-By", out var agents)
                && agents.Contains(_identity, StringComparer.Ordinal);
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            return false;
        }
    }

    private void Stop()
    {
        Http.Dispose();
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.WaitForExit(TimeSpan.FromSeconds(15));
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            try
            {
                _process.StandardInput.Dispose();
            }
            catch (IOException)
            {
            }

            _process.Dispose();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
