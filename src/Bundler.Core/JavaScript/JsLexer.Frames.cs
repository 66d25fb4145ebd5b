namespace Bundler.Core.JavaScript;

/// <summary>The frame stack: which brace is a block, where functions open, generators, markers.</summary>
internal sealed partial class JsLexer
{
    /// <summary>
    /// Acorn's braceIsBlock, plus: a conditional's colon, <c>do</c>, <c>}</c>, and an identifier on an earlier line
    /// are followed by a block or an object literal the way acorn's parser (not its tokenizer) decides.
    /// </summary>
    private bool BraceIsBlock(bool newline)
    {
        var parent = Top;
        if (IsFunctionOrClass(parent))
        {
            return true;
        }

        if (PrevIs(JsPunct.Colon))
        {
            if ((_prevFlags & JsTokenFlags.ConditionalColon) != 0)
            {
                return false;
            }

            if (IsStatementBrace(parent) || parent == FrameKind.Object)
            {
                return parent != FrameKind.Object;
            }
        }

        if (PrevIsKeyword(JsWord.Return) || (_prevKind == JsTokenKind.Identifier && _exprAllowed))
        {
            return newline;
        }

        // No expression goes on with `{` after `}` or after an identifier on an earlier line (`let` aside, which
        // may declare a pattern there): the brace starts a statement.
        if (PrevIs(JsPunct.RBrace)
            || (_prevKind == JsTokenKind.Identifier && newline && _prevId != (byte)JsWord.Let))
        {
            return true;
        }

        if (PrevIsKeyword(JsWord.Else) || PrevIsKeyword(JsWord.Do) || PrevIs(JsPunct.Semicolon)
            || _prevKind == JsTokenKind.EndOfInput || PrevIs(JsPunct.RParen) || PrevIs(JsPunct.Arrow))
        {
            return true;
        }

        if (PrevIs(JsPunct.LBrace))
        {
            return IsStatementBrace(parent);
        }

        if (PrevIsKeyword(JsWord.Var) || PrevIsKeyword(JsWord.Const) || _prevKind == JsTokenKind.Identifier)
        {
            return false;
        }

        return !_exprAllowed;
    }

    private void OpenFunctionOrClass(bool isClass, bool newline, int line)
    {
        _exprAllowed = false;

        // `{ function: 1 }`, `{ class() {} }`: a property name, not a function.
        if ((PrevIs(JsPunct.LBrace) || PrevIs(JsPunct.Comma)) && Top == FrameKind.Object)
        {
            return;
        }

        var kind = _prevKind;
        var id = _prevId;
        var flags = _prevFlags;
        if (!isClass && _prevKind == JsTokenKind.Identifier && _prevId == (byte)JsWord.Async && !newline)
        {
            (kind, id, flags, newline) = (_asyncPrevKind, _asyncPrevId, _asyncPrevFlags, _asyncNewline);
        }

        var top = Top;
        bool Is(JsPunct p) => kind == JsTokenKind.Punctuator && id == (byte)p;
        var beforeExpression = kind switch
        {
            JsTokenKind.Punctuator => JsPunctuators.IsBeforeExpression((JsPunct)id),
            JsTokenKind.Keyword => JsWords.IsBeforeExpression((JsWord)id),
            JsTokenKind.TemplateHead or JsTokenKind.TemplateMiddle => true,
            _ => false,
        };
        var isExpression = (flags & JsTokenFlags.ConditionalColon) != 0
            || (beforeExpression
                && !(kind == JsTokenKind.Keyword && id == (byte)JsWord.Else)
                && !(Is(JsPunct.Semicolon) && top is not (FrameKind.StatementParen or FrameKind.ForParen))
                && !(kind == JsTokenKind.Keyword && id == (byte)JsWord.Return && newline)
                && !((Is(JsPunct.Colon) || Is(JsPunct.LBrace)) && IsStatementBrace(top)));
        Push(isClass
            ? (isExpression ? FrameKind.ClassExpression : FrameKind.ClassStatement)
            : (isExpression ? FrameKind.FunctionExpression : FrameKind.FunctionStatement), line);
    }

    private void UpdateIdentifier(JsWord word, bool newline)
    {
        var allowed = false;
        if (!PrevIsDot)
        {
            allowed = (word == JsWord.Of && !_exprAllowed) || (word == JsWord.Yield && InGenerator());
        }

        if (word == JsWord.Async)
        {
            (_asyncPrevKind, _asyncPrevId, _asyncPrevFlags, _asyncNewline) = (_prevKind, _prevId, _prevFlags, newline);
        }

        _exprAllowed = allowed;
    }

    private bool InGenerator()
    {
        for (var i = _depth - 1; i >= 1; i--)
        {
            if (IsFunctionOrClass(_frames[i].Kind))
            {
                return _frames[i].Generator;
            }
        }

        return false;
    }

    private void Push(FrameKind kind, int line)
    {
        if (_depth == _frames.Length)
        {
            Array.Resize(ref _frames, _depth * 2);
        }

        _frames[_depth++] = new Frame(kind, false, line);
    }

    /// <summary>Drops conditional and function markers left above a bracket that is being closed.</summary>
    private void PopMarkers()
    {
        while (_depth > 1 && IsMarker(Top))
        {
            _depth--;
        }
    }

    private JsBracket Enclosing()
    {
        for (var i = _depth - 1; i >= 0; i--)
        {
            if (!IsMarker(_frames[i].Kind))
            {
                return ToBracket(_frames[i].Kind);
            }
        }

        return JsBracket.TopLevel;
    }

    private static JsBracket ToBracket(FrameKind k) => k switch
    {
        FrameKind.Block => JsBracket.Block,
        FrameKind.ClassBody => JsBracket.ClassBody,
        FrameKind.Object => JsBracket.Object,
        FrameKind.Paren => JsBracket.Paren,
        FrameKind.StatementParen => JsBracket.StatementParen,
        FrameKind.ForParen => JsBracket.ForParen,
        FrameKind.Parameters => JsBracket.Parameters,
        FrameKind.Array => JsBracket.Array,
        FrameKind.Index => JsBracket.Index,
        FrameKind.Substitution => JsBracket.Substitution,
        _ => JsBracket.TopLevel,
    };

    private void CheckAllClosed()
    {
        PopMarkers();
        if (_depth > 1)
        {
            var open = _frames[_depth - 1];
            throw Error(open.Line, open.Kind == FrameKind.Substitution
                ? "unterminated template substitution"
                : "bracket opened here is never closed");
        }
    }

    private readonly record struct Frame(FrameKind Kind, bool Generator, int Line);
}
