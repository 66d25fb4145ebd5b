namespace Bundler.Core.JavaScript;

/// <summary>
/// Finds, from tokens alone, syntax the target engine cannot parse, so a bundle fails at build time with the file
/// and line instead of on the device. Under <see cref="EngineProfile.Es51"/> every ES2015+ construct is reported;
/// ES module syntax (<c>import</c>/<c>export</c> declarations, <c>import()</c>, <c>import.meta</c>) is reported
/// under both profiles, since IoT.js only loads CommonJS. One finding per construct: its first occurrence.
/// <para>
/// Property names are never mistaken for syntax: a word after <c>.</c> or <c>?.</c>, or at a key position of an
/// object literal (<c>x.class</c>, <c>{ let: 1 }</c>, <c>{ import: f }</c>), is a name. <c>let</c> is an
/// identifier in sloppy ES5, so it counts as a declaration only when an identifier on the same line, <c>{</c>,
/// or (at the start of a statement) <c>[</c> follows it; <c>x = let[0]</c> is ES5 member access and
/// <c>let</c> followed by a line break is ES5's statement <c>let;</c>, and both stay silent.
/// <c>await</c> and <c>yield</c> are not reported on their own: they only mean something inside an async
/// function or a generator, which is reported. Checked against acorn on the test corpus: files acorn parses as
/// ECMAScript 5 get no finding, and files it parses only as a later version get at least one.
/// </para>
/// </summary>
internal static partial class SyntaxPreflight
{
    public static IReadOnlyList<SyntaxFinding> Check(ReadOnlyMemory<byte> text, string file, EngineProfile profile) =>
        Check(JsDocument.Read(text, file), profile);

    public static IReadOnlyList<SyntaxFinding> Check(JsDocument doc, EngineProfile profile)
    {
        var scan = new Scan(doc);
        scan.Run();
        var findings = new List<SyntaxFinding>();
        for (var c = 0; c < scan.FirstLine.Length; c++)
        {
            var construct = (JsConstruct)c;
            var line = scan.FirstLine[c];
            if (line > 0 && (profile == EngineProfile.Es51 || construct <= JsConstruct.ImportMeta))
            {
                findings.Add(new SyntaxFinding(doc.File, line, construct));
            }
        }

        return findings.OrderBy(f => f.Line).ThenBy(f => f.Construct).ToList();
    }

    private sealed partial class Scan(JsDocument doc)
    {
        private readonly JsToken[] _t = doc.Tokens;

        public int[] FirstLine { get; } = new int[(int)JsConstruct.NumericSeparator + 1];

        public void Run()
        {
            for (var i = 0; i < _t.Length; i++)
            {
                var t = _t[i];
                switch (t.Kind)
                {
                    case JsTokenKind.Punctuator:
                        Punctuator(i, t);
                        break;
                    case JsTokenKind.Keyword:
                        Keyword(i, t);
                        break;
                    case JsTokenKind.Identifier:
                        Identifier(i, t);
                        break;
                    case JsTokenKind.String:
                        StringLiteral(t);
                        break;
                    case JsTokenKind.Number:
                        NumberLiteral(t);
                        break;
                    case JsTokenKind.RegExp:
                        RegExpLiteral(t);
                        break;
                    case JsTokenKind.PrivateName:
                        Found(JsConstruct.Class, t);
                        break;
                    case JsTokenKind.Template:
                    case JsTokenKind.TemplateHead:
                        Found(JsConstruct.TemplateLiteral, t);
                        break;
                }

                if (t.Kind is JsTokenKind.Identifier or JsTokenKind.Keyword or JsTokenKind.String or JsTokenKind.Number
                    && AtKey(i, afterModifier: false))
                {
                    PropertyKey(i, t);
                }
            }
        }

        private void Found(JsConstruct construct, in JsToken t)
        {
            ref var line = ref FirstLine[(int)construct];
            if (line == 0)
            {
                line = t.Line;
            }
        }

        private JsToken At(int i) => i >= 0 && i < _t.Length ? _t[i] : default;

        private bool PrevIsDot(int i) => At(i - 1).Is(JsPunct.Dot) || At(i - 1).Is(JsPunct.QuestionDot);

        /// <summary>
        /// Whether token <paramref name="i"/> stands where an object literal's property key goes: after its
        /// <c>{</c> or a <c>,</c> directly inside it, or after <c>get</c>, <c>set</c>, <c>async</c> or <c>*</c> there.
        /// </summary>
        private bool AtKey(int i, bool afterModifier)
        {
            var p = At(i - 1);
            if (i > 0 && (p.Is(JsPunct.LBrace) || p.Is(JsPunct.Comma)) && p.Bracket == JsBracket.Object)
            {
                return !afterModifier;
            }

            var isModifier = p.Is(JsPunct.Star) || (p.Kind == JsTokenKind.Identifier && p.Word is JsWord.Get or JsWord.Set or JsWord.Async);
            return afterModifier && isModifier && i > 1 && AtKey(i - 1, afterModifier: false);
        }

        private bool IsPropertyName(int i) => PrevIsDot(i) || AtKey(i, false) || AtKey(i, true);

        /// <summary>A key in an object literal: shorthand methods, shorthand properties, async methods.</summary>
        private void PropertyKey(int i, in JsToken t)
        {
            var next = At(i + 1);
            if (i + 1 >= _t.Length)
            {
                return;
            }

            if (next.Is(JsPunct.LParen))
            {
                Found(JsConstruct.ShorthandMethod, t);
            }
            else if (t.Kind == JsTokenKind.Identifier && (next.Is(JsPunct.Comma) || next.Is(JsPunct.RBrace)))
            {
                Found(JsConstruct.ShorthandProperty, t);
            }
            else if (t.Kind == JsTokenKind.Identifier && next.Is(JsPunct.Eq))
            {
                Found(JsConstruct.Destructuring, t);
            }
            else if (t.Is(JsWord.Async) && t.Kind == JsTokenKind.Identifier && !next.NewlineBefore
                && (next.Kind is JsTokenKind.Identifier or JsTokenKind.Keyword or JsTokenKind.String or JsTokenKind.Number
                    || next.Is(JsPunct.LBracket) || next.Is(JsPunct.Star)))
            {
                Found(JsConstruct.AsyncFunction, t);
            }
        }
    }
}
