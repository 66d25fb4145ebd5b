using System.Net;
using System.Net.Http.Headers;

namespace Bundler.Core.Registry.Http;

/// <summary>Which failures are worth another attempt, and how long to wait before it.</summary>
internal static class RetryPolicy
{
    /// <summary>408, 429 and 5xx say "try again later"; every other status is the server's final answer.</summary>
    public static bool IsRetryableStatus(int status) => status is 408 or 429 or >= 500 and <= 599;

    public static bool IsRedirect(HttpStatusCode status) =>
        status is HttpStatusCode.MovedPermanently or HttpStatusCode.Found or HttpStatusCode.SeeOther
            or HttpStatusCode.TemporaryRedirect or HttpStatusCode.PermanentRedirect;

    /// <summary>Connection problems are transient; a name that does not resolve or a TLS failure are not.</summary>
    public static bool IsTransient(HttpRequestException ex) => ex.HttpRequestError switch
    {
        HttpRequestError.NameResolutionError => false,
        HttpRequestError.SecureConnectionError => false,
        HttpRequestError.UserAuthenticationError => false,
        HttpRequestError.ConfigurationLimitExceeded => false,
        HttpRequestError.VersionNegotiationError => false,
        _ => true,
    };

    /// <summary>The wait a Retry-After header asks for (seconds or an HTTP date), capped; null when absent.</summary>
    public static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, TimeSpan cap, DateTimeOffset now)
    {
        TimeSpan? wait = header switch
        {
            { Delta: { } delta } => delta,
            { Date: { } date } => date - now,
            _ => null,
        };
        if (wait is not { } w)
        {
            return null;
        }

        if (w < TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        return w > cap ? cap : w;
    }

    /// <summary>Exponential backoff: first, 2x first, 4x first ..., capped like Retry-After.</summary>
    public static TimeSpan Backoff(TimeSpan first, int retry, TimeSpan cap)
    {
        var ticks = first.Ticks * Math.Pow(2, Math.Max(0, retry - 1));
        return ticks >= cap.Ticks ? cap : TimeSpan.FromTicks((long)ticks);
    }
}
