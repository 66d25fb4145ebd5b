using System.Globalization;

namespace Bundler.Core.Versioning;

/// <summary>
/// One prerelease identifier as node-semver holds it: a JavaScript number when it is all digits and below
/// MAX_SAFE_INTEGER, otherwise the string. Identifiers made only of digits compare as (double) numbers, as
/// node-semver's <c>compareIdentifiers</c> does with <c>+a</c>, and sort before all others.
/// </summary>
internal readonly struct PrereleaseIdentifier
{
    private PrereleaseIdentifier(string text, bool isNumeric, double value)
    {
        Text = text;
        IsNumeric = isNumeric;
        Value = value;
    }

    /// <summary>The identifier as node-semver prints it ("01" becomes "1").</summary>
    public string Text { get; }

    /// <summary>Matches <c>/^[0-9]+$/</c>.</summary>
    public bool IsNumeric { get; }

    /// <summary>The numeric value (<c>+id</c>) when <see cref="IsNumeric"/>.</summary>
    public double Value { get; }

    public static PrereleaseIdentifier Create(ReadOnlySpan<char> id)
    {
        foreach (var c in id)
        {
            if (!JsText.IsDigit(c))
            {
                return new PrereleaseIdentifier(id.ToString(), false, double.NaN);
            }
        }

        var value = double.Parse(id, NumberStyles.None, CultureInfo.InvariantCulture);
        return value < VersionGrammar.MaxSafeInteger
            ? new PrereleaseIdentifier(((long)value).ToString(CultureInfo.InvariantCulture), true, value)
            : new PrereleaseIdentifier(id.ToString(), true, value);
    }

    /// <summary>node-semver's <c>compareIdentifiers</c>.</summary>
    public static int Compare(in PrereleaseIdentifier a, in PrereleaseIdentifier b)
    {
        if (a.IsNumeric && b.IsNumeric)
        {
            return a.Value == b.Value ? 0 : a.Value < b.Value ? -1 : 1;
        }

        if (a.IsNumeric != b.IsNumeric)
        {
            return a.IsNumeric ? -1 : 1;
        }

        var c = string.CompareOrdinal(a.Text, b.Text);
        return c == 0 ? 0 : c < 0 ? -1 : 1;
    }
}
