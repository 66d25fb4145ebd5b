using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Bundler.Core.Registry;

/// <summary>
/// The text rules of an <c>.npmrc</c>, as npm applies them: the <c>ini</c> package's parser (comments, quoting,
/// escapes, sections), then <c>${VAR}</c> expansion from @npmcli/config on keys and values.
/// </summary>
internal static partial class Npmrc
{
    /// <summary>
    /// Top-level <c>key=value</c> pairs in file order (a later duplicate wins when applied in order). Keys after a
    /// <c>[section]</c> header belong to that section, which npm never reads, so they are left out. A line
    /// without '=' sets its key to "true"; <c>key[]=v</c> array entries are left out (no setting ipm reads is a list).
    /// A value of <c>null</c> or <c>false</c> (ini turns both into JSON values) comes back as null: "not set here";
    /// except that <c>null</c> under a key with a '.' disappears altogether, as it does in npm.
    /// </summary>
    public static List<KeyValuePair<string, string?>> Parse(string text)
    {
        var pairs = new List<KeyValuePair<string, string?>>();
        foreach (var line in LineBreaks().Split(text))
        {
            if (line.Length == 0 || CommentOrBlank().IsMatch(line))
            {
                continue;
            }

            if (SectionHeader().IsMatch(line))
            {
                // ini puts everything after a header into that section; npm reads only the top level.
                break;
            }

            var eq = line.IndexOf('=', StringComparison.Ordinal);
            var key = Unsafe(eq < 0 ? line : line[..eq]);
            if (key.Length == 0 || key == "__proto__" || (key.Length > 2 && key.EndsWith("[]", StringComparison.Ordinal)))
            {
                continue;
            }

            var value = eq < 0 ? "true" : Unsafe(line[(eq + 1)..]);
            if (value == "null" && key.Contains('.', StringComparison.Ordinal))
            {
                // ini treats null as an object and moves a dotted key holding one into a nested section: npm never sees it.
                continue;
            }

            pairs.Add(new(key, value is "null" or "false" ? null : value));
        }

        return pairs;
    }

    /// <summary>
    /// The ini package's <c>unsafe</c>: a value in double quotes is a JSON string; in single quotes it is taken
    /// as is (then tried as JSON); otherwise an unescaped ';' or '#' starts a comment and <c>\;</c>, <c>\#</c>,
    /// <c>\\</c> are escapes (any other backslash is kept).
    /// </summary>
    internal static string Unsafe(string raw)
    {
        var v = raw.Trim();
        var doubleQuoted = v.Length >= 2 && v[0] == '"' && v[^1] == '"';
        var singleQuoted = v.Length >= 2 && v[0] == '\'' && v[^1] == '\'';
        if (doubleQuoted || singleQuoted)
        {
            var inner = singleQuoted ? v[1..^1] : v;
            try
            {
                using var doc = JsonDocument.Parse(inner);
                // ini keeps whatever JSON.parse returns; only strings matter for the settings ipm reads.
                return doc.RootElement.ValueKind == JsonValueKind.String ? doc.RootElement.GetString()! : doc.RootElement.GetRawText();
            }
            catch (JsonException)
            {
                return inner;
            }
        }

        var sb = new StringBuilder(v.Length);
        var escaped = false;
        foreach (var c in v)
        {
            if (escaped)
            {
                if (c is '\\' or ';' or '#')
                {
                    sb.Append(c);
                }
                else
                {
                    sb.Append('\\').Append(c);
                }

                escaped = false;
            }
            else if (c is ';' or '#')
            {
                break;
            }
            else if (c == '\\')
            {
                escaped = true;
            }
            else
            {
                sb.Append(c);
            }
        }

        if (escaped)
        {
            sb.Append('\\');
        }

        return sb.ToString().Trim();
    }

    /// <summary>
    /// npm's <c>${NAME}</c> expansion: replaced when set (even to ""), kept literally when not, <c>${NAME?}</c>
    /// becomes empty when not set. An odd run of backslashes before '$' escapes it (half of them are consumed);
    /// an even run is halved and the variable expanded. <paramref name="missing"/> hears of each unset name
    /// written without '?'.
    /// </summary>
    public static string ExpandEnv(string text, IReadOnlyDictionary<string, string?> env, Action<string>? missing = null) =>
        EnvPattern().Replace(text, m =>
        {
            var escapes = m.Groups[1].Value;
            var name = m.Groups[2].Value;
            var optional = m.Groups[3].Success;
            if (escapes.Length % 2 == 1)
            {
                return m.Value[((escapes.Length + 1) / 2)..];
            }

            string value;
            if (env.TryGetValue(name, out var v) && v is not null)
            {
                value = v;
            }
            else
            {
                if (!optional)
                {
                    missing?.Invoke(name);
                }

                value = optional ? string.Empty : "${" + name + "}";
            }

            return escapes[(escapes.Length / 2)..] + value;
        });

    [GeneratedRegex(@"(?<!\\)(\\*)\$\{([^${}?]+)(\?)?\}", RegexOptions.CultureInvariant)]
    private static partial Regex EnvPattern();

    [GeneratedRegex(@"[\r\n]+", RegexOptions.CultureInvariant)]
    private static partial Regex LineBreaks();

    [GeneratedRegex(@"^\s*[;#]|^\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex CommentOrBlank();

    [GeneratedRegex(@"^\[([^\]]*)\]\s*$", RegexOptions.CultureInvariant)]
    private static partial Regex SectionHeader();
}
