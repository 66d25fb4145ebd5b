using System.Text;

namespace Bundler.Core.JavaScript;

/// <summary>A comment that must travel with the code (a license), collected for IPM-NOTICES.txt.</summary>
internal sealed record JsNotice(string File, int Line, string Text);

/// <summary>The minifier's output: UTF-8 code plus the notices taken out of it.</summary>
internal sealed record MinifiedScript(byte[] Code, IReadOnlyList<JsNotice> Notices);

/// <summary>
/// Removes comments and white space and nothing else: every token's bytes are copied as they are, so strings,
/// templates and regular expressions keep their exact contents, and the result parses to the same tree (checked
/// against acorn on a corpus of real packages). Separators are chosen per token pair:
/// <list type="bullet">
/// <item>a line break stays a <c>\n</c> when the token before could end a statement and the token after could
/// start one: automatic semicolon insertion, <c>return</c>/<c>throw</c>/<c>break</c>/<c>continue</c>/
/// <c>yield</c>/<c>async</c> and <c>++</c>/<c>--</c> rules, class fields, all depend on such breaks;</item>
/// <item>a space stays where joining would merge tokens (<c>a + +b</c>, <c>typeof x</c>, <c>1 .toString()</c>,
/// <c>a / /re/</c>, <c>&lt;!--</c>, <c>--&gt;</c>);</item>
/// <item>a <c>;</c> right before <c>}</c> is dropped when it ends an expression or a simple statement (never when
/// it is an empty statement, as in <c>if (x);</c>).</item>
/// </list>
/// A hashbang line and a byte order mark are dropped: IoT.js compiles a module as a function body, where neither
/// is allowed.
/// </summary>
internal static class Minifier
{
    public static MinifiedScript Minify(ReadOnlyMemory<byte> text, string file) => Minify(JsDocument.Read(text, file));

    public static MinifiedScript Minify(JsDocument doc)
    {
        var src = doc.Text.Span;
        var tokens = doc.Tokens;
        var output = new Output(src.Length);
        var hasPrev = false;
        var prevIsMemberName = false;
        JsToken prev = default;
        JsToken beforeSemicolon = default;
        var removableSemicolonAt = -1;
        foreach (var t in tokens)
        {
            if (t.Is(JsPunct.RBrace) && removableSemicolonAt >= 0 && removableSemicolonAt == output.Count - 1)
            {
                output.Count--;
                prev = beforeSemicolon;
            }

            removableSemicolonAt = -1;
            if (hasPrev)
            {
                // `a.default` ends an expression like any identifier does.
                if (t.NewlineBefore && (MayEndStatement(prev) || prevIsMemberName) && MayStartStatement(t))
                {
                    output.Add((byte)'\n');
                }
                else if (NeedsSpace(src, prev, t))
                {
                    output.Add((byte)' ');
                }
            }

            if (t.Is(JsPunct.Semicolon) && hasPrev && (EndsExpressionOrSimpleStatement(prev) || prevIsMemberName))
            {
                removableSemicolonAt = output.Count;
                beforeSemicolon = prev;
            }

            output.Add(src[t.Start..t.End]);
            prevIsMemberName = t.Kind == JsTokenKind.Keyword && hasPrev && (prev.Is(JsPunct.Dot) || prev.Is(JsPunct.QuestionDot));
            prev = t;
            hasPrev = true;
        }

        return new MinifiedScript(output.ToArray(), Notices(doc));
    }

    /// <summary>Block comments starting <c>/*!</c> and comments naming <c>@license</c> or <c>@preserve</c>.</summary>
    internal static bool IsNotice(ReadOnlySpan<byte> comment) =>
        comment.StartsWith("/*!"u8) || ContainsAsciiIgnoreCase(comment, "@license"u8) || ContainsAsciiIgnoreCase(comment, "@preserve"u8);

    private static List<JsNotice> Notices(JsDocument doc)
    {
        var notices = new List<JsNotice>();
        foreach (var c in doc.Comments)
        {
            var bytes = doc.Bytes(c);
            if (IsNotice(bytes))
            {
                notices.Add(new JsNotice(doc.File, c.Line, Encoding.UTF8.GetString(bytes)));
            }
        }

        return notices;
    }

    /// <summary>Whether a statement may end right after <paramref name="t"/>, so a line break after it can matter.</summary>
    internal static bool MayEndStatement(in JsToken t) => t.Kind switch
    {
        JsTokenKind.Identifier or JsTokenKind.PrivateName or JsTokenKind.Number or JsTokenKind.String
            or JsTokenKind.RegExp or JsTokenKind.Template or JsTokenKind.TemplateTail => true,
        JsTokenKind.Keyword => t.Word is JsWord.This or JsWord.Super or JsWord.Null or JsWord.True or JsWord.False
            or JsWord.Return or JsWord.Throw or JsWord.Break or JsWord.Continue or JsWord.Debugger,
        JsTokenKind.Punctuator => t.Punct is JsPunct.RParen or JsPunct.RBracket or JsPunct.RBrace
            or JsPunct.PlusPlus or JsPunct.MinusMinus,
        _ => false,
    };

    /// <summary>
    /// Whether a statement or class member may start with <paramref name="t"/>. Tokens that can only continue
    /// what precedes them (<c>.</c>, <c>,</c>, <c>=</c>, binary operators, closing brackets) may not.
    /// </summary>
    internal static bool MayStartStatement(in JsToken t) => t.Kind switch
    {
        JsTokenKind.Keyword => t.Word is not (JsWord.In or JsWord.Instanceof),
        JsTokenKind.Punctuator => t.Punct is JsPunct.LParen or JsPunct.LBracket or JsPunct.LBrace or JsPunct.Plus
            or JsPunct.Minus or JsPunct.PlusPlus or JsPunct.MinusMinus or JsPunct.Bang or JsPunct.Tilde
            or JsPunct.Star,
        JsTokenKind.TemplateMiddle or JsTokenKind.TemplateTail or JsTokenKind.EndOfInput => false,
        _ => true,
    };

    /// <summary>A <c>;</c> after this token terminates it and is not an empty statement of its own.</summary>
    private static bool EndsExpressionOrSimpleStatement(in JsToken t) => t.Kind switch
    {
        JsTokenKind.Punctuator when t.Punct == JsPunct.RParen =>
            t.Bracket is not (JsBracket.StatementParen or JsBracket.ForParen),
        JsTokenKind.Punctuator when t.Punct == JsPunct.RBrace =>
            (t.Flags & JsTokenFlags.ExpressionAllowedAfter) == 0,
        _ => MayEndStatement(t),
    };

    /// <summary>Whether writing <paramref name="b"/> right after <paramref name="a"/> would read differently.</summary>
    internal static bool NeedsSpace(ReadOnlySpan<byte> src, in JsToken a, in JsToken b)
    {
        var last = src[a.End - 1];
        var first = src[b.Start];
        var aWordy = a.Kind is JsTokenKind.Identifier or JsTokenKind.Keyword or JsTokenKind.PrivateName
            or JsTokenKind.Number or JsTokenKind.RegExp;
        var bWordy = b.Kind is JsTokenKind.Identifier or JsTokenKind.Keyword or JsTokenKind.Number
            || first == '\\' || first >= 0x80;
        if (aWordy && bWordy)
        {
            return true;
        }

        if (a.Kind == JsTokenKind.Number && first == '.')
        {
            // `1 .x` must not become the number `1.`; `1.5.x` and `0x1.x` are safe but rare enough to ignore.
            return true;
        }

        if ((last == '+' || last == '-') && first == last)
        {
            return true;
        }

        if ((last == '/' && (first == '/' || first == '*'))
            || (last == '<' && first == '!')
            || (last == '-' && first == '>')
            || (a.Is(JsPunct.Question) && first == '.'))
        {
            return true;
        }

        if (a.Kind == JsTokenKind.Punctuator && b.Kind == JsTokenKind.Punctuator)
        {
            // Would the two read as one longer punctuator (`= =` as `==`, `& &` as `&&`)?
            Span<byte> pair = stackalloc byte[8];
            var aLen = a.Length;
            src[a.Start..a.End].CopyTo(pair);
            var bLen = Math.Min(b.Length, pair.Length - aLen);
            src.Slice(b.Start, bLen).CopyTo(pair[aLen..]);
            return JsPunctuators.Scan(pair[..(aLen + bLen)], out _) != aLen;
        }

        return false;
    }

    private sealed class Output(int capacity)
    {
        private byte[] _buffer = new byte[Math.Max(capacity, 16)];

        public int Count { get; set; }

        public void Add(byte b)
        {
            Ensure(1);
            _buffer[Count++] = b;
        }

        public void Add(ReadOnlySpan<byte> bytes)
        {
            Ensure(bytes.Length);
            bytes.CopyTo(_buffer.AsSpan(Count));
            Count += bytes.Length;
        }

        public byte[] ToArray() => _buffer.AsSpan(0, Count).ToArray();

        private void Ensure(int more)
        {
            if (Count + more > _buffer.Length)
            {
                Array.Resize(ref _buffer, Math.Max(_buffer.Length * 2, Count + more));
            }
        }
    }

    private static bool ContainsAsciiIgnoreCase(ReadOnlySpan<byte> haystack, ReadOnlySpan<byte> needle)
    {
        for (var i = haystack.IndexOf((byte)'@'); i >= 0 && i + needle.Length <= haystack.Length;)
        {
            var match = true;
            for (var j = 1; j < needle.Length && match; j++)
            {
                match = (haystack[i + j] | 0x20) == needle[j];
            }

            if (match)
            {
                return true;
            }

            var next = haystack[(i + 1)..].IndexOf((byte)'@');
            i = next < 0 ? -1 : i + 1 + next;
        }

        return false;
    }
}
