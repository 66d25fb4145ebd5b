using System.Text;

namespace Bundler.Core.JavaScript;

/// <summary><c>require('x')</c> with a literal argument: what to load, and where it is asked for.</summary>
internal sealed record RequireCall(string Specifier, int Line);

/// <summary><c>require(expr)</c> with anything but one literal: <see cref="Argument"/> is its source text.</summary>
internal sealed record DynamicRequire(string File, int Line, string Argument)
{
    /// <summary>The IPM6003 warning the packaging stage reports before falling back.</summary>
    public Diagnostics.Diagnostic ToDiagnostic() => Diagnostics.Messages.DynamicRequire(File, Line, Argument);
}

/// <summary>Every <c>require</c> call of a file, in source order.</summary>
internal sealed record RequireScan(IReadOnlyList<RequireCall> Static, IReadOnlyList<DynamicRequire> Dynamic);

/// <summary>
/// Finds <c>require(...)</c> calls lexically: the identifier <c>require</c>, not written with escapes, not a
/// property (<c>x.require(</c>, <c>x?.require(</c>) and not the name of a function being declared
/// (<c>function require(</c>) or a method (<c>{ require(a) {} }</c>), followed by <c>(</c>. A call whose only
/// argument is a string literal or a template without substitutions, possibly in parentheses, is static; any
/// other argument list is dynamic. Checked against the calls in acorn's syntax tree on the test corpus.
/// Scoping is not analysed: a local variable named <c>require</c> is taken for the real one, which at worst ships
/// a file that is not needed.
/// </summary>
internal static class RequireScanner
{
    public static RequireScan Scan(ReadOnlyMemory<byte> text, string file) => Scan(JsDocument.Read(text, file));

    public static RequireScan Scan(JsDocument doc)
    {
        var t = doc.Tokens;
        var found = new List<RequireCall>();
        var dynamic = new List<DynamicRequire>();
        for (var i = 0; i + 1 < t.Length; i++)
        {
            if (!t[i].Is(JsWord.Require) || t[i].Kind != JsTokenKind.Identifier || !t[i + 1].Is(JsPunct.LParen))
            {
                continue;
            }

            var p = i > 0 ? t[i - 1] : default;
            if (i > 0 && (p.Is(JsPunct.Dot) || p.Is(JsPunct.QuestionDot) || p.Is(JsWord.Function)))
            {
                continue;
            }

            var close = Matching(t, i + 1);
            if (close + 1 < t.Length && t[close + 1].Is(JsPunct.LBrace))
            {
                continue; // `require(a) {`: a method definition, not a call.
            }

            // The argument, inside any number of redundant parentheses: `require(('x'))` is static too.
            int first = i + 2, last = close - 1;
            while (first < last && t[first].Is(JsPunct.LParen) && t[last].Is(JsPunct.RParen))
            {
                first++;
                last--;
            }

            var specifier = first == last && t[first].Kind is JsTokenKind.String or JsTokenKind.Template
                ? JsLiterals.Cook(doc.Bytes(t[first])) : null;
            if (specifier is not null)
            {
                found.Add(new RequireCall(specifier, t[i].Line));
            }
            else
            {
                var start = t[i + 1].End;
                var end = close < t.Length ? t[close].Start : doc.Text.Length;
                dynamic.Add(new DynamicRequire(doc.File, t[i].Line, Abbreviate(doc.Text.Span[start..end])));
            }
        }

        return new RequireScan(found, dynamic);
    }

    /// <summary>The index of the <c>)</c> matching the <c>(</c> at <paramref name="open"/>.</summary>
    private static int Matching(JsToken[] t, int open)
    {
        var depth = 0;
        for (var k = open; k < t.Length; k++)
        {
            if (t[k].Is(JsPunct.LParen))
            {
                depth++;
            }
            else if (t[k].Is(JsPunct.RParen) && --depth == 0)
            {
                return k;
            }
        }

        return t.Length;
    }

    private static string Abbreviate(ReadOnlySpan<byte> source)
    {
        var text = Encoding.UTF8.GetString(source).Trim();
        text = string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return text.Length <= 60 ? text : text[..57] + "...";
    }
}
