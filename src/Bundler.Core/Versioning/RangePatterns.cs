using System.Text.RegularExpressions;

namespace Bundler.Core.Versioning;

/// <summary>
/// node-semver's range regexes (internal/re.js, 7.8.x, the <c>safeRe</c> variants that node-semver itself uses),
/// token for token, for the general range parser. Three translations, all exact for range text:
/// <c>\s</c> is ' ' (a range's whitespace is collapsed to single spaces before any of these run), <c>\d</c> is
/// [0-9] (.NET's \d accepts every Unicode digit), and <c>$</c> is <c>\z</c> (.NET's $ also matches before a final
/// newline). Versions are parsed by <see cref="VersionGrammar"/>, not here.
/// </summary>
internal static partial class RangePatterns
{
    // A bound on absurd input ("v v v ..." of megabytes makes these regexes quadratic, in node as here).
    private const int TimeoutMs = 2000;

    private const string Num = "0|[1-9][0-9]{0,256}";
    private const string NumLoose = "[0-9]{1,256}";
    private const string NonNum = "[0-9]{0,256}[a-zA-Z-][a-zA-Z0-9-]{0,250}";
    private const string MainVersion = "(" + Num + ")\\.(" + Num + ")\\.(" + Num + ")";
    private const string MainVersionLoose = "(" + NumLoose + ")\\.(" + NumLoose + ")\\.(" + NumLoose + ")";
    private const string PreId = "(?:" + NonNum + "|" + Num + ")";
    private const string PreIdLoose = "(?:" + NonNum + "|" + NumLoose + ")";
    private const string Prerelease = "(?:-(" + PreId + "(?:\\." + PreId + ")*))";
    private const string PrereleaseLoose = "(?:-?(" + PreIdLoose + "(?:\\." + PreIdLoose + ")*))";
    private const string BuildId = "[a-zA-Z0-9-]{1,250}";
    private const string Build = "(?:\\+(" + BuildId + "(?:\\." + BuildId + ")*))";
    private const string FullPlain = "v?" + MainVersion + Prerelease + "?" + Build + "?";
    private const string LoosePlain = "[v= ]*" + MainVersionLoose + PrereleaseLoose + "?" + Build + "?";
    private const string Gtlt = "((?:<|>)?=?)";
    private const string XrId = Num + "|x|X|\\*";
    private const string XrIdLoose = NumLoose + "|x|X|\\*";

    private const string XRangePlain =
        "[v= ]*(" + XrId + ")(?:\\.(" + XrId + ")(?:\\.(" + XrId + ")(?:" + Prerelease + ")?" + Build + "?)?)?";

    private const string XRangePlainLoose =
        "[v= ]*(" + XrIdLoose + ")(?:\\.(" + XrIdLoose + ")(?:\\.(" + XrIdLoose + ")(?:" + PrereleaseLoose + ")?" + Build + "?)?)?";

    /// <summary>Unbounded global build stripper (range.js BUILDSTRIPRE, built from the unsafe source).</summary>
    [GeneratedRegex("(?:\\+([a-zA-Z0-9-]+(?:\\.[a-zA-Z0-9-]+)*))", RegexOptions.None, TimeoutMs)]
    public static partial Regex BuildStrip();

    /// <summary>BUILD (safe), as parseComparator strips its first occurrence.</summary>
    [GeneratedRegex(Build, RegexOptions.None, TimeoutMs)]
    public static partial Regex BuildFirst();

    [GeneratedRegex("^ ?(" + XRangePlain + ") - (" + XRangePlain + ") ?\\z", RegexOptions.None, TimeoutMs)]
    public static partial Regex HyphenRange();

    [GeneratedRegex("^ ?(" + XRangePlainLoose + ") - (" + XRangePlainLoose + ") ?\\z", RegexOptions.None, TimeoutMs)]
    public static partial Regex HyphenRangeLoose();

    /// <summary>COMPARATORTRIM, global, replaced with <c>$1$2$3</c>.</summary>
    [GeneratedRegex("( ?)" + Gtlt + " ?(" + LoosePlain + "|" + XRangePlain + ")", RegexOptions.None, TimeoutMs)]
    public static partial Regex ComparatorTrim();

    /// <summary>TILDETRIM, global, replaced with <c>$1~</c>.</summary>
    [GeneratedRegex("( ?)(?:~>?) ", RegexOptions.None, TimeoutMs)]
    public static partial Regex TildeTrim();

    /// <summary>CARETTRIM, global, replaced with <c>$1^</c>.</summary>
    [GeneratedRegex("( ?)(?:\\^) ", RegexOptions.None, TimeoutMs)]
    public static partial Regex CaretTrim();

    [GeneratedRegex("^(?:~>?)" + XRangePlain + "\\z", RegexOptions.None, TimeoutMs)]
    public static partial Regex Tilde();

    [GeneratedRegex("^(?:~>?)" + XRangePlainLoose + "\\z", RegexOptions.None, TimeoutMs)]
    public static partial Regex TildeLoose();

    [GeneratedRegex("^(?:\\^)" + XRangePlain + "\\z", RegexOptions.None, TimeoutMs)]
    public static partial Regex Caret();

    [GeneratedRegex("^(?:\\^)" + XRangePlainLoose + "\\z", RegexOptions.None, TimeoutMs)]
    public static partial Regex CaretLoose();

    [GeneratedRegex("^" + Gtlt + " ?" + XRangePlain + "\\z", RegexOptions.None, TimeoutMs)]
    public static partial Regex XRange();

    [GeneratedRegex("^" + Gtlt + " ?" + XRangePlainLoose + "\\z", RegexOptions.None, TimeoutMs)]
    public static partial Regex XRangeLoose();

    /// <summary>STAR, replaced (first occurrence only) with nothing.</summary>
    [GeneratedRegex("(<|>)?=? ?\\*", RegexOptions.None, TimeoutMs)]
    public static partial Regex Star();

    [GeneratedRegex("^ ?>= ?0\\.0\\.0 ?\\z", RegexOptions.None, TimeoutMs)]
    public static partial Regex Gte0();

    [GeneratedRegex("^" + Gtlt + " ?(" + FullPlain + ")\\z|^\\z", RegexOptions.None, TimeoutMs)]
    public static partial Regex Comparator();

    [GeneratedRegex("^" + Gtlt + " ?(" + LoosePlain + ")\\z|^\\z", RegexOptions.None, TimeoutMs)]
    public static partial Regex ComparatorLoose();
}
