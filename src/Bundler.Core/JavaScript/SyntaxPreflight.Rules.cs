namespace Bundler.Core.JavaScript;

/// <summary>The per-token rules of the preflight.</summary>
internal static partial class SyntaxPreflight
{
    private sealed partial class Scan
    {
        private void Punctuator(int i, in JsToken t)
        {
            switch (t.Punct)
            {
                case JsPunct.Arrow:
                    Found(JsConstruct.ArrowFunction, t);
                    break;
                case JsPunct.Ellipsis:
                    Found(JsConstruct.SpreadOrRest, t);
                    break;
                case JsPunct.StarStar:
                case JsPunct.StarStarEq:
                    Found(JsConstruct.ExponentOperator, t);
                    break;
                case JsPunct.QuestionDot:
                    Found(JsConstruct.OptionalChaining, t);
                    break;
                case JsPunct.QuestionQuestion:
                    Found(JsConstruct.NullishCoalescing, t);
                    break;
                case JsPunct.QuestionQuestionEq:
                case JsPunct.AmpAmpEq:
                case JsPunct.PipePipeEq:
                    Found(JsConstruct.LogicalAssignment, t);
                    break;
                case JsPunct.Star:
                    if (At(i - 1).Is(JsWord.Function) || AtKey(i, afterModifier: false))
                    {
                        Found(JsConstruct.Generator, t);
                    }

                    break;
                case JsPunct.Eq when t.Bracket == JsBracket.Parameters:
                    Found(JsConstruct.DefaultParameter, t);
                    break;
                case JsPunct.Comma when At(i + 1).Is(JsPunct.RParen):
                    Found(JsConstruct.TrailingCommaInCall, t);
                    break;
                case JsPunct.LBracket:
                case JsPunct.LBrace:
                    OpeningBracket(i, t);
                    break;
                case JsPunct.RBrace when t.Bracket == JsBracket.Object:
                case JsPunct.RBracket when t.Bracket == JsBracket.Array:
                    if (At(i + 1).Is(JsPunct.Eq))
                    {
                        Found(JsConstruct.Destructuring, t);
                    }

                    break;
            }
        }

        private void OpeningBracket(int i, in JsToken t)
        {
            if (t.Is(JsPunct.LBracket) && (AtKey(i, afterModifier: false) || AtKey(i, afterModifier: true)))
            {
                Found(JsConstruct.ComputedProperty, t);
                return;
            }

            // Patterns: `var {a} =`, `const [a] =`, `function f({a}, [b])`, `catch ({message})`.
            var p = At(i - 1);
            if (p.Is(JsWord.Var) || p.Is(JsWord.Const)
                || ((p.Is(JsPunct.LParen) || p.Is(JsPunct.Comma)) && p.Bracket == JsBracket.Parameters)
                || (p.Is(JsPunct.LParen) && At(i - 2).Is(JsWord.Catch)))
            {
                Found(JsConstruct.Destructuring, t);
            }
        }

        private void Keyword(int i, in JsToken t)
        {
            if (IsPropertyName(i))
            {
                return;
            }

            var next = At(i + 1);
            switch (t.Word)
            {
                case JsWord.Const:
                    Found(JsConstruct.ConstDeclaration, t);
                    break;
                case JsWord.Class:
                case JsWord.Super:
                    Found(JsConstruct.Class, t);
                    break;
                case JsWord.Export:
                    Found(JsConstruct.ExportDeclaration, t);
                    break;
                case JsWord.Import:
                    Found(next.Is(JsPunct.LParen) ? JsConstruct.DynamicImport
                        : next.Is(JsPunct.Dot) ? JsConstruct.ImportMeta : JsConstruct.ImportDeclaration, t);
                    break;
                case JsWord.New when next.Is(JsPunct.Dot) && At(i + 2).Is(JsWord.Target):
                    Found(JsConstruct.NewTarget, t);
                    break;
                case JsWord.Catch when next.Is(JsPunct.LBrace):
                    Found(JsConstruct.OptionalCatchBinding, t);
                    break;
            }
        }

        private void Identifier(int i, in JsToken t)
        {
            if ((t.Flags & JsTokenFlags.Escaped) != 0 && doc.Bytes(t).IndexOf("\\u{"u8) >= 0)
            {
                Found(JsConstruct.CodePointEscape, t);
            }

            if (IsPropertyName(i))
            {
                return;
            }

            var next = At(i + 1);
            var p = At(i - 1);
            switch (t.Word)
            {
                case JsWord.Let:
                    // `let` then a line break is ES5's expression statement `let;` and stays silent.
                    if ((next.Kind == JsTokenKind.Identifier && !next.NewlineBefore) || next.Is(JsPunct.LBrace)
                        || (next.Is(JsPunct.LBracket) && StartsStatement(i)))
                    {
                        Found(JsConstruct.LetDeclaration, t);
                    }

                    break;
                case JsWord.Async when !next.NewlineBefore:
                    if (next.Is(JsWord.Function)
                        || (next.Kind == JsTokenKind.Identifier && At(i + 2).Is(JsPunct.Arrow)))
                    {
                        Found(JsConstruct.AsyncFunction, t);
                    }

                    break;
                case JsWord.Of when t.Bracket == JsBracket.ForParen:
                    if (p.Kind == JsTokenKind.Identifier || p.Is(JsPunct.RBracket) || p.Is(JsPunct.RBrace))
                    {
                        Found(JsConstruct.ForOf, t);
                    }

                    break;
            }
        }

        /// <summary>Whether a statement can begin at token <paramref name="i"/> (for <c>let [</c>).</summary>
        private bool StartsStatement(int i)
        {
            if (i == 0 || _t[i].NewlineBefore)
            {
                return true;
            }

            var p = _t[i - 1];
            return p.Is(JsPunct.Semicolon) || p.Is(JsWord.Else) || p.Is(JsWord.Do)
                || (p.Is(JsPunct.LBrace) && p.Bracket is JsBracket.Block or JsBracket.ClassBody)
                || (p.Is(JsPunct.RBrace) && (p.Flags & JsTokenFlags.ExpressionAllowedAfter) != 0)
                || (p.Is(JsPunct.RParen) && p.Bracket is JsBracket.StatementParen or JsBracket.ForParen)
                || (p.Is(JsPunct.LParen) && p.Bracket == JsBracket.ForParen)
                || (p.Is(JsPunct.Colon) && (p.Flags & JsTokenFlags.ConditionalColon) == 0);
        }

        private void StringLiteral(in JsToken t)
        {
            var raw = doc.Bytes(t);
            if (HasCodePointEscape(raw))
            {
                Found(JsConstruct.CodePointEscape, t);
            }

            if (raw.IndexOf("\u2028"u8) >= 0 || raw.IndexOf("\u2029"u8) >= 0)
            {
                Found(JsConstruct.LineSeparatorInString, t);
            }
        }

        private void NumberLiteral(in JsToken t)
        {
            var raw = doc.Bytes(t);
            if (raw[^1] == 'n')
            {
                Found(JsConstruct.BigInt, t);
            }

            if (raw.IndexOf((byte)'_') >= 0)
            {
                Found(JsConstruct.NumericSeparator, t);
            }

            if (raw.Length > 1 && raw[0] == '0' && (raw[1] | 0x20) is 'b' or 'o')
            {
                Found(JsConstruct.BinaryOrOctalLiteral, t);
            }
        }

        private void RegExpLiteral(in JsToken t)
        {
            var raw = doc.Bytes(t);
            var close = raw.LastIndexOf((byte)'/');
            foreach (var flag in raw[(close + 1)..])
            {
                if (flag is not ((byte)'g' or (byte)'i' or (byte)'m'))
                {
                    Found(JsConstruct.RegExpFlag, t);
                }
            }

            // `(?<` opens a named group or a lookbehind; skip escapes and character classes.
            var inClass = false;
            for (var k = 1; k < close; k++)
            {
                var b = raw[k];
                if (b == '\\')
                {
                    k++;
                }
                else if (b == '[')
                {
                    inClass = true;
                }
                else if (b == ']')
                {
                    inClass = false;
                }
                else if (!inClass && b == '(' && k + 2 < close && raw[k + 1] == '?' && raw[k + 2] == '<')
                {
                    Found(JsConstruct.RegExpNamedGroupOrLookbehind, t);
                }
            }
        }

        /// <summary>A <c>\u{</c> escape, not a <c>\\u{</c> (an escaped backslash followed by text).</summary>
        private static bool HasCodePointEscape(ReadOnlySpan<byte> raw)
        {
            for (var k = 0; k < raw.Length - 2; k++)
            {
                if (raw[k] == '\\')
                {
                    if (raw[k + 1] == 'u' && raw[k + 2] == '{')
                    {
                        return true;
                    }

                    k++;
                }
            }

            return false;
        }
    }
}
