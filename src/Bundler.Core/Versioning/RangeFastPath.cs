namespace Bundler.Core.Versioning;

/// <summary>
/// The shapes nearly every package.json uses (<c>^1.2.3</c>, <c>~1.2</c>, <c>&gt;=1.0.0 &lt;2</c>, <c>1.x</c>,
/// <c>*</c>, <c>1.2 - 2</c>, <c>&gt;= 1.2</c>, <c>v1.2.3</c>), desugared directly without node-semver's string
/// rewriting. It accepts only input on which that rewriting is provably local and identical in loose and strict
/// mode (see <see cref="SimplePartial"/>; no build metadata). Anything else returns null and goes to
/// <see cref="RangeDesugarer"/>; tests check that both paths agree on every generated part.
/// </summary>
internal static class RangeFastPath
{
    private const long X = SimplePartial.X;

    private enum Kind
    {
        Primitive,
        Tilde,
        Caret,
    }

    /// <summary>The comparators of one trimmed, space-collapsed <c>||</c> part, or null to use the general path.</summary>
    public static NpmComparator[]? TryParsePart(string part)
    {
        if (part.Length == 0)
        {
            return [NpmComparator.Any];
        }

        if (part.Contains('+', StringComparison.Ordinal))
        {
            return null;
        }

        var list = new List<NpmComparator>(4);
        var tokens = part.Split(' ');
        if (tokens.Length == 3 && tokens[1] == "-")
        {
            return TryHyphen(tokens[0], tokens[2], list) ? RangeDesugarer.Dedupe(list) : null;
        }

        for (var t = 0; t < tokens.Length; t++)
        {
            var token = tokens[t];

            // "> 1.2", "~ 1.2", "^ 1.2": node-semver glues a lone operator to the version after it. A lone "="
            // is left out: a preceding token ending in 'v' could swallow it ("1.0.0-v = 1").
            if (token is "<" or "<=" or ">" or ">=" or "~" or "~>" or "^")
            {
                if (t + 1 == tokens.Length || !StartsPartial(tokens[t + 1]))
                {
                    return null;
                }

                token += tokens[++t];
            }

            if (!TryToken(token, list))
            {
                return null;
            }
        }

        return RangeDesugarer.Dedupe(list);
    }

    private static bool StartsPartial(string token) => token.Length > 0 && (JsText.IsDigit(token[0]) || token[0] is 'x' or 'X' or '*' or 'v');

    private static bool TryToken(ReadOnlySpan<char> s, List<NpmComparator> output)
    {
        var kind = Kind.Primitive;
        var op = ComparatorOperator.Equal;
        var i = 0;
        switch (s[0])
        {
            case '^':
                kind = Kind.Caret;
                i = 1;
                break;
            case '~':
                kind = Kind.Tilde;
                i = s.Length > 1 && s[1] == '>' ? 2 : 1;
                break;
            case '<' or '>':
                var orEqual = s.Length > 1 && s[1] == '=';
                op = s[0] == '<'
                    ? orEqual ? ComparatorOperator.LessOrEqual : ComparatorOperator.Less
                    : orEqual ? ComparatorOperator.GreaterOrEqual : ComparatorOperator.Greater;
                i = orEqual ? 2 : 1;
                break;
            case '=':
                i = 1;
                break;
        }

        if (!SimplePartial.TryRead(s, ref i, out var p))
        {
            return false;
        }

        switch (kind)
        {
            case Kind.Caret:
                Caret(p.Major, p.Minor, p.Patch, p.Pre, output);
                break;
            case Kind.Tilde:
                Tilde(p.Major, p.Minor, p.Patch, p.Pre, output);
                break;
            default:
                Primitive(op, p, output);
                break;
        }

        return true;
    }

    /// <summary>hyphenReplace for two plain partials: <c>1.2 - 3.4</c> is <c>&gt;=1.2.0 &lt;3.5.0-0</c>.</summary>
    private static bool TryHyphen(string from, string to, List<NpmComparator> output)
    {
        int i = 0, j = 0;
        if (!SimplePartial.TryRead(from, ref i, out var f) || !SimplePartial.TryRead(to, ref j, out var t))
        {
            return false;
        }

        if (f.Major != X)
        {
            Add(ComparatorOperator.GreaterOrEqual, f.Major, f.Minor == X ? 0 : f.Minor, f.Patch == X ? 0 : f.Patch, f.Pre, output, f.HasV && f.Patch != X);
        }

        if (t.Major == X)
        {
            // Nothing.
        }
        else if (t.Minor == X)
        {
            Add(ComparatorOperator.Less, t.Major + 1, 0, 0, NpmComparator.ZeroPrerelease, output);
        }
        else if (t.Patch == X)
        {
            Add(ComparatorOperator.Less, t.Major, t.Minor + 1, 0, NpmComparator.ZeroPrerelease, output);
        }
        else
        {
            Add(ComparatorOperator.LessOrEqual, t.Major, t.Minor, t.Patch, t.Pre, output);
        }

        if (output.Count == 0)
        {
            output.Add(NpmComparator.Any);
        }

        return true;
    }

    private static void Caret(long major, long minor, long patch, PrereleaseIdentifier[] pre, List<NpmComparator> output)
    {
        if (major == X)
        {
            output.Add(NpmComparator.Any);
        }
        else if (minor == X)
        {
            Between(major, 0, 0, [], major + 1, 0, 0, output);
        }
        else if (patch == X)
        {
            Between(major, minor, 0, [], major == 0 ? 0 : major + 1, major == 0 ? minor + 1 : 0, 0, output);
        }
        else if (major != 0)
        {
            Between(major, minor, patch, pre, major + 1, 0, 0, output);
        }
        else if (minor != 0)
        {
            Between(0, minor, patch, pre, 0, minor + 1, 0, output);
        }
        else
        {
            Between(0, 0, patch, pre, 0, 0, patch + 1, output);
        }
    }

    private static void Tilde(long major, long minor, long patch, PrereleaseIdentifier[] pre, List<NpmComparator> output)
    {
        if (major == X)
        {
            output.Add(NpmComparator.Any);
        }
        else if (minor == X)
        {
            Between(major, 0, 0, [], major + 1, 0, 0, output);
        }
        else
        {
            Between(major, minor, patch == X ? 0 : patch, pre, major, minor + 1, 0, output);
        }
    }

    /// <summary>node-semver's replaceXRange for an operator and a partial version.</summary>
    private static void Primitive(ComparatorOperator op, SimplePartial p, List<NpmComparator> output)
    {
        var (major, minor, patch) = (p.Major, p.Minor, p.Patch);
        if (major == X)
        {
            output.Add(op is ComparatorOperator.Less or ComparatorOperator.Greater
                ? new NpmComparator(ComparatorOperator.Less, NpmVersion.FromParts(0, 0, 0, NpmComparator.ZeroPrerelease))
                : NpmComparator.Any);
            return;
        }

        if (patch != X)
        {
            // Kept as written, so ">=v0.0.0" escapes the ">=0.0.0" rule while ">=0.0.0" does not.
            Add(op, major, minor, patch, p.Pre, output, keepGte0: p.HasV);
            return;
        }

        var xm = minor == X;
        switch (op)
        {
            case ComparatorOperator.Equal:
                Between(major, xm ? 0 : minor, 0, [], xm ? major + 1 : major, xm ? 0 : minor + 1, 0, output);
                break;
            case ComparatorOperator.Greater:
                Add(ComparatorOperator.GreaterOrEqual, xm ? major + 1 : major, xm ? 0 : minor + 1, 0, [], output);
                break;
            case ComparatorOperator.LessOrEqual:
                Add(ComparatorOperator.Less, xm ? major + 1 : major, xm ? 0 : minor + 1, 0, NpmComparator.ZeroPrerelease, output);
                break;
            case ComparatorOperator.Less:
                Add(op, major, xm ? 0 : minor, 0, NpmComparator.ZeroPrerelease, output);
                break;
            default:
                Add(op, major, xm ? 0 : minor, 0, [], output);
                break;
        }
    }

    /// <summary><c>&gt;=low &lt;high-0</c>, the shape every desugared range has.</summary>
    private static void Between(long lowMajor, long lowMinor, long lowPatch, PrereleaseIdentifier[] lowPre,
        long highMajor, long highMinor, long highPatch, List<NpmComparator> output)
    {
        Add(ComparatorOperator.GreaterOrEqual, lowMajor, lowMinor, lowPatch, lowPre, output);
        Add(ComparatorOperator.Less, highMajor, highMinor, highPatch, NpmComparator.ZeroPrerelease, output);
    }

    private static void Add(ComparatorOperator op, long major, long minor, long patch, PrereleaseIdentifier[] pre,
        List<NpmComparator> output, bool keepGte0 = false)
    {
        // replaceGTE0: a bare ">=0.0.0" is "any".
        output.Add(!keepGte0 && op == ComparatorOperator.GreaterOrEqual && major == 0 && minor == 0 && patch == 0 && pre.Length == 0
            ? NpmComparator.Any
            : new NpmComparator(op, NpmVersion.FromParts(major, minor, patch, pre)));
    }
}
