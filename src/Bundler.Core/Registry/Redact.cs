namespace Bundler.Core.Registry;

/// <summary>
/// Removes credentials from anything that may be printed or written to a lock file. One rule for both: user info
/// goes, and so does every query parameter whose name looks like a credential (<see cref="IsCredentialParameter"/>):
/// tokens, API keys, passwords, and the signatures of pre-signed archive URLs (<c>X-Amz-Signature</c>,
/// <c>X-Amz-Credential</c>, <c>X-Amz-Security-Token</c>, <c>X-Goog-Signature</c>, a SAS <c>sig</c>).
/// </summary>
public static class Redact
{
    // Matched anywhere in the parameter name, ignoring case: "access_token", "apiKey", "X-Amz-Signature" all count.
    private static readonly string[] CredentialWords = ["token", "auth", "key", "sig", "secret", "pass", "pwd", "credential"];

    /// <summary>
    /// The URL as a lock file stores it (and registry messages show it): no user info, and the credential-like query
    /// parameters left out altogether (other parameters stay, in their order).
    /// </summary>
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

        var b = new UriBuilder(url) { UserName = string.Empty, Password = string.Empty, Fragment = string.Empty };
        if (b.Query.Length > 1)
        {
            b.Query = string.Join('&', b.Query[1..].Split('&').Where(p => !IsCredentialParameter(ParameterName(p))));
        }

        return b.Uri.ToString();
    }

    /// <summary>True when a query parameter of this name may carry a secret (compared after percent-decoding).</summary>
    public static bool IsCredentialParameter(string name)
    {
        var decoded = Uri.UnescapeDataString(name);
        foreach (var word in CredentialWords)
        {
            if (decoded.Contains(word, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The name part of a <c>name=value</c> query parameter (the whole text when it has no '=').</summary>
    internal static string ParameterName(string parameter)
    {
        var eq = parameter.IndexOf('=', StringComparison.Ordinal);
        return eq < 0 ? parameter : parameter[..eq];
    }
}
