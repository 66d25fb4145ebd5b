namespace Bundler.Core.Versioning;

/// <summary>
/// A partial version as the range fast path accepts it: <c>v?</c>, one to three parts (numbers of at most 15
/// digits without leading zeros, or x, X, *), then a prerelease only after three numbers. These are read the
/// same by node-semver's strict and loose regexes, and their numbers (and numbers plus one) stay below
/// MAX_SAFE_INTEGER. No number may follow an x ("x.1" and "1.x.2" are not x-ranges in node-semver 7.8).
/// </summary>
internal readonly record struct SimplePartial(long Major, long Minor, long Patch, PrereleaseIdentifier[] Pre, bool HasV)
{
    /// <summary>A part that is x, X, * or missing.</summary>
    public const long X = -1;

    private const int MaxNumberDigits = 15;
    private const int MaxIdentifierLength = 64;

    /// <summary>
    /// <c>v?</c> then a strict partial version to the end of <paramref name="s"/>: up to three parts (numbers or
    /// x), a prerelease only after three numbers, no number after an x (7.8 rejects "x.1" and "1.x.2").
    /// </summary>
    public static bool TryRead(ReadOnlySpan<char> s, ref int i, out SimplePartial partial)
    {
        partial = default;
        var hasV = i < s.Length && s[i] == 'v';
        if (hasV)
        {
            i++;
        }

        if (!TryPart(s, ref i, out var major) || !TryDotPart(s, ref i, out var minor) || !TryDotPart(s, ref i, out var patch))
        {
            return false;
        }

        if ((major == X && minor != X) || (minor == X && patch != X))
        {
            return false;
        }

        var pre = Array.Empty<PrereleaseIdentifier>();
        if (i < s.Length && (s[i] != '-' || patch == X || !TryPrerelease(s[(i + 1)..], out pre)))
        {
            return false;
        }

        partial = new SimplePartial(major, minor, patch, pre, hasV);
        return true;
    }

    private static bool TryDotPart(ReadOnlySpan<char> s, ref int i, out long value)
    {
        value = X;
        if (i == s.Length || s[i] == '-')
        {
            return true;
        }

        if (s[i] != '.')
        {
            return false;
        }

        i++;
        return TryPart(s, ref i, out value);
    }

    /// <summary>One of x, X, * or a number without leading zeros.</summary>
    private static bool TryPart(ReadOnlySpan<char> s, ref int i, out long value)
    {
        value = X;
        if (i == s.Length)
        {
            return false;
        }

        if (s[i] is 'x' or 'X' or '*')
        {
            i++;
            return true;
        }

        var start = i;
        value = 0;
        while (i < s.Length && JsText.IsDigit(s[i]))
        {
            value = (value * 10) + (s[i++] - '0');
        }

        var digits = i - start;
        return digits > 0 && digits <= MaxNumberDigits && (digits == 1 || s[start] != '0');
    }

    private static bool TryPrerelease(ReadOnlySpan<char> s, out PrereleaseIdentifier[] pre)
    {
        pre = [];
        var count = s.Count('.') + 1;
        var ids = new PrereleaseIdentifier[count];
        for (var n = 0; n < count; n++)
        {
            var dot = s.IndexOf('.');
            var id = dot < 0 ? s : s[..dot];
            if (!IsSimpleIdentifier(id))
            {
                return false;
            }

            ids[n] = PrereleaseIdentifier.Create(id);
            s = dot < 0 ? [] : s[(dot + 1)..];
        }

        pre = ids;
        return true;
    }

    private static bool IsSimpleIdentifier(ReadOnlySpan<char> id)
    {
        if (id.IsEmpty || id.Length > MaxIdentifierLength)
        {
            return false;
        }

        var digits = true;
        foreach (var c in id)
        {
            if (!JsText.IsIdentChar(c))
            {
                return false;
            }

            digits &= JsText.IsDigit(c);
        }

        return !digits || (id.Length <= MaxNumberDigits && (id.Length == 1 || id[0] != '0'));
    }
}
