using System.Text;
using System.Text.RegularExpressions;

namespace Bundler.Core.Packaging;

/// <summary>Path globs as package files are matched: <c>*</c> within a segment, <c>**</c> across segments, <c>?</c> one character.</summary>
public sealed class Glob
{
    private readonly Regex _regex;

    public Glob(string pattern)
    {
        Pattern = pattern;
        var p = pattern.Replace('\\', '/').TrimStart('/');
        // A pattern without a slash matches the name in any folder, as .npmignore patterns do.
        if (!p.Contains('/', StringComparison.Ordinal))
        {
            p = "**/" + p;
        }

        if (p.EndsWith('/'))
        {
            p += "**";
        }

        var sb = new StringBuilder("^");
        for (var i = 0; i < p.Length; i++)
        {
            var c = p[i];
            if (c == '*' && i + 1 < p.Length && p[i + 1] == '*')
            {
                var slash = i + 2 < p.Length && p[i + 2] == '/';
                sb.Append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else if (c == '*')
            {
                sb.Append("[^/]*");
            }
            else if (c == '?')
            {
                sb.Append("[^/]");
            }
            else
            {
                sb.Append(Regex.Escape(c.ToString()));
            }
        }

        // A folder pattern also matches everything below it.
        sb.Append("(?:/.*)?$");
        _regex = new Regex(sb.ToString(), RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);
    }

    public string Pattern { get; }

    /// <summary>Matches a package-relative path with forward slashes.</summary>
    public bool IsMatch(string relativePath) => _regex.IsMatch(relativePath);

    /// <summary>Parses a ';'-separated list (MSBuild item metadata, CLI option).</summary>
    public static IReadOnlyList<Glob> List(string? patterns) =>
        string.IsNullOrWhiteSpace(patterns) ? [] : patterns.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(p => new Glob(p)).ToList();
}
