namespace Bundler.Core.Registry;

/// <summary>Removes credentials from anything that may be printed or written to a lock file.</summary>
public static class Redact
{
    /// <summary>The URL without user info or query parameters that look like secrets.</summary>
    public static string Url(Uri url)
    {
        if (!url.IsAbsoluteUri)
        {
            return url.OriginalString;
        }

        if (url.IsFile)
        {
            return url.LocalPath;
        }

        var b = new UriBuilder(url) { UserName = string.Empty, Password = string.Empty };
        if (!string.IsNullOrEmpty(b.Query) && b.Query.Contains("token", StringComparison.OrdinalIgnoreCase))
        {
            b.Query = string.Empty;
        }

        return b.Uri.ToString();
    }
}
