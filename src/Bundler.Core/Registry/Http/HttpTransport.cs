using System.Net;
using System.Net.Http.Headers;
using Bundler.Core.Diagnostics;

namespace Bundler.Core.Registry.Http;

/// <summary>Gives the Authorization header for a URL, or null. Only URLs under a configured host and path get one.</summary>
public interface ICredentialSource
{
    AuthenticationHeaderValue? For(Uri url);
}

/// <summary>No credentials anywhere.</summary>
public sealed class NoCredentials : ICredentialSource
{
    public static readonly NoCredentials Instance = new();

    public AuthenticationHeaderValue? For(Uri url) => null;
}

/// <summary>Timeouts and retry limits of one transport.</summary>
public sealed record TransportOptions
{
    /// <summary>Extra attempts after the first for 408, 429, 5xx, resets, timeouts and short bodies.</summary>
    public int MaxRetries { get; init; } = 2;

    public int MaxRedirects { get; init; } = 5;

    /// <summary>Longest time without receiving a byte (headers or body) before the attempt is abandoned.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Longest time one attempt (redirects, headers and the whole body) may take.</summary>
    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromMinutes(5);

    /// <summary>Cap on any wait between attempts, including one a server asks for with Retry-After.</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Wait before the first retry; each further retry waits twice as long.</summary>
    public TimeSpan FirstBackoff { get; init; } = TimeSpan.FromSeconds(1);
}

/// <summary>A response that was not a success after all retries. <see cref="Url"/> carries no credentials.</summary>
public sealed class HttpStatusException : Exception
{
    public HttpStatusException(Uri url, int statusCode, string? bodyStart)
        : base($"{statusCode} from {UrlRedaction.Redact(url)}")
    {
        Url = new Uri(UrlRedaction.Redact(url), UriKind.RelativeOrAbsolute);
        StatusCode = statusCode;
        BodyStart = bodyStart;
    }

    public Uri Url { get; }

    public int StatusCode { get; }

    /// <summary>The first few hundred characters of the body, for messages.</summary>
    public string? BodyStart { get; }
}

/// <summary>The server could not be reached, or the connection failed, after all retries.</summary>
public sealed class TransportException : Exception
{
    public TransportException(Uri url, string message, Exception? inner)
        : base(message, inner)
    {
        Url = url;
    }

    public Uri Url { get; }
}

/// <summary>GET with redirects, retries and credentials scoped to their host. Shared by every network stage.</summary>
public sealed partial class HttpTransport : IDisposable
{
    private const int MaxErrorBodyBytes = 4096;
    private readonly HttpClient _client;
    private readonly ICredentialSource _credentials;
    private readonly IBundleLog _log;

    /// <summary>A transport with its own pooled socket handler: connections are reused across requests.</summary>
    public HttpTransport(ICredentialSource credentials, TransportOptions options, IBundleLog log)
        : this(CreateSocketHandler(), ownsHandler: true, credentials, options, log)
    {
    }

    /// <summary>
    /// A transport over <paramref name="handler"/> (tests inject one; the caller keeps ownership). A socket or
    /// client handler that would follow redirects itself is switched off that, since redirects must be checked here.
    /// </summary>
    public HttpTransport(HttpMessageHandler handler, ICredentialSource credentials, TransportOptions options, IBundleLog log)
        : this(handler, ownsHandler: false, credentials, options, log)
    {
    }

    private HttpTransport(HttpMessageHandler handler, bool ownsHandler, ICredentialSource credentials, TransportOptions options, IBundleLog log)
    {
        ArgumentNullException.ThrowIfNull(handler);
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRetries);
        ArgumentOutOfRangeException.ThrowIfNegative(options.MaxRedirects);
        DisableAutomaticRedirects(handler);
        _client = new HttpClient(handler, disposeHandler: ownsHandler) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("ipm-bundler", "1"));
        _credentials = credentials;
        Options = options;
        _log = log;
    }

    /// <summary>The timeouts and retry limits this transport applies to every GET.</summary>
    public TransportOptions Options { get; }

    /// <summary>The handler a transport uses when none is injected: pooled connections, no automatic redirects.</summary>
    public static SocketsHttpHandler CreateSocketHandler() => new()
    {
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.All,
        // Recycle pooled connections now and then so a changed DNS answer is eventually seen.
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        UseCookies = false,
    };

    /// <summary>
    /// GETs <paramref name="url"/> and hands a success response's body to <paramref name="readBody"/>.
    /// Throws <see cref="HttpStatusException"/> for a final non-success status and <see cref="TransportException"/>
    /// when the server cannot be reached. Failures worth retrying (408, 429, 5xx, resets, timeouts, bodies shorter
    /// than their Content-Length) are retried, including failures while <paramref name="readBody"/> reads: it may be
    /// called more than once and must start over each time. Cancelling throws <see cref="OperationCanceledException"/>.
    /// </summary>
    public Task<T> GetAsync<T>(Uri url, string? accept, Func<HttpResponseMessage, Stream, CancellationToken, Task<T>> readBody, CancellationToken cancellationToken) =>
        GetAsync(url, accept, [], readBody, cancellationToken);

    /// <summary>
    /// As <see cref="GetAsync{T}(Uri, string?, Func{HttpResponseMessage, Stream, CancellationToken, Task{T}}, CancellationToken)"/>,
    /// sending <paramref name="headers"/> too (conditional requests: <c>If-None-Match</c>, <c>If-Modified-Since</c>).
    /// A 304 answer is a <see cref="HttpStatusException"/> like any other status that is not a success.
    /// </summary>
    public async Task<T> GetAsync<T>(Uri url, string? accept, IReadOnlyList<KeyValuePair<string, string>> headers, Func<HttpResponseMessage, Stream, CancellationToken, Task<T>> readBody, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(readBody);
        if (!IsHttp(url))
        {
            throw new TransportException(url, $"cannot GET '{UrlRedaction.Redact(url)}': only http and https URLs are supported", null);
        }

        for (var retry = 0; ; retry++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var attempt = await AttemptAsync(url, accept, headers, readBody, cancellationToken).ConfigureAwait(false);
            if (attempt.Error is null)
            {
                return attempt.Value!;
            }

            if (!attempt.Retryable || retry >= Options.MaxRetries)
            {
                throw attempt.Error;
            }

            var delay = attempt.RetryAfter ?? RetryPolicy.Backoff(Options.FirstBackoff, retry + 1, Options.MaxRetryAfter);
            _log.Detail($"retry {retry + 1} of {Options.MaxRetries} for GET {UrlRedaction.Redact(url)} in {(long)delay.TotalMilliseconds} ms: {attempt.Error.Message}");
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Closes pooled connections; an injected handler is left to its owner.</summary>
    public void Dispose() => _client.Dispose();

    private static bool IsHttp(Uri url) =>
        url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);

    private static void DisableAutomaticRedirects(HttpMessageHandler handler)
    {
        try
        {
            switch (handler)
            {
                case SocketsHttpHandler { AllowAutoRedirect: true } sockets:
                    sockets.AllowAutoRedirect = false;
                    break;
                case HttpClientHandler { AllowAutoRedirect: true } client:
                    client.AllowAutoRedirect = false;
                    break;
            }
        }
        catch (InvalidOperationException ex)
        {
            throw new ArgumentException("the handler follows redirects itself and has already been used; create it with AllowAutoRedirect = false", nameof(handler), ex);
        }
    }
}
