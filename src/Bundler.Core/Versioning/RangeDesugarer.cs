using System.Text.RegularExpressions;

namespace Bundler.Core.Versioning;

/// <summary>
/// node-semver's <c>Range.parseRange</c> (classes/range.js, 7.8.x, includePrerelease off), step for step: the
/// same string rewrites in the same order with the same regexes. It is the general path; it reproduces every
/// quirk of the original (<c>1.2.3*</c> is <c>1.2.3</c>, loose mode drops what it cannot read) because it does
/// what the original does. <see cref="RangeFastPath"/> handles the common shapes without it.
/// </summary>
internal static class RangeDesugarer
{
    /// <summary>The comparators of one <c>||</c> part (trimmed), or null where node-semver throws.</summary>
    public static NpmComparator[]? ParsePart(string range, bool loose)
    {
        // Each rewrite is skipped when its regex needs a character the text lacks: same result, less work.
        if (range.Contains('+', StringComparison.Ordinal))
        {
            range = RangePatterns.BuildStrip().Replace(range, "");
        }

        if (range.Contains(" - ", StringComparison.Ordinal))
        {
            var hyphen = (loose ? RangePatterns.HyphenRangeLoose() : RangePatterns.HyphenRange()).Match(range);
            if (hyphen.Success)
            {
                range = HyphenReplace(hyphen.Groups);
            }
        }

        // Only an operator followed by a space can lose that space.
        if (range.Contains("< ", StringComparison.Ordinal) || range.Contains("> ", StringComparison.Ordinal)
            || range.Contains("= ", StringComparison.Ordinal))
        {
            range = RangePatterns.ComparatorTrim().Replace(range, "$1$2$3");
        }

        if (range.Contains('~', StringComparison.Ordinal))
        {
            range = RangePatterns.TildeTrim().Replace(range, "$1~");
        }

        if (range.Contains('^', StringComparison.Ordinal))
        {
            range = RangePatterns.CaretTrim().Replace(range, "$1^");
        }

        var tokens = range.Split(' ');
        for (var i = 0; i < tokens.Length; i++)
        {
            tokens[i] = ParseComparator(tokens[i], loose);
        }

        var list = JsText.SplitOnSpaceRuns(string.Join(' ', tokens));
        var comparators = new List<NpmComparator>(list.Count);
        foreach (var item in list)
        {
            // A bare ">=0.0.0" means any version.
            var comp = item.StartsWith(">=", StringComparison.Ordinal) && RangePatterns.Gte0().IsMatch(item) ? "" : item;
            var m = (loose ? RangePatterns.ComparatorLoose() : RangePatterns.Comparator()).Match(comp);
            if (!m.Success)
            {
                // Loose mode throws out what is not a comparator; strict mode rejects the range.
                if (loose)
                {
                    continue;
                }

                return null;
            }

            var c = NpmComparator.FromMatch(m, loose);
            if (c is null)
            {
                return null;
            }

            comparators.Add(c);
        }

        return Dedupe(comparators);
    }

    /// <summary>
    /// A null set alone replaces the whole set; equal comparators collapse (first position kept); the empty
    /// comparator goes when there are others.
    /// </summary>
    public static NpmComparator[] Dedupe(List<NpmComparator> comparators)
    {
        var kept = new List<NpmComparator>(comparators.Count);
        foreach (var c in comparators)
        {
            if (c.IsNullSet)
            {
                return [c];
            }

            if (!kept.Exists(c.SameValue))
            {
                kept.Add(c);
            }
        }

        if (kept.Count > 1)
        {
            kept.RemoveAll(k => k.IsAny);
        }

        return kept.ToArray();
    }

    private static string ParseComparator(string comp, bool loose)
    {
        if (comp.Contains('+', StringComparison.Ordinal))
        {
            comp = RangePatterns.BuildFirst().Replace(comp, "", 1);
        }

        if (comp.Contains('^', StringComparison.Ordinal))
        {
            comp = MapPieces(JsText.Trim(comp), c => Rewrite(loose ? RangePatterns.CaretLoose() : RangePatterns.Caret(), c, ReplaceCaret));
        }

        if (comp.Contains('~', StringComparison.Ordinal))
        {
            comp = MapPieces(JsText.Trim(comp), c => Rewrite(loose ? RangePatterns.TildeLoose() : RangePatterns.Tilde(), c, ReplaceTilde));
        }

        comp = MapPieces(comp, c => ReplaceXRange(JsText.Trim(c), loose));
        comp = JsText.Trim(comp);
        return comp.Contains('*', StringComparison.Ordinal) ? RangePatterns.Star().Replace(comp, "", 1) : comp;
    }

    private static string MapPieces(string comp, Func<string, string> map)
    {
        var pieces = JsText.SplitOnSpaceRuns(comp);
        for (var i = 0; i < pieces.Count; i++)
        {
            pieces[i] = map(pieces[i]);
        }

        return string.Join(' ', pieces);
    }

    private static string Rewrite(Regex regex, string comp, Func<GroupCollection, string> replace)
    {
        var m = regex.Match(comp);
        return m.Success ? replace(m.Groups) : comp;
    }

    private static string? Get(GroupCollection g, int i) => g[i].Success ? g[i].Value : null;

    /// <summary>node-semver's isX: missing, x, X or *.</summary>
    private static bool IsX(string? id) => string.IsNullOrEmpty(id) || id is "x" or "X" or "*";

    private static string Inc(string digits) => JsText.IncrementDigits(digits);

    private static string ReplaceTilde(GroupCollection g)
    {
        string? major = Get(g, 1), minor = Get(g, 2), patch = Get(g, 3), pre = Get(g, 4);
        if (IsX(major))
        {
            return "";
        }

        if (IsX(minor))
        {
            return $">={major}.0.0 <{Inc(major!)}.0.0-0";
        }

        if (IsX(patch))
        {
            return $">={major}.{minor}.0 <{major}.{Inc(minor!)}.0-0";
        }

        var low = string.IsNullOrEmpty(pre) ? $">={major}.{minor}.{patch}" : $">={major}.{minor}.{patch}-{pre}";
        return $"{low} <{major}.{Inc(minor!)}.0-0";
    }

    private static string ReplaceCaret(GroupCollection g)
    {
        string? major = Get(g, 1), minor = Get(g, 2), patch = Get(g, 3), pre = Get(g, 4);
        if (IsX(major))
        {
            return "";
        }

        if (IsX(minor))
        {
            return $">={major}.0.0 <{Inc(major!)}.0.0-0";
        }

        // node-semver compares the text with "0", so loose "00" is not zero here.
        if (IsX(patch))
        {
            return major == "0"
                ? $">={major}.{minor}.0 <{major}.{Inc(minor!)}.0-0"
                : $">={major}.{minor}.0 <{Inc(major!)}.0.0-0";
        }

        var low = string.IsNullOrEmpty(pre) ? $">={major}.{minor}.{patch}" : $">={major}.{minor}.{patch}-{pre}";
        if (major != "0")
        {
            return $"{low} <{Inc(major!)}.0.0-0";
        }

        return minor == "0" ? $"{low} <{major}.{minor}.{Inc(patch!)}-0" : $"{low} <{major}.{Inc(minor!)}.0-0";
    }

    private static string ReplaceXRange(string comp, bool loose)
    {
        var m = (loose ? RangePatterns.XRangeLoose() : RangePatterns.XRange()).Match(comp);
        if (!m.Success)
        {
            return comp;
        }

        var gtlt = m.Groups[1].Value;
        string? major = Get(m.Groups, 2), minor = Get(m.Groups, 3), patch = Get(m.Groups, 4);

        // 7.8: "x.1" and "1.x.2" are not x-ranges.
        if ((IsX(major) && !IsX(minor)) || (IsX(minor) && !string.IsNullOrEmpty(patch) && !IsX(patch)))
        {
            return comp;
        }

        var xM = IsX(major);
        var xm = xM || IsX(minor);
        var anyX = xm || IsX(patch);
        if (gtlt == "=" && anyX)
        {
            gtlt = "";
        }

        if (xM)
        {
            return gtlt is ">" or "<" ? "<0.0.0-0" : "*";
        }

        if (gtlt.Length > 0 && anyX)
        {
            string M = major!, mm = xm ? "0" : minor!, p = "0", pr = "";
            if (gtlt == ">")
            {
                gtlt = ">=";
                if (xm)
                {
                    M = Inc(M);
                }
                else
                {
                    mm = Inc(mm);
                }
            }
            else if (gtlt == "<=")
            {
                gtlt = "<";
                if (xm)
                {
                    M = Inc(M);
                }
                else
                {
                    mm = Inc(mm);
                }
            }

            if (gtlt == "<")
            {
                pr = "-0";
            }

            return $"{gtlt}{M}.{mm}.{p}{pr}";
        }

        if (xm)
        {
            return $">={major}.0.0 <{Inc(major!)}.0.0-0";
        }

        return anyX ? $">={major}.{minor}.0 <{major}.{Inc(minor!)}.0-0" : m.Value;
    }

    /// <summary>hyphenReplace: <c>1.2 - 3.4</c> becomes <c>&gt;=1.2.0 &lt;3.5.0-0</c>.</summary>
    private static string HyphenReplace(GroupCollection g)
    {
        string from = g[1].Value, to = g[7].Value;
        string? fM = Get(g, 2), fm = Get(g, 3), fp = Get(g, 4);
        string? tM = Get(g, 8), tm = Get(g, 9), tp = Get(g, 10), tpr = Get(g, 11);

        from = IsX(fM) ? "" : IsX(fm) ? $">={fM}.0.0" : IsX(fp) ? $">={fM}.{fm}.0" : $">={from}";
        to = IsX(tM) ? ""
            : IsX(tm) ? $"<{Inc(tM!)}.0.0-0"
            : IsX(tp) ? $"<{tM}.{Inc(tm!)}.0-0"
            : !string.IsNullOrEmpty(tpr) ? $"<={tM}.{tm}.{tp}-{tpr}"
            : $"<={to}";
        return JsText.Trim($"{from} {to}");
    }
}
