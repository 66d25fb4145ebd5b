namespace Bundler.Core.Versioning;

/// <summary>
/// node-semver's version regexes (internal/re.js, the "safe" variants with bounded repeats), written out by hand
/// so that parsing a packument's versions allocates little and cannot backtrack. Each method names the regex
/// it stands for; the bounds (256 digits, 250 identifier characters) are node-semver's.
/// </summary>
internal static class VersionGrammar
{
    public const int MaxLength = 256;
    public const long MaxSafeInteger = 9007199254740991;
    private const int MaxDigits = 256;
    private const int MaxIdentTail = 250;

    /// <summary>
    /// One prerelease identifier, a whole run of [a-zA-Z0-9-]: strict <c>NONNUMERICIDENTIFIER|NUMERICIDENTIFIER</c>
    /// (no leading zeros), loose <c>NONNUMERICIDENTIFIER|NUMERICIDENTIFIERLOOSE</c>.
    /// </summary>
    public static bool IsPrereleaseIdentifier(ReadOnlySpan<char> id, bool loose)
    {
        if (id.IsEmpty)
        {
            return false;
        }

        var k = 0;
        while (k < id.Length && JsText.IsDigit(id[k]))
        {
            k++;
        }

        if (k < id.Length)
        {
            // \d{0,256}[a-zA-Z-][a-zA-Z0-9-]{0,250}: the first non-digit is the letter.
            return k <= MaxDigits && id.Length - k - 1 <= MaxIdentTail;
        }

        return loose ? id.Length <= MaxDigits : id.Length == 1 || (id[0] != '0' && id.Length <= MaxDigits + 1);
    }

    /// <summary>A numeric main component: strict <c>0|[1-9]\d{0,256}</c>, loose <c>\d{1,256}</c>.</summary>
    public static bool IsNumericIdentifier(ReadOnlySpan<char> digits, bool loose) =>
        digits.Length > 0 && (loose
            ? digits.Length <= MaxDigits
            : digits.Length == 1 || (digits[0] != '0' && digits.Length <= MaxDigits + 1));

    /// <summary>Reads a digit string as node does (<c>+m[1]</c>), failing above MAX_SAFE_INTEGER.</summary>
    public static bool TryReadSafeInteger(ReadOnlySpan<char> digits, out long value)
    {
        value = 0;
        foreach (var c in digits)
        {
            value = (value * 10) + (c - '0');
            if (value > MaxSafeInteger)
            {
                return false;
            }
        }

        return true;
    }

    public static int SkipDigits(string s, int i)
    {
        while (i < s.Length && JsText.IsDigit(s[i]))
        {
            i++;
        }

        return i;
    }

    public static int SkipIdentChars(string s, int i)
    {
        while (i < s.Length && JsText.IsIdentChar(s[i]))
        {
            i++;
        }

        return i;
    }

    /// <summary>
    /// Matches <c>PRERELEASE-body (\.id)* BUILD? $</c> from <paramref name="start"/>: dot-separated identifiers,
    /// then optionally <c>+build</c>, to the end of <paramref name="s"/>. Returns the prerelease end (the '+'
    /// or the end of the string), or -1.
    /// </summary>
    public static int MatchPrereleaseToEnd(string s, int start, bool loose)
    {
        var p = start;
        while (true)
        {
            var q = SkipIdentChars(s, p);
            if (!IsPrereleaseIdentifier(s.AsSpan(p, q - p), loose))
            {
                return -1;
            }

            if (q == s.Length)
            {
                return q;
            }

            if (s[q] == '+')
            {
                return MatchBuildToEnd(s, q + 1) ? q : -1;
            }

            if (s[q] != '.')
            {
                return -1;
            }

            p = q + 1;
        }
    }

    /// <summary><c>BUILDIDENTIFIER(\.BUILDIDENTIFIER)*$</c> with identifiers of 1 to 250 characters.</summary>
    public static bool MatchBuildToEnd(string s, int start)
    {
        var p = start;
        while (true)
        {
            var q = SkipIdentChars(s, p);
            if (q == p || q - p > MaxIdentTail)
            {
                return false;
            }

            if (q == s.Length)
            {
                return true;
            }

            if (s[q] != '.')
            {
                return false;
            }

            p = q + 1;
        }
    }
}
