using System.Globalization;

namespace Bundler.Core.Versioning;

/// <summary>
/// A version as npm reads it: node-semver's <c>SemVer</c>. Parsing is loose by default, as npm parses
/// packument versions (<c>v1.2.3</c>, <c>=1.2.3</c>, <c>1.2.3beta</c>, leading zeros); pass <c>loose: false</c>
/// for node-semver's strict grammar. Comparison and equality follow semver precedence: build metadata is
/// ignored, so <c>1.0.0+a</c> equals <c>1.0.0+b</c>.
/// </summary>
public sealed partial class NpmVersion : IComparable<NpmVersion>, IEquatable<NpmVersion>
{
    private PrereleaseIdentifier[] _pre = [];
    private string[]? _preTexts;
    private string? _version;

    private NpmVersion()
    {
    }

    public long Major { get; private init; }

    public long Minor { get; private init; }

    public long Patch { get; private init; }

    /// <summary>Prerelease identifiers as node-semver prints them (numeric ones without leading zeros).</summary>
    public IReadOnlyList<string> Prerelease => _preTexts ??= Array.ConvertAll(_pre, p => p.Text);

    public IReadOnlyList<string> Build { get; private init; } = [];

    public bool IsPrerelease => _pre.Length > 0;

    /// <summary>Parses loosely, as npm does. Returns false for anything npm cannot parse; never throws.</summary>
    public static bool TryParse(string? text, out NpmVersion? version) => TryParse(text, loose: true, out version);

    /// <summary>Parses with node-semver's loose or strict grammar. Never throws.</summary>
    public static bool TryParse(string? text, bool loose, out NpmVersion? version)
    {
        version = Create(text, loose);
        return version is not null;
    }

    /// <summary>Parses loosely or throws <see cref="FormatException"/>.</summary>
    public static NpmVersion Parse(string text) => Parse(text, loose: true);

    public static NpmVersion Parse(string text, bool loose) =>
        Create(text, loose) ?? throw new FormatException($"invalid version '{text}'");

    /// <summary>
    /// node-semver's <c>clean</c>: trims, drops leading '=' and 'v', and returns the normalized version, or null.
    /// </summary>
    public static string? Clean(string? text, bool loose = true)
    {
        if (text is null)
        {
            return null;
        }

        var s = JsText.Trim(text);
        var i = 0;
        while (i < s.Length && (s[i] == '=' || s[i] == 'v'))
        {
            i++;
        }

        return Create(s.Substring(i), loose)?.ToString();
    }

    public int CompareTo(NpmVersion? other)
    {
        if (other is null)
        {
            return 1;
        }

        if (ReferenceEquals(this, other))
        {
            return 0;
        }

        if (Major != other.Major)
        {
            return Major < other.Major ? -1 : 1;
        }

        if (Minor != other.Minor)
        {
            return Minor < other.Minor ? -1 : 1;
        }

        if (Patch != other.Patch)
        {
            return Patch < other.Patch ? -1 : 1;
        }

        var a = _pre;
        var b = other._pre;
        if (a.Length == 0 || b.Length == 0)
        {
            return a.Length == b.Length ? 0 : a.Length == 0 ? 1 : -1;
        }

        for (var i = 0; ; i++)
        {
            if (i == a.Length || i == b.Length)
            {
                return a.Length == b.Length ? 0 : i == a.Length ? -1 : 1;
            }

            if (!string.Equals(a[i].Text, b[i].Text, StringComparison.Ordinal))
            {
                // node-semver returns here even when the identifiers compare equal as numbers.
                return PrereleaseIdentifier.Compare(a[i], b[i]);
            }
        }
    }

    public bool Equals(NpmVersion? other) => other is not null && CompareTo(other) == 0;

    public override bool Equals(object? obj) => Equals(obj as NpmVersion);

    public override int GetHashCode()
    {
        // Versions equal by precedence agree on the main triple and on the first prerelease identifier's value.
        if (_pre.Length == 0)
        {
            return HashCode.Combine(Major, Minor, Patch);
        }

        var first = _pre[0];
        var key = first.IsNumeric ? first.Value.GetHashCode() : StringComparer.Ordinal.GetHashCode(first.Text);
        return HashCode.Combine(Major, Minor, Patch, key);
    }

    /// <summary>The normalized version node-semver prints (<c>SemVer.version</c>): no prefix, no build.</summary>
    public override string ToString() => _version ??= Format();

    public static bool operator <(NpmVersion left, NpmVersion right) => left.CompareTo(right) < 0;

    public static bool operator >(NpmVersion left, NpmVersion right) => left.CompareTo(right) > 0;

    public static bool operator <=(NpmVersion left, NpmVersion right) => left.CompareTo(right) <= 0;

    public static bool operator >=(NpmVersion left, NpmVersion right) => left.CompareTo(right) >= 0;

    public static bool operator ==(NpmVersion? left, NpmVersion? right) =>
        left is null ? right is null : left.Equals(right);

    public static bool operator !=(NpmVersion? left, NpmVersion? right) => !(left == right);

    /// <summary>A version built by the range parser (no build metadata).</summary>
    internal static NpmVersion FromParts(long major, long minor, long patch, PrereleaseIdentifier[] pre) =>
        new() { Major = major, Minor = minor, Patch = patch, _pre = pre };

    internal ReadOnlySpan<PrereleaseIdentifier> PrereleaseIdentifiers => _pre;

    /// <summary>Same major, minor, patch and prerelease text: node-semver's <c>version</c> strings are equal.</summary>
    internal bool SameText(NpmVersion other)
    {
        if (Major != other.Major || Minor != other.Minor || Patch != other.Patch || _pre.Length != other._pre.Length)
        {
            return false;
        }

        for (var i = 0; i < _pre.Length; i++)
        {
            if (!string.Equals(_pre[i].Text, other._pre[i].Text, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
    }

    private string Format()
    {
        var main = string.Concat(
            Major.ToString(CultureInfo.InvariantCulture), ".",
            Minor.ToString(CultureInfo.InvariantCulture), ".",
            Patch.ToString(CultureInfo.InvariantCulture));
        return _pre.Length == 0 ? main : main + "-" + string.Join('.', Prerelease);
    }
}
