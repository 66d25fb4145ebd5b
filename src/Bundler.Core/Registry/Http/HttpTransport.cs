using System.Net.Http.Headers;
using Bundler.Core.Diagnostics;

namespace Bundler.Core.Registry.Http;

// CONTRACT: the Fetching owner hardens the internals (retries, backoff, Retry-After, redirects, timeouts);
// the public surface below is what the registry client and the tarball fetcher use.

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
    public int MaxRetries { get; init; } = 2;

    public int MaxRedirects { get; init; } = 5;

    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan TotalTimeout { get; init; } = TimeSpan.FromMinutes(5);

    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(60);

    public TimeSpan FirstBackoff { get; init; } = TimeSpan.FromSeconds(1);
}

/// <summary>A response that was not a success after all retries.</summary>
public sealed class HttpStatusException : Exception
{
    public HttpStatusException(Uri url, int statusCode, string? bodyStart)
        : base($"{(int)statusCode} from {url}")
    {
        Url = url;
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
public sealed class HttpTransport : IDisposable
{
    private readonly HttpClient _client;
    private readonly ICredentialSource _credentials;
    private readonly IBundleLog _log;

    public HttpTransport(HttpMessageHandler handler, ICredentialSource credentials, TransportOptions options, IBundleLog log)
    {
        _client = new HttpClient(handler, disposeHandler: false) { Timeout = Timeout.InfiniteTimeSpan };
        _credentials = credentials;
        Options = options;
        _log = log;
    }

    public TransportOptions Options { get; }

    /// <summary>
    /// GETs <paramref name="url"/> and hands a success response's body to <paramref name="readBody"/>.
    /// Throws <see cref="HttpStatusException"/> for a final non-success status and <see cref="TransportException"/>
    /// when the server cannot be reached.
    /// </summary>
    public async Task<T> GetAsync<T>(Uri url, string? accept, Func<HttpResponseMessage, Stream, CancellationToken, Task<T>> readBody, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        var auth = _credentials.For(url);
        if (auth is not null)
        {
            request.Headers.Authorization = auth;
        }

        _log.Detail($"GET {url}");
        HttpResponseMessage response;
        try
        {
            response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new TransportException(url, ex.Message, ex);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                throw new HttpStatusException(url, (int)response.StatusCode, body.Length > 300 ? body[..300] : body);
            }

            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            return await readBody(response, stream, cancellationToken).ConfigureAwait(false);
        }
    }

    public void Dispose() => _client.Dispose();
}
