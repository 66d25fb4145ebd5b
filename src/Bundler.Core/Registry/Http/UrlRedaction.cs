namespace Bundler.Core.Registry.Http;

/// <summary>
/// Makes URLs safe to print: no user info, and no values of query parameters that look like secrets. The rule for
/// what looks like a secret is the lock file's (<see cref="Registry.Redact.IsCredentialParameter"/>); here the
/// parameter stays visible with its value masked, so a log still shows which one was sent.
/// </summary>
internal static class UrlRedaction
{
    public static string Redact(Uri url)
    {
        if (!url.IsAbsoluteUri)
        {
            return url.OriginalString;
        }

        // SchemeAndServer leaves out the user info, which is where "https://user:pass@host" keeps its secret.
        var text = url.GetComponents(UriComponents.SchemeAndServer | UriComponents.Path, UriFormat.UriEscaped);
        var query = url.GetComponents(UriComponents.Query, UriFormat.UriEscaped);
        return query.Length == 0 ? text : text + "?" + RedactQuery(query);
    }

    private static string RedactQuery(string query)
    {
        var parts = query.Split('&');
        for (var i = 0; i < parts.Length; i++)
        {
            var eq = parts[i].IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && Registry.Redact.IsCredentialParameter(parts[i][..eq]))
            {
                parts[i] = parts[i][..(eq + 1)] + "***";
            }
        }

        return string.Join('&', parts);
    }
}
