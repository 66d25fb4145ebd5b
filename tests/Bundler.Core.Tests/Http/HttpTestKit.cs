using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Bundler.Core.Diagnostics;
using Bundler.Core.Registry.Http;

namespace Bundler.Core.Tests.Http;

/// <summary>A handler that answers from a function and records what it was sent; no sockets.</summary>
internal sealed class StubHandler : HttpMessageHandler
{
    private readonly Func<HttpRequestMessage, HttpResponseMessage> _respond;
    private readonly List<(Uri Url, string? Authorization)> _requests = [];

    public StubHandler(Func<HttpRequestMessage, HttpResponseMessage> respond)
    {
        _respond = respond;
    }

    public IReadOnlyList<(Uri Url, string? Authorization)> Requests
    {
        get { lock (_requests) { return _requests.ToArray(); } }
    }

    public static HttpResponseMessage Redirect(string location, HttpStatusCode status = HttpStatusCode.Found)
    {
        var response = new HttpResponseMessage(status);
        response.Headers.Location = new Uri(location, UriKind.RelativeOrAbsolute);
        return response;
    }

    public static HttpResponseMessage Ok(string body) => new(HttpStatusCode.OK) { Content = new StringContent(body, Encoding.UTF8) };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        lock (_requests)
        {
            _requests.Add((request.RequestUri!, request.Headers.Authorization?.ToString()));
        }

        return Task.FromResult(_respond(request));
    }
}

/// <summary>A bearer token for one host and port only, remembering every URL it was asked about.</summary>
internal sealed class HostCredentials : ICredentialSource
{
    private readonly string _host;
    private readonly int _port;
    private readonly List<Uri> _asked = [];

    public HostCredentials(string host, int port, string token)
    {
        _host = host;
        _port = port;
        Token = token;
    }

    public string Token { get; }

    public IReadOnlyList<Uri> Asked
    {
        get { lock (_asked) { return _asked.ToArray(); } }
    }

    public AuthenticationHeaderValue? For(Uri url)
    {
        lock (_asked)
        {
            _asked.Add(url);
        }

        return string.Equals(url.Host, _host, StringComparison.OrdinalIgnoreCase) && url.Port == _port ? new AuthenticationHeaderValue("Bearer", Token) : null;
    }
}

internal static class HttpTestKit
{
    /// <summary>
    /// Short waits so that retry tests stay fast. The idle timeout stays far above a loopback round trip even on a
    /// loaded build machine (pauses of most of a second were seen); tests that stall on purpose set a shorter one.
    /// </summary>
    public static readonly TransportOptions Fast = new()
    {
        FirstBackoff = TimeSpan.FromMilliseconds(10),
        MaxRetryAfter = TimeSpan.FromMilliseconds(150),
        IdleTimeout = TimeSpan.FromSeconds(5),
        TotalTimeout = TimeSpan.FromSeconds(60),
    };

    /// <summary>For tests where the idle timeout must fire: short, yet 15 times the pauses the drip tests make.</summary>
    public static readonly TransportOptions Stalling = Fast with { IdleTimeout = TimeSpan.FromMilliseconds(1500) };

    public static HttpTransport Transport(RecordingBundleLog log, ICredentialSource? credentials = null, TransportOptions? options = null) =>
        new(credentials ?? NoCredentials.Instance, options ?? Fast, log);

    public static Task<string> GetStringAsync(this HttpTransport transport, Uri url, CancellationToken cancellationToken = default) =>
        transport.GetAsync(url, "application/json", async (_, body, token) =>
        {
            using var reader = new StreamReader(body, Encoding.UTF8);
            return await reader.ReadToEndAsync(token);
        }, cancellationToken);

    public static Task<byte[]> GetBytesAsync(this HttpTransport transport, Uri url, CancellationToken cancellationToken = default) =>
        transport.GetAsync(url, null, async (_, body, token) =>
        {
            using var copy = new MemoryStream();
            await body.CopyToAsync(copy, token);
            return copy.ToArray();
        }, cancellationToken);

    public static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
