using System.Globalization;

namespace Bundler.Core.Versioning;

/// <summary>
/// The few JavaScript string and number semantics node-semver relies on. .NET's own rules differ at the edges
/// (char.IsWhiteSpace accepts U+0085 and rejects U+FEFF; double formatting), and those edges decide validity.
/// </summary>
internal static class JsText
{
    /// <summary>JavaScript's <c>\s</c> and the set <c>String.prototype.trim</c> removes.</summary>
    public static bool IsSpace(char c) => c switch
    {
        '\t' or '\n' or '\v' or '\f' or '\r' or ' ' or '\u00a0' or '\u1680' or '\u2028' or '\u2029'
            or '\u202f' or '\u205f' or '\u3000' or '\ufeff' => true,
        >= '\u2000' and <= '\u200a' => true,
        _ => false,
    };

    public static bool IsDigit(char c) => (uint)(c - '0') <= 9;

    /// <summary>[a-zA-Z0-9-], the characters of prerelease and build identifiers.</summary>
    public static bool IsIdentChar(char c) => IsDigit(c) || (uint)((c | 0x20) - 'a') <= 'z' - 'a' || c == '-';

    public static string Trim(string s)
    {
        int start = 0, end = s.Length;
        while (start < end && IsSpace(s[start]))
        {
            start++;
        }

        while (end > start && IsSpace(s[end - 1]))
        {
            end--;
        }

        return start == 0 && end == s.Length ? s : s.Substring(start, end - start);
    }

    /// <summary><c>s.trim().replace(/\s+/g, ' ')</c>.</summary>
    public static string TrimAndCollapse(string s)
    {
        s = Trim(s);
        var needs = false;
        for (var i = 0; i < s.Length && !needs; i++)
        {
            needs = IsSpace(s[i]) && (s[i] != ' ' || (i + 1 < s.Length && IsSpace(s[i + 1])));
        }

        if (!needs)
        {
            return s;
        }

        var chars = new char[s.Length];
        var n = 0;
        for (var i = 0; i < s.Length; i++)
        {
            if (!IsSpace(s[i]))
            {
                chars[n++] = s[i];
            }
            else if (n == 0 || chars[n - 1] != ' ')
            {
                chars[n++] = ' ';
            }
        }

        return new string(chars, 0, n);
    }

    /// <summary>
    /// <c>s.split(/\s+/)</c> for text whose only whitespace is ' ' (ranges are collapsed first): empty pieces
    /// appear only at the ends, as in JavaScript.
    /// </summary>
    public static List<string> SplitOnSpaceRuns(string s)
    {
        var parts = new List<string>();
        var start = 0;
        var i = 0;
        while (i < s.Length)
        {
            if (s[i] == ' ')
            {
                parts.Add(s.Substring(start, i - start));
                while (i < s.Length && s[i] == ' ')
                {
                    i++;
                }

                start = i;
            }
            else
            {
                i++;
            }
        }

        parts.Add(s.Substring(start));
        return parts;
    }

    /// <summary>
    /// JavaScript's <c>+digits + 1</c> printed as a string. Values past 2^53 are imprecise exactly as in
    /// JavaScript; from 1e21 on JavaScript prints exponent notation, which makes the comparator invalid.
    /// </summary>
    public static string IncrementDigits(string digits)
    {
        var value = double.Parse(digits, NumberStyles.None, CultureInfo.InvariantCulture) + 1;
        return NumberToString(value);
    }

    /// <summary><c>Number.prototype.toString()</c> for non-negative integral doubles.</summary>
    public static string NumberToString(double value)
    {
        if (value < 9007199254740992d)
        {
            return ((long)value).ToString(CultureInfo.InvariantCulture);
        }

        // Shortest round-trip digits and exponent, then laid out as JavaScript does.
        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        var ePos = shortest.IndexOf('E', StringComparison.Ordinal);
        string mantissa;
        int exponent;
        if (ePos < 0)
        {
            mantissa = shortest;
            exponent = shortest.Length - 1;
        }
        else
        {
            mantissa = shortest.Substring(0, ePos);
            exponent = int.Parse(shortest.AsSpan(ePos + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        }

        var digits = mantissa.Replace(".", "", StringComparison.Ordinal).TrimEnd('0');
        if (digits.Length == 0)
        {
            digits = "0";
        }

        if (exponent < 21)
        {
            return digits.PadRight(exponent + 1, '0');
        }

        var head = digits.Length == 1 ? digits : digits[0] + "." + digits.Substring(1);
        return head + "e+" + exponent.ToString(CultureInfo.InvariantCulture);
    }
}
