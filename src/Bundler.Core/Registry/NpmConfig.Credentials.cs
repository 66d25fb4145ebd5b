using System.Net.Http.Headers;
using System.Text;

namespace Bundler.Core.Registry;

// Which credential a URL gets: npm-registry-fetch's lookup (lib/auth.js), without its same-host fallback.
public sealed partial class NpmConfig
{
    /// <summary>
    /// The Authorization header for <paramref name="url"/>. Like npm, the key is walked up from
    /// <c>//host[:port]/full/path</c> one segment (or one slash) at a time, and the first key that carries a
    /// credential decides: <c>:_authToken</c> (Bearer), else <c>:_auth</c> (Basic), else <c>:username</c> with
    /// base64 <c>:_password</c> (Basic). Unlike npm, a URL outside every configured host and path gets nothing,
    /// even on the registry's host: npm would also send the registry's credential there.
    /// </summary>
    public AuthenticationHeaderValue? For(Uri url)
    {
        if (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https"))
        {
            return null;
        }

        for (var key = "//" + url.Authority + url.AbsolutePath; key.Length > 2; key = WalkUp(key))
        {
            if (HasCredential(key))
            {
                return HeaderFor(key);
            }
        }

        return null;
    }

    /// <summary><c>//host[:port]/path/</c> of a URL (its folder), the form npm keys credentials by.</summary>
    public static string NerfDart(Uri url)
    {
        var path = url.AbsolutePath;
        return $"//{url.Authority}{path[..(path.LastIndexOf('/') + 1)]}";
    }

    // "//h/a/b" -> "//h/a/" -> "//h/a" -> "//h/" -> "//h": drop what follows the last slash, or the slash itself.
    private static string WalkUp(string key) =>
        key.EndsWith('/') ? key[..^1] : key[..(key.LastIndexOf('/') + 1)];

    // A key with only a client certificate still decides (npm stops there); ipm has no client certificates.
    private bool HasCredential(string key) =>
        Present(key + ":_authToken") || Present(key + ":_auth")
        || (Present(key + ":username") && Present(key + ":_password"))
        || (Present(key + ":certfile") && Present(key + ":keyfile"));

    private bool Present(string key) => Get(key) is { Length: > 0 };

    private AuthenticationHeaderValue? HeaderFor(string key)
    {
        if (Get(key + ":_authToken") is { Length: > 0 } token)
        {
            return new AuthenticationHeaderValue("Bearer", token);
        }

        if (Get(key + ":_auth") is { Length: > 0 } auth)
        {
            return new AuthenticationHeaderValue("Basic", auth);
        }

        if (Get(key + ":username") is { Length: > 0 } user && Get(key + ":_password") is { Length: > 0 } password)
        {
            var plain = Encoding.UTF8.GetString(LenientBase64(password));
            return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + plain)));
        }

        return null;
    }

    /// <summary>Decodes base64 as Node's Buffer.from(text, 'base64') does: URL-safe letters too, other characters skipped, padding optional.</summary>
    internal static byte[] LenientBase64(string text)
    {
        var sb = new StringBuilder(text.Length + 3);
        foreach (var c in text)
        {
            if (c == '=')
            {
                break;
            }

            if (char.IsAsciiLetterOrDigit(c) || c is '+' or '/')
            {
                sb.Append(c);
            }
            else if (c is '-' or '_')
            {
                sb.Append(c == '-' ? '+' : '/');
            }
        }

        // A lone trailing character carries fewer than 8 bits: Node drops it.
        if (sb.Length % 4 == 1)
        {
            sb.Length--;
        }

        while (sb.Length % 4 != 0)
        {
            sb.Append('=');
        }

        return Convert.FromBase64String(sb.ToString());
    }
}
