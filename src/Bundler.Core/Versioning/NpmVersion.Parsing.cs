namespace Bundler.Core.Versioning;

// node-semver's SemVer constructor: the FULL and LOOSE regexes, matched by hand (see VersionGrammar).
public sealed partial class NpmVersion
{
    /// <summary><c>new SemVer(text, loose)</c>, or null where node-semver throws.</summary>
    internal static NpmVersion? Create(string? text, bool loose)
    {
        if (text is null || text.Length > VersionGrammar.MaxLength)
        {
            return null;
        }

        var s = JsText.Trim(text);
        var i = 0;
        if (loose)
        {
            while (i < s.Length && (s[i] == 'v' || s[i] == '=' || JsText.IsSpace(s[i])))
            {
                i++;
            }
        }
        else if (i < s.Length && s[i] == 'v')
        {
            i++;
        }

        var majorEnd = VersionGrammar.SkipDigits(s, i);
        if (!VersionGrammar.IsNumericIdentifier(s.AsSpan(i, majorEnd - i), loose) || majorEnd >= s.Length || s[majorEnd] != '.')
        {
            return null;
        }

        var minorStart = majorEnd + 1;
        var minorEnd = VersionGrammar.SkipDigits(s, minorStart);
        if (!VersionGrammar.IsNumericIdentifier(s.AsSpan(minorStart, minorEnd - minorStart), loose)
            || minorEnd >= s.Length || s[minorEnd] != '.')
        {
            return null;
        }

        var patchStart = minorEnd + 1;
        var patchEnd = VersionGrammar.SkipDigits(s, patchStart);
        if (!VersionGrammar.IsNumericIdentifier(s.AsSpan(patchStart, patchEnd - patchStart), loose))
        {
            return null;
        }

        if (!MatchTail(s, patchEnd, loose, out var preStart, out var preEnd))
        {
            // Loose only: "1.2.34.5" backtracks the patch's last digit into the prerelease (1.2.3-4.5).
            if (!loose || patchEnd >= s.Length || s[patchEnd] != '.' || patchEnd - patchStart < 2)
            {
                return null;
            }

            patchEnd--;
            preStart = patchEnd;
            preEnd = VersionGrammar.MatchPrereleaseToEnd(s, preStart, loose);
            if (preEnd < 0)
            {
                return null;
            }
        }

        if (!VersionGrammar.TryReadSafeInteger(s.AsSpan(i, majorEnd - i), out var major)
            || !VersionGrammar.TryReadSafeInteger(s.AsSpan(minorStart, minorEnd - minorStart), out var minor)
            || !VersionGrammar.TryReadSafeInteger(s.AsSpan(patchStart, patchEnd - patchStart), out var patch))
        {
            return null;
        }

        var pre = preStart < 0 ? [] : SplitPrerelease(s.AsSpan(preStart, preEnd - preStart));
        var buildStart = preStart < 0 ? (patchEnd < s.Length ? patchEnd + 1 : -1) : (preEnd < s.Length ? preEnd + 1 : -1);
        return new NpmVersion
        {
            Major = major,
            Minor = minor,
            Patch = patch,
            _pre = pre,
            Build = buildStart < 0 ? [] : s.Substring(buildStart).Split('.'),
        };
    }

    /// <summary>After the patch: <c>PRERELEASE? BUILD? $</c> (loose: <c>-?</c>, so <c>1.2.3beta</c> and <c>1.2.3-</c>).</summary>
    private static bool MatchTail(string s, int pos, bool loose, out int preStart, out int preEnd)
    {
        preStart = -1;
        preEnd = -1;
        if (pos == s.Length)
        {
            return true;
        }

        var c = s[pos];
        if (c == '+')
        {
            return VersionGrammar.MatchBuildToEnd(s, pos + 1);
        }

        if (c == '-')
        {
            preEnd = VersionGrammar.MatchPrereleaseToEnd(s, pos + 1, loose);
            if (preEnd >= 0)
            {
                preStart = pos + 1;
                return true;
            }
        }

        // Loose "-?" may match nothing, making a hyphen part of the first identifier ("1.2.3-" is 1.2.3--).
        if (loose && JsText.IsIdentChar(c))
        {
            preEnd = VersionGrammar.MatchPrereleaseToEnd(s, pos, loose);
            if (preEnd >= 0)
            {
                preStart = pos;
                return true;
            }
        }

        return false;
    }

    private static PrereleaseIdentifier[] SplitPrerelease(ReadOnlySpan<char> body)
    {
        var result = new PrereleaseIdentifier[body.Count('.') + 1];
        var n = 0;
        while (true)
        {
            var dot = body.IndexOf('.');
            if (dot < 0)
            {
                result[n] = PrereleaseIdentifier.Create(body);
                return result;
            }

            result[n++] = PrereleaseIdentifier.Create(body[..dot]);
            body = body[(dot + 1)..];
        }
    }
}
