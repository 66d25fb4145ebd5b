using System.Text.RegularExpressions;

namespace Bundler.Core.Versioning;

internal enum ComparatorOperator : byte
{
    /// <summary>The empty comparator: any version (node-semver's <c>Comparator.ANY</c>).</summary>
    Any,
    Equal,
    Less,
    LessOrEqual,
    Greater,
    GreaterOrEqual,
}

/// <summary>One primitive comparator after desugaring, e.g. <c>&gt;=1.2.3</c> (node-semver's <c>Comparator</c>).</summary>
internal sealed class NpmComparator
{
    public static readonly NpmComparator Any = new(ComparatorOperator.Any, null);

    /// <summary>The <c>-0</c> prerelease desugared upper bounds carry (<c>&lt;2.0.0-0</c>).</summary>
    public static readonly PrereleaseIdentifier[] ZeroPrerelease = [PrereleaseIdentifier.Create("0")];

    private string? _value;

    public NpmComparator(ComparatorOperator op, NpmVersion? version)
    {
        Operator = op;
        Version = version;
    }

    public ComparatorOperator Operator { get; }

    /// <summary>Null only for <see cref="ComparatorOperator.Any"/>.</summary>
    public NpmVersion? Version { get; }

    /// <summary>node-semver's <c>comparator.value</c>: operator (never "=") and normalized version.</summary>
    public string Value => _value ??= Version is null ? "" : OperatorText(Operator) + Version;

    public bool IsAny => Operator == ComparatorOperator.Any;

    /// <summary><c>&lt;0.0.0-0</c>, which nothing satisfies (node-semver's isNullSet compares the text).</summary>
    public bool IsNullSet => Operator == ComparatorOperator.Less && Version is { Major: 0, Minor: 0, Patch: 0 } v
        && v.PrereleaseIdentifiers.Length == 1 && v.PrereleaseIdentifiers[0].Text == "0";

    /// <summary>Whether the two print the same <see cref="Value"/>, without building the strings.</summary>
    public bool SameValue(NpmComparator other) =>
        Operator == other.Operator && (Version is null ? other.Version is null : other.Version is not null && Version.SameText(other.Version));

    public bool Test(NpmVersion version) => Operator switch
    {
        ComparatorOperator.Any => true,
        ComparatorOperator.Equal => version.CompareTo(Version) == 0,
        ComparatorOperator.Less => version.CompareTo(Version) < 0,
        ComparatorOperator.LessOrEqual => version.CompareTo(Version) <= 0,
        ComparatorOperator.Greater => version.CompareTo(Version) > 0,
        _ => version.CompareTo(Version) >= 0,
    };

    public override string ToString() => Value;

    /// <summary>
    /// <c>new Comparator(text, loose)</c> from a successful COMPARATOR(LOOSE) match, or null where node-semver
    /// throws (the version is too long or a number exceeds MAX_SAFE_INTEGER).
    /// </summary>
    public static NpmComparator? FromMatch(Match m, bool loose)
    {
        var versionGroup = m.Groups[2];
        if (!versionGroup.Success || versionGroup.Length == 0)
        {
            return Any;
        }

        var version = NpmVersion.Create(versionGroup.Value, loose);
        return version is null ? null : new NpmComparator(ParseOperator(m.Groups[1].Value), version);
    }

    public static ComparatorOperator ParseOperator(ReadOnlySpan<char> op) => op switch
    {
        "<" => ComparatorOperator.Less,
        "<=" => ComparatorOperator.LessOrEqual,
        ">" => ComparatorOperator.Greater,
        ">=" => ComparatorOperator.GreaterOrEqual,
        _ => ComparatorOperator.Equal,
    };

    private static string OperatorText(ComparatorOperator op) => op switch
    {
        ComparatorOperator.Less => "<",
        ComparatorOperator.LessOrEqual => "<=",
        ComparatorOperator.Greater => ">",
        ComparatorOperator.GreaterOrEqual => ">=",
        _ => "",
    };
}
