using System.Security.Cryptography;
using System.Text;

namespace Bundler.Core.Generation;

/// <summary>C identifiers and comment text derived from virtual paths.</summary>
internal static class CNames
{
    /// <summary>C99 guarantees 63 significant characters for internal identifiers; stay within them.</summary>
    private const int MaxIdentifier = 63;

    /// <summary>
    /// One identifier per path, e.g. <c>/node_modules/echotest/index.js</c> gives
    /// <c>ipm_node_modules_echotest_index_js</c>. Names are a function of the path alone so they stay stable
    /// as other files come and go; only paths whose names clash (or are cut to fit 63 characters) get a
    /// suffix, taken from a hash of the path rather than from their order.
    /// </summary>
    public static IReadOnlyDictionary<string, string> Symbols(IEnumerable<string> paths, string prefix)
    {
        var sorted = paths.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var plain = sorted.ToDictionary(p => p, p => Sanitize(prefix, p, out _), StringComparer.Ordinal);
        var clashing = plain.GroupBy(kv => kv.Value, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .SelectMany(g => g.Select(kv => kv.Key))
            .ToHashSet(StringComparer.Ordinal);
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        var taken = new HashSet<string>(StringComparer.Ordinal);
        foreach (var path in sorted)
        {
            var name = Sanitize(prefix, path, out var truncated);
            if (truncated || clashing.Contains(path))
            {
                name = Sanitize(prefix, path, out _, reserve: 9) + "_" + Hash8(path);
            }

            // A hash collision (or a plain name equal to a hashed one) is settled by order, deterministically.
            var unique = name;
            for (var n = 2; !taken.Add(unique); n++)
            {
                unique = name + "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            result[path] = unique;
        }

        return result;
    }

    /// <summary>
    /// Text safe inside a <c>/* */</c> comment: printable ASCII kept, other bytes shown as <c>\ooo</c>, and
    /// <c>*/</c>, <c>/*</c> and <c>?</c> (trigraphs such as <c>??/</c>) defused with a backslash.
    /// </summary>
    public static string Comment(string text)
    {
        var sb = new StringBuilder(text.Length);
        var bytes = CStringLiteral.Utf8.GetBytes(text);
        for (var i = 0; i < bytes.Length; i++)
        {
            var b = bytes[i];
            if ((b == (byte)'/' && i > 0 && bytes[i - 1] == (byte)'*') || (b == (byte)'*' && i > 0 && bytes[i - 1] == (byte)'/'))
            {
                // Neither "*/" (ends the comment) nor "/*" (-Wcomment under -Wall) may appear.
                sb.Append('\\').Append((char)b);
            }
            else if (b == (byte)'?')
            {
                sb.Append("\\?");
            }
            else if (b is >= 0x20 and < 0x7F)
            {
                sb.Append((char)b);
            }
            else
            {
                sb.Append('\\').Append(Convert.ToString(b, 8).PadLeft(3, '0'));
            }
        }

        return sb.ToString();
    }

    private static string Sanitize(string prefix, string path, out bool truncated, int reserve = 0)
    {
        var body = new StringBuilder(path.Length);
        foreach (var c in path.TrimStart('/'))
        {
            body.Append(c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') ? c : '_');
        }

        var room = MaxIdentifier - prefix.Length - reserve;
        truncated = body.Length > room;

        // Keep the end of the path: the file name says more than the leading node_modules.
        var kept = truncated ? body.ToString(body.Length - room, room) : body.ToString();
        return prefix + kept;
    }

    private static string Hash8(string path) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(path)), 0, 4).ToLowerInvariant();
}
