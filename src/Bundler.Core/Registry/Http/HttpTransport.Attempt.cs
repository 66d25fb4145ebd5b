using System.Text;

namespace Bundler.Core.Registry.Http;

// One attempt of a GET: the redirect chain, the status, and the body, under the attempt's idle and total timeouts.
public sealed partial class HttpTransport
{
    private async Task<Attempt<T>> AttemptAsync<T>(Uri url, string? accept, IReadOnlyList<KeyValuePair<string, string>> headers, Func<HttpResponseMessage, Stream, CancellationToken, Task<T>> readBody, CancellationToken cancellationToken)
    {
        using var idle = new CancellationTokenSource(Options.IdleTimeout);
        using var total = new CancellationTokenSource(Options.TotalTimeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, idle.Token, total.Token);
        var token = linked.Token;
        var current = url;
        HttpResponseMessage? response = null;
        TransportBodyStream? body = null;
        try
        {
            for (var hop = 0; ; hop++)
            {
                response = await SendAsync(current, accept, headers, token).ConfigureAwait(false);
                idle.CancelAfter(Options.IdleTimeout);
                if (!RetryPolicy.IsRedirect(response.StatusCode) || response.Headers.Location is not { } location)
                {
                    break;
                }

                var next = new Uri(current, location);
                var refusal = RefuseRedirect(current, next, hop);
                if (refusal is not null)
                {
                    var message = $"GET {UrlRedaction.Redact(url)} refused {refusal}: {UrlRedaction.Redact(current)} -> {UrlRedaction.Redact(next)}";
                    return Attempt<T>.Fail(new TransportException(current, message, null), retryable: false);
                }

                _log.Detail($"{(int)response.StatusCode} redirect {UrlRedaction.Redact(current)} -> {UrlRedaction.Redact(next)}");
                response.Dispose();
                response = null;
                current = next;
            }

            var status = (int)response.StatusCode;
            if (status is >= 200 and <= 299)
            {
                var raw = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
                body = new TransportBodyStream(raw, response.Content.Headers.ContentLength, () => idle.CancelAfter(Options.IdleTimeout), token);
                await using (body.ConfigureAwait(false))
                {
                    return Attempt<T>.Success(await readBody(response, body, token).ConfigureAwait(false));
                }
            }

            var error = new HttpStatusException(current, status, await ReadBodyStartAsync(response, token).ConfigureAwait(false));
            return RetryPolicy.IsRetryableStatus(status)
                ? Attempt<T>.Fail(error, retryable: true, RetryPolicy.RetryAfter(response.Headers.RetryAfter, Options.MaxRetryAfter, DateTimeOffset.UtcNow))
                : Attempt<T>.Fail(error, retryable: false);
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException($"GET {UrlRedaction.Redact(current)} was cancelled", ex, cancellationToken);
        }
        catch (Exception ex) when (idle.IsCancellationRequested || total.IsCancellationRequested)
        {
            var what = idle.IsCancellationRequested
                ? $"no data for {(long)Options.IdleTimeout.TotalMilliseconds} ms"
                : $"not complete after {(long)Options.TotalTimeout.TotalMilliseconds} ms";
            return Attempt<T>.Fail(new TransportException(current, $"GET {UrlRedaction.Redact(current)} timed out: {what}", ex), retryable: true);
        }
        catch (Exception ex) when (body is { NetworkFailed: true })
        {
            var message = $"GET {UrlRedaction.Redact(current)} failed while reading the body: {ex.Message}";
            return Attempt<T>.Fail(new TransportException(current, message, ex), retryable: true);
        }
        catch (HttpRequestException ex)
        {
            var message = $"GET {UrlRedaction.Redact(current)} failed: {ex.Message}";
            return Attempt<T>.Fail(new TransportException(current, message, ex), RetryPolicy.IsTransient(ex));
        }
        finally
        {
            response?.Dispose();
        }
    }

    private async Task<HttpResponseMessage> SendAsync(Uri url, string? accept, IReadOnlyList<KeyValuePair<string, string>> headers, CancellationToken token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        // Asked afresh for every hop, never copied from the previous request: a redirect to another host, scheme
        // or port gets that URL's own credential or none.
        var auth = _credentials.For(url);
        if (auth is not null)
        {
            request.Headers.Authorization = auth;
        }

        _log.Detail($"GET {UrlRedaction.Redact(url)}");
        return await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
    }

    private string? RefuseRedirect(Uri from, Uri to, int hop)
    {
        if (hop >= Options.MaxRedirects)
        {
            return $"more than {Options.MaxRedirects} redirects";
        }

        if (!IsHttp(to))
        {
            return "a redirect to a URL that is not http or https";
        }

        return from.Scheme == Uri.UriSchemeHttps && to.Scheme == Uri.UriSchemeHttp ? "a redirect from https to http" : null;
    }

    /// <summary>The start of an error body for messages; never more than a few KiB, whatever the server sends.</summary>
    private static async Task<string?> ReadBodyStartAsync(HttpResponseMessage response, CancellationToken token)
    {
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(token).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var buffer = new byte[MaxErrorBodyBytes];
                var filled = 0;
                int n;
                while (filled < buffer.Length && (n = await stream.ReadAsync(buffer.AsMemory(filled), token).ConfigureAwait(false)) > 0)
                {
                    filled += n;
                }

                var text = Encoding.UTF8.GetString(buffer, 0, filled);
                return text.Length > 300 ? text[..300] : text;
            }
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException || (ex is OperationCanceledException && !token.IsCancellationRequested))
        {
            return null;
        }
    }

    private readonly record struct Attempt<T>(T? Value, Exception? Error, bool Retryable, TimeSpan? RetryAfter)
    {
        public static Attempt<T> Success(T value) => new(value, null, false, null);

        public static Attempt<T> Fail(Exception error, bool retryable, TimeSpan? retryAfter = null) => new(default, error, retryable, retryAfter);
    }
}
