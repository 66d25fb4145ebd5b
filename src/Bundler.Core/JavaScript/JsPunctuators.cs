namespace Bundler.Core.JavaScript;

/// <summary>ECMAScript 2022 punctuators.</summary>
internal enum JsPunct : byte
{
    None,
    LBrace,
    RBrace,
    LParen,
    RParen,
    LBracket,
    RBracket,
    Dot,
    Ellipsis,
    Semicolon,
    Comma,
    Lt,
    Gt,
    LtEq,
    GtEq,
    EqEq,
    NotEq,
    EqEqEq,
    NotEqEq,
    Plus,
    Minus,
    Star,
    Percent,
    StarStar,
    PlusPlus,
    MinusMinus,
    Shl,
    Shr,
    UShr,
    Amp,
    Pipe,
    Caret,
    Bang,
    Tilde,
    AmpAmp,
    PipePipe,
    QuestionQuestion,
    Question,
    QuestionDot,
    Colon,
    Eq,
    PlusEq,
    MinusEq,
    StarEq,
    PercentEq,
    StarStarEq,
    ShlEq,
    ShrEq,
    UShrEq,
    AmpEq,
    PipeEq,
    CaretEq,
    AmpAmpEq,
    PipePipeEq,
    QuestionQuestionEq,
    Arrow,
    Slash,
    SlashEq,
}

internal static class JsPunctuators
{
    /// <summary>
    /// The longest punctuator at the start of <paramref name="s"/> (0 when there is none). <c>/</c> is read as
    /// division; the lexer decides beforehand whether a regular expression starts there.
    /// </summary>
    public static int Scan(ReadOnlySpan<byte> s, out JsPunct punct)
    {
        punct = JsPunct.None;
        if (s.IsEmpty)
        {
            return 0;
        }

        var b1 = s.Length > 1 ? s[1] : (byte)0;
        var b2 = s.Length > 2 ? s[2] : (byte)0;
        var b3 = s.Length > 3 ? s[3] : (byte)0;
        switch (s[0])
        {
            case (byte)'{': return One(JsPunct.LBrace, out punct);
            case (byte)'}': return One(JsPunct.RBrace, out punct);
            case (byte)'(': return One(JsPunct.LParen, out punct);
            case (byte)')': return One(JsPunct.RParen, out punct);
            case (byte)'[': return One(JsPunct.LBracket, out punct);
            case (byte)']': return One(JsPunct.RBracket, out punct);
            case (byte)';': return One(JsPunct.Semicolon, out punct);
            case (byte)',': return One(JsPunct.Comma, out punct);
            case (byte)'~': return One(JsPunct.Tilde, out punct);
            case (byte)':': return One(JsPunct.Colon, out punct);
            case (byte)'.':
                return b1 == '.' && b2 == '.' ? Set(JsPunct.Ellipsis, 3, out punct) : One(JsPunct.Dot, out punct);
            case (byte)'<':
                if (b1 == '<')
                {
                    return b2 == '=' ? Set(JsPunct.ShlEq, 3, out punct) : Set(JsPunct.Shl, 2, out punct);
                }

                return b1 == '=' ? Set(JsPunct.LtEq, 2, out punct) : One(JsPunct.Lt, out punct);
            case (byte)'>':
                if (b1 == '>')
                {
                    if (b2 == '>')
                    {
                        return b3 == '=' ? Set(JsPunct.UShrEq, 4, out punct) : Set(JsPunct.UShr, 3, out punct);
                    }

                    return b2 == '=' ? Set(JsPunct.ShrEq, 3, out punct) : Set(JsPunct.Shr, 2, out punct);
                }

                return b1 == '=' ? Set(JsPunct.GtEq, 2, out punct) : One(JsPunct.Gt, out punct);
            case (byte)'=':
                if (b1 == '=')
                {
                    return b2 == '=' ? Set(JsPunct.EqEqEq, 3, out punct) : Set(JsPunct.EqEq, 2, out punct);
                }

                return b1 == '>' ? Set(JsPunct.Arrow, 2, out punct) : One(JsPunct.Eq, out punct);
            case (byte)'!':
                if (b1 == '=')
                {
                    return b2 == '=' ? Set(JsPunct.NotEqEq, 3, out punct) : Set(JsPunct.NotEq, 2, out punct);
                }

                return One(JsPunct.Bang, out punct);
            case (byte)'+':
                return b1 == '+' ? Set(JsPunct.PlusPlus, 2, out punct)
                    : b1 == '=' ? Set(JsPunct.PlusEq, 2, out punct) : One(JsPunct.Plus, out punct);
            case (byte)'-':
                return b1 == '-' ? Set(JsPunct.MinusMinus, 2, out punct)
                    : b1 == '=' ? Set(JsPunct.MinusEq, 2, out punct) : One(JsPunct.Minus, out punct);
            case (byte)'*':
                if (b1 == '*')
                {
                    return b2 == '=' ? Set(JsPunct.StarStarEq, 3, out punct) : Set(JsPunct.StarStar, 2, out punct);
                }

                return b1 == '=' ? Set(JsPunct.StarEq, 2, out punct) : One(JsPunct.Star, out punct);
            case (byte)'%':
                return b1 == '=' ? Set(JsPunct.PercentEq, 2, out punct) : One(JsPunct.Percent, out punct);
            case (byte)'&':
                if (b1 == '&')
                {
                    return b2 == '=' ? Set(JsPunct.AmpAmpEq, 3, out punct) : Set(JsPunct.AmpAmp, 2, out punct);
                }

                return b1 == '=' ? Set(JsPunct.AmpEq, 2, out punct) : One(JsPunct.Amp, out punct);
            case (byte)'|':
                if (b1 == '|')
                {
                    return b2 == '=' ? Set(JsPunct.PipePipeEq, 3, out punct) : Set(JsPunct.PipePipe, 2, out punct);
                }

                return b1 == '=' ? Set(JsPunct.PipeEq, 2, out punct) : One(JsPunct.Pipe, out punct);
            case (byte)'^':
                return b1 == '=' ? Set(JsPunct.CaretEq, 2, out punct) : One(JsPunct.Caret, out punct);
            case (byte)'?':
                if (b1 == '?')
                {
                    return b2 == '=' ? Set(JsPunct.QuestionQuestionEq, 3, out punct)
                        : Set(JsPunct.QuestionQuestion, 2, out punct);
                }

                // `a?.5:0` is a conditional: `?.` never precedes a decimal digit.
                return b1 == '.' && !(b2 >= '0' && b2 <= '9')
                    ? Set(JsPunct.QuestionDot, 2, out punct) : One(JsPunct.Question, out punct);
            case (byte)'/':
                return b1 == '=' ? Set(JsPunct.SlashEq, 2, out punct) : One(JsPunct.Slash, out punct);
            default:
                return 0;
        }
    }

    /// <summary>
    /// Punctuators after which an expression may start (acorn's <c>beforeExpr</c>): after them <c>/</c> opens a
    /// regular expression and <c>{</c> an object literal.
    /// </summary>
    public static bool IsBeforeExpression(JsPunct p) => p switch
    {
        JsPunct.RBrace or JsPunct.RParen or JsPunct.RBracket or JsPunct.Dot or JsPunct.QuestionDot
            or JsPunct.PlusPlus or JsPunct.MinusMinus or JsPunct.None => false,
        _ => true,
    };

    private static int One(JsPunct p, out JsPunct punct)
    {
        punct = p;
        return 1;
    }

    private static int Set(JsPunct p, int length, out JsPunct punct)
    {
        punct = p;
        return length;
    }
}
