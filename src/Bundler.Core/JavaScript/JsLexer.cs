using Bundler.Core.Diagnostics;

namespace Bundler.Core.JavaScript;

/// <summary>
/// The ECMAScript 2022 lexical grammar in one forward pass over UTF-8 bytes: offsets are byte offsets, lines are
/// 1-based and count CR LF, CR, LF, U+2028 and U+2029. Non-ASCII is decoded only where it matters (identifiers,
/// white space, line terminators); string, template and regular-expression bodies are never decoded, so their
/// bytes can be copied exactly. Whether <c>/</c> starts a regular expression is decided from the tokens before it
/// (see the Context part), as minifiers and acorn's tokenizer do. Malformed input throws <see cref="IpmException"/>
/// with IPM6004 naming the file and line.
/// </summary>
internal sealed partial class JsLexer
{
    private readonly byte[] _s;
    private readonly int _len;
    private readonly string _file;
    private readonly List<JsComment>? _comments;
    private int _pos;
    private int _line = 1;

    public JsLexer(ReadOnlyMemory<byte> text, string file, List<JsComment>? comments = null)
    {
        _s = text.ToArray();
        _len = _s.Length;
        _file = file;
        _comments = comments;
        InitContext();
        SkipHashbang();
    }

    public string File => _file;

    /// <summary>The bytes being read (a private copy, so tokens stay valid).</summary>
    public ReadOnlyMemory<byte> Text => _s;

    /// <summary>Reads the next token; <see cref="JsTokenKind.EndOfInput"/> at the end, and on every call after.</summary>
    public JsToken Next()
    {
        var flags = SkipTrivia() ? JsTokenFlags.NewlineBefore : JsTokenFlags.None;
        var start = _pos;
        var line = _line;
        if (_pos >= _len)
        {
            CheckAllClosed();
            return new JsToken(JsTokenKind.EndOfInput, 0, flags, JsBracket.TopLevel, _len, _len, _line);
        }

        var b = _s[_pos];
        JsTokenKind kind;
        byte id = 0;
        if (JsChars.IsAsciiIdStart(b) || b == '\\' || b >= 0x80)
        {
            var word = ScanIdentifier(start, ref flags, isPrivate: false);
            kind = JsWords.IsReserved(word) ? JsTokenKind.Keyword : JsTokenKind.Identifier;
            id = (byte)word;
        }
        else if (JsChars.IsDigit(b) || (b == '.' && _pos + 1 < _len && JsChars.IsDigit(_s[_pos + 1])))
        {
            ScanNumber();
            kind = JsTokenKind.Number;
        }
        else if (b == '"' || b == '\'')
        {
            ScanString(b);
            kind = JsTokenKind.String;
        }
        else if (b == '`')
        {
            _pos++;
            kind = ScanTemplateChars() ? JsTokenKind.Template : JsTokenKind.TemplateHead;
        }
        else if (b == '#')
        {
            _pos++;
            if (_pos >= _len || !(JsChars.IsAsciiIdStart(_s[_pos]) || _s[_pos] == '\\' || _s[_pos] >= 0x80))
            {
                throw Error(line, "'#' must start a private name");
            }

            ScanIdentifier(_pos, ref flags, isPrivate: true);
            kind = JsTokenKind.PrivateName;
        }
        else if (b == '/' && _exprAllowed)
        {
            ScanRegExp(line);
            kind = JsTokenKind.RegExp;
        }
        else if (b == '}' && ClosesSubstitution())
        {
            _pos++;
            kind = ScanTemplateChars() ? JsTokenKind.TemplateTail : JsTokenKind.TemplateMiddle;
        }
        else
        {
            var length = JsPunctuators.Scan(_s.AsSpan(_pos, Math.Min(4, _len - _pos)), out var punct);
            if (length == 0)
            {
                throw Error(line, $"unexpected character '{Printable(_pos)}'");
            }

            _pos += length;
            kind = JsTokenKind.Punctuator;
            id = (byte)punct;
        }

        var bracket = Update(kind, id, ref flags, line);
        return new JsToken(kind, id, flags, bracket, start, _pos, line);
    }

    /// <summary>Reads every token (without the end marker) and, when asked, every comment.</summary>
    public static List<JsToken> Tokenize(ReadOnlyMemory<byte> text, string file, List<JsComment>? comments = null)
    {
        var lexer = new JsLexer(text, file, comments);
        var tokens = new List<JsToken>(text.Length / 5);
        for (var t = lexer.Next(); t.Kind != JsTokenKind.EndOfInput; t = lexer.Next())
        {
            tokens.Add(t);
        }

        return tokens;
    }

    private void SkipHashbang()
    {
        // A byte order mark is white space; skipping it first lets a hashbang follow it, as Node.js allows.
        if (_len >= 3 && _s[0] == 0xEF && _s[1] == 0xBB && _s[2] == 0xBF)
        {
            _pos = 3;
        }

        if (_pos + 1 < _len && _s[_pos] == '#' && _s[_pos + 1] == '!')
        {
            _pos = LineEnd(_pos + 2);
        }
    }

    /// <summary>Skips white space and comments; true when a line terminator was among them.</summary>
    private bool SkipTrivia()
    {
        var newline = false;
        var s = _s;
        while (_pos < _len)
        {
            var b = s[_pos];
            if (b == ' ' || b == '\t' || b == '\v' || b == '\f')
            {
                _pos++;
            }
            else if (b == '\n')
            {
                _pos++;
                _line++;
                newline = true;
            }
            else if (b == '\r')
            {
                _pos++;
                if (_pos < _len && s[_pos] == '\n')
                {
                    _pos++;
                }

                _line++;
                newline = true;
            }
            else if (b == '/' && _pos + 1 < _len && s[_pos + 1] == '/')
            {
                var end = LineEnd(_pos + 2);
                _comments?.Add(new JsComment(_pos, end, _line, IsBlock: false));
                _pos = end;
            }
            else if (b == '/' && _pos + 1 < _len && s[_pos + 1] == '*')
            {
                var close = s.AsSpan(_pos + 2, _len - _pos - 2).IndexOf("*/"u8);
                if (close < 0)
                {
                    throw Error(_line, "unterminated comment");
                }

                var end = _pos + 2 + close + 2;
                var startLine = _line;
                var lines = CountLines(_pos + 2, end - 2);
                _comments?.Add(new JsComment(_pos, end, startLine, IsBlock: true));
                _line += lines;
                newline |= lines > 0;
                _pos = end;
            }
            else if (b >= 0x80)
            {
                var cp = JsChars.DecodeAt(s, _pos, out var n);
                if (JsChars.IsLineSeparator(cp))
                {
                    _line++;
                    newline = true;
                }
                else if (!JsChars.IsUnicodeSpace(cp))
                {
                    break;
                }

                _pos += n;
            }
            else
            {
                break;
            }
        }

        return newline;
    }

    /// <summary>The offset of the first line terminator at or after <paramref name="from"/>, or the end.</summary>
    private int LineEnd(int from)
    {
        var p = from;
        while (p < _len)
        {
            var i = _s.AsSpan(p, _len - p).IndexOfAny((byte)'\n', (byte)'\r', (byte)0xE2);
            if (i < 0)
            {
                return _len;
            }

            p += i;
            if (_s[p] != 0xE2 || JsChars.IsLineSeparatorAt(_s, p))
            {
                return p;
            }

            p++;
        }

        return _len;
    }

    /// <summary>Line terminators in [from, to): CR LF counts once.</summary>
    private int CountLines(int from, int to)
    {
        var count = 0;
        var p = from;
        while (p < to)
        {
            var i = _s.AsSpan(p, to - p).IndexOfAny((byte)'\n', (byte)'\r', (byte)0xE2);
            if (i < 0)
            {
                break;
            }

            p += i;
            if (_s[p] == '\r')
            {
                count++;
                p += p + 1 < to && _s[p + 1] == '\n' ? 2 : 1;
            }
            else if (_s[p] == '\n')
            {
                count++;
                p++;
            }
            else if (JsChars.IsLineSeparatorAt(_s, p))
            {
                count++;
                p += 3;
            }
            else
            {
                p++;
            }
        }

        return count;
    }

    private string Printable(int pos)
    {
        var cp = JsChars.DecodeAt(_s, pos, out _);
        return cp < 0 ? $"\\x{_s[pos]:X2} (not UTF-8)" : cp is >= 0x20 and < 0x7F ? ((char)cp).ToString() : $"U+{cp:X4}";
    }

    private IpmException Error(int line, string what) => new(Messages.JavaScriptSyntaxError(_file, line, what));
}
