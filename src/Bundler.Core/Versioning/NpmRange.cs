using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace Bundler.Core.Versioning;

/// <summary>
/// A node-semver range (comparator sets joined by <c>||</c>), with npm's semantics: loose parsing by default
/// (as npm reads dependency specs), prereleases only where a comparator of the same [major, minor, patch] names
/// one (includePrerelease off). Parsed ranges are immutable and cached, so parsing the same text twice is cheap.
/// </summary>
public sealed class NpmRange
{
    private const int CacheLimit = 4096;
    private static readonly ConcurrentDictionary<string, NpmRange?> LooseCache = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, NpmRange?> StrictCache = new(StringComparer.Ordinal);

    private readonly NpmComparator[][] _sets;
    private string? _formatted;

    private NpmRange(string text, bool loose, NpmComparator[][] sets)
    {
        Text = text;
        Loose = loose;
        _sets = sets;
    }

    /// <summary>The range as written.</summary>
    public string Text { get; }

    /// <summary>Whether node-semver's loose grammar was used (npm's choice; the default).</summary>
    public bool Loose { get; }

    internal IReadOnlyList<NpmComparator[]> Sets => _sets;

    /// <summary>Parses loosely, as npm does. Returns false for anything npm rejects; never throws.</summary>
    public static bool TryParse(string? text, out NpmRange? range) => TryParse(text, loose: true, out range);

    /// <summary>Parses with node-semver's loose or strict grammar. Never throws.</summary>
    public static bool TryParse(string? text, bool loose, out NpmRange? range)
    {
        if (text is null)
        {
            range = null;
            return false;
        }

        var cache = loose ? LooseCache : StrictCache;
        if (!cache.TryGetValue(text, out range))
        {
            range = ParseUncached(text, loose);
            if (cache.Count >= CacheLimit)
            {
                cache.Clear();
            }

            cache.TryAdd(text, range);
        }

        return range is not null;
    }

    /// <summary>Parses loosely or throws <see cref="FormatException"/>.</summary>
    public static NpmRange Parse(string text) => Parse(text, loose: true);

    public static NpmRange Parse(string text, bool loose) =>
        TryParse(text, loose, out var range) ? range! : throw new FormatException($"invalid version range '{text}'");

    /// <summary>node-semver's <c>new Range(text, loose)</c> without the cache; null where it throws.</summary>
    internal static NpmRange? ParseUncached(string text, bool loose)
    {
        try
        {
            var sets = Desugar(JsText.TrimAndCollapse(text), loose);
            return sets is null ? null : new NpmRange(text, loose, sets);
        }
        catch (RegexMatchTimeoutException)
        {
            return null;
        }
    }

    /// <summary>Whether <paramref name="version"/> satisfies the range (node-semver's <c>Range.test</c>).</summary>
    public bool IsSatisfiedBy(NpmVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        foreach (var set in _sets)
        {
            if (TestSet(set, version))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Parses <paramref name="version"/> with this range's grammar; false when it does not parse.</summary>
    public bool IsSatisfiedBy(string version)
    {
        var v = NpmVersion.Create(version, Loose);
        return v is not null && IsSatisfiedBy(v);
    }

    /// <summary>The highest satisfying version; the first of equal ones. Null when none satisfies.</summary>
    public NpmVersion? MaxSatisfying(IEnumerable<NpmVersion> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        NpmVersion? max = null;
        foreach (var v in versions)
        {
            if (IsSatisfiedBy(v) && (max is null || max.CompareTo(v) < 0))
            {
                max = v;
            }
        }

        return max;
    }

    /// <summary>node-semver's <c>maxSatisfying</c>: returns the string as given; unparseable ones are skipped.</summary>
    public string? MaxSatisfying(IEnumerable<string> versions)
    {
        ArgumentNullException.ThrowIfNull(versions);
        string? max = null;
        NpmVersion? maxVersion = null;
        foreach (var text in versions)
        {
            var v = NpmVersion.Create(text, Loose);
            if (v is not null && IsSatisfiedBy(v) && (maxVersion is null || maxVersion.CompareTo(v) < 0))
            {
                max = text;
                maxVersion = v;
            }
        }

        return max;
    }

    /// <summary>
    /// The normalized form node-semver prints for <c>new Range(x).range</c>, e.g. <c>&gt;=1.2.3 &lt;2.0.0-0</c>.
    /// Any version is the empty string (node-semver's <c>validRange</c> prints that as <c>*</c>).
    /// </summary>
    public override string ToString() => _formatted ??= Format(_sets);

    private static bool TestSet(NpmComparator[] set, NpmVersion version)
    {
        foreach (var c in set)
        {
            if (!c.Test(version))
            {
                return false;
            }
        }

        if (!version.IsPrerelease)
        {
            return true;
        }

        // A prerelease passes only when a comparator names a prerelease of the same [major, minor, patch].
        foreach (var c in set)
        {
            if (c.Version is { IsPrerelease: true } allowed
                && allowed.Major == version.Major && allowed.Minor == version.Minor && allowed.Patch == version.Patch)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The Range constructor after whitespace collapsing: split on ||, parse each part, tidy up.</summary>
    private static NpmComparator[][]? Desugar(string raw, bool loose)
    {
        var parts = raw.Split("||");
        var sets = new List<NpmComparator[]>(parts.Length);
        foreach (var part in parts)
        {
            var trimmed = JsText.Trim(part);
            var set = RangeFastPath.TryParsePart(trimmed) ?? RangeDesugarer.ParsePart(trimmed, loose);
            if (set is null)
            {
                return null;
            }

            if (set.Length > 0)
            {
                sets.Add(set);
            }
        }

        if (sets.Count == 0)
        {
            return null;
        }

        if (sets.Count > 1)
        {
            // Null sets go when anything else remains; a lone "any" set swallows the rest.
            var first = sets[0];
            sets.RemoveAll(s => s[0].IsNullSet);
            if (sets.Count == 0)
            {
                return [first];
            }

            var any = sets.Find(s => s.Length == 1 && s[0].IsAny);
            if (any is not null && sets.Count > 1)
            {
                return [any];
            }
        }

        return sets.ToArray();
    }

    private static string Format(NpmComparator[][] sets)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < sets.Length; i++)
        {
            if (i > 0)
            {
                sb.Append("||");
            }

            for (var k = 0; k < sets[i].Length; k++)
            {
                if (k > 0)
                {
                    sb.Append(' ');
                }

                sb.Append(sets[i][k].Value);
            }
        }

        return sb.ToString();
    }
}
