namespace Bundler.Core.JavaScript;

/// <summary>
/// Regular expression or division: the decision acorn's tokenizer makes (after sweet.js), kept on a stack of
/// open brackets and markers. After <c>)</c> it looks at what opened the parenthesis (<c>if (x) /re/</c> versus
/// <c>(a) / b</c>); after <c>}</c> at whether the brace was a block or an object literal, and whether it closed a
/// function declaration or a function expression. Beyond acorn's tokenizer it also tells a conditional's
/// <c>:</c> from a label's, treats <c>async function</c> by what precedes <c>async</c>, and does not open a
/// function for a property named <c>function</c> or <c>class</c>: the cases acorn's parser corrects afterwards.
/// </summary>
internal sealed partial class JsLexer
{
    private Frame[] _frames = new Frame[32];
    private int _depth;
    private bool _exprAllowed;
    private JsTokenKind _prevKind;
    private byte _prevId;
    private JsTokenFlags _prevFlags;
    private bool _prevIsForAwait;

    // What preceded an `async` that may start `async function`.
    private JsTokenKind _asyncPrevKind;
    private byte _asyncPrevId;
    private JsTokenFlags _asyncPrevFlags;
    private bool _asyncNewline;

    private enum FrameKind : byte
    {
        Root,
        Block,
        ClassBody,
        Object,
        Paren,
        StatementParen,
        ForParen,
        Parameters,
        Array,
        Index,
        Substitution,
        FunctionStatement,
        FunctionExpression,
        ClassStatement,
        ClassExpression,
        Conditional,
    }

    private void InitContext()
    {
        _frames[0] = new Frame(FrameKind.Root, false, 1);
        _depth = 1;
        _exprAllowed = true;
        _prevKind = JsTokenKind.EndOfInput;
    }

    private FrameKind Top => _frames[_depth - 1].Kind;

    private static bool IsMarker(FrameKind k) => k >= FrameKind.FunctionStatement;

    private static bool IsFunctionOrClass(FrameKind k) => k is >= FrameKind.FunctionStatement and <= FrameKind.ClassExpression;

    /// <summary>Acorn's b_stat: a brace that is not an expression.</summary>
    private static bool IsStatementBrace(FrameKind k) => k is FrameKind.Root or FrameKind.Block or FrameKind.ClassBody;

    private bool PrevIs(JsPunct p) => _prevKind == JsTokenKind.Punctuator && _prevId == (byte)p;

    private bool PrevIsKeyword(JsWord w) => _prevKind == JsTokenKind.Keyword && _prevId == (byte)w;

    private bool PrevIsDot => PrevIs(JsPunct.Dot) || PrevIs(JsPunct.QuestionDot);

    /// <summary>Called at a <c>}</c>: whether it ends a template substitution (then the template goes on).</summary>
    private bool ClosesSubstitution()
    {
        PopMarkers();
        return Top == FrameKind.Substitution;
    }

    /// <summary>Updates the stack after a token; returns the bracket the token opens, closes, or is in.</summary>
    private JsBracket Update(JsTokenKind kind, byte id, ref JsTokenFlags flags, int line)
    {
        var newline = (flags & JsTokenFlags.NewlineBefore) != 0;
        JsBracket? own = null;
        switch (kind)
        {
            case JsTokenKind.Punctuator:
                own = UpdatePunctuator((JsPunct)id, newline, ref flags, line);
                break;
            case JsTokenKind.Keyword when _prevKind == JsTokenKind.Punctuator && PrevIsDot:
                _exprAllowed = false;
                break;
            case JsTokenKind.Keyword when (JsWord)id is JsWord.Function or JsWord.Class:
                OpenFunctionOrClass((JsWord)id == JsWord.Class, newline, line);
                break;
            case JsTokenKind.Keyword:
                _exprAllowed = JsWords.IsBeforeExpression((JsWord)id);
                break;
            case JsTokenKind.Identifier:
                UpdateIdentifier((JsWord)id, newline);
                break;
            case JsTokenKind.TemplateHead:
                Push(FrameKind.Substitution, line);
                _exprAllowed = true;
                break;
            case JsTokenKind.TemplateMiddle:
                own = JsBracket.Substitution;
                _exprAllowed = true;
                break;
            case JsTokenKind.TemplateTail:
                _depth--;
                own = JsBracket.Substitution;
                _exprAllowed = false;
                break;
            default:
                _exprAllowed = false;
                break;
        }

        if (_exprAllowed)
        {
            flags |= JsTokenFlags.ExpressionAllowedAfter;
        }

        _prevIsForAwait = kind == JsTokenKind.Identifier && id == (byte)JsWord.Await && PrevIsKeyword(JsWord.For);
        _prevKind = kind;
        _prevId = id;
        _prevFlags = flags;
        return own ?? Enclosing();
    }

    private JsBracket? UpdatePunctuator(JsPunct p, bool newline, ref JsTokenFlags flags, int line)
    {
        switch (p)
        {
            case JsPunct.LBrace:
                var kind = !BraceIsBlock(newline) ? FrameKind.Object
                    : Top is FrameKind.ClassStatement or FrameKind.ClassExpression ? FrameKind.ClassBody : FrameKind.Block;
                Push(kind, line);
                _exprAllowed = true;
                return ToBracket(kind);
            case JsPunct.LParen:
                var paren = PrevIsKeyword(JsWord.For) || _prevIsForAwait ? FrameKind.ForParen
                    : PrevIsKeyword(JsWord.If) || PrevIsKeyword(JsWord.While) || PrevIsKeyword(JsWord.With) ? FrameKind.StatementParen
                    : Top is FrameKind.FunctionStatement or FrameKind.FunctionExpression ? FrameKind.Parameters
                    : FrameKind.Paren;
                Push(paren, line);
                _exprAllowed = true;
                return ToBracket(paren);
            case JsPunct.LBracket:
                var bracket = _exprAllowed ? FrameKind.Array : FrameKind.Index;
                Push(bracket, line);
                _exprAllowed = true;
                return ToBracket(bracket);
            case JsPunct.RBrace:
            case JsPunct.RParen:
            case JsPunct.RBracket:
                return Close(p, line);
            case JsPunct.Question:
                Push(FrameKind.Conditional, line);
                _exprAllowed = true;
                return null;
            case JsPunct.Colon:
                if (IsFunctionOrClass(Top))
                {
                    _depth--;
                }

                if (Top == FrameKind.Conditional)
                {
                    _depth--;
                    flags |= JsTokenFlags.ConditionalColon;
                }

                _exprAllowed = true;
                return null;
            case JsPunct.Star:
                if (PrevIsKeyword(JsWord.Function) && Top is FrameKind.FunctionStatement or FrameKind.FunctionExpression)
                {
                    _frames[_depth - 1] = _frames[_depth - 1] with { Generator = true };
                }

                _exprAllowed = true;
                return null;
            case JsPunct.PlusPlus:
            case JsPunct.MinusMinus:
                return null;
            default:
                _exprAllowed = JsPunctuators.IsBeforeExpression(p);
                return null;
        }
    }

    private JsBracket Close(JsPunct p, int line)
    {
        PopMarkers();
        var open = Top;
        var matches = p switch
        {
            JsPunct.RParen => open is FrameKind.Paren or FrameKind.StatementParen or FrameKind.ForParen or FrameKind.Parameters,
            JsPunct.RBracket => open is FrameKind.Array or FrameKind.Index,
            _ => open is FrameKind.Block or FrameKind.ClassBody or FrameKind.Object,
        };
        if (!matches || _depth == 1)
        {
            var what = p switch { JsPunct.RParen => ")", JsPunct.RBracket => "]", _ => "}" };
            throw Error(line, open == FrameKind.Root
                ? $"unexpected '{what}'"
                : $"unexpected '{what}': the bracket opened on line {_frames[_depth - 1].Line} is not closed");
        }

        _depth--;
        var isExpression = open is FrameKind.Object or FrameKind.Paren or FrameKind.Parameters;
        if (open == FrameKind.Block && IsFunctionOrClass(Top))
        {
            isExpression = Top is FrameKind.FunctionExpression or FrameKind.ClassExpression;
            _depth--;
        }
        else if (open == FrameKind.ClassBody && IsFunctionOrClass(Top))
        {
            isExpression = Top == FrameKind.ClassExpression;
            _depth--;
        }

        _exprAllowed = p != JsPunct.RBracket && !isExpression;
        return ToBracket(open);
    }
}
