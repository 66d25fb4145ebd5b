namespace Bundler.Core.JavaScript;

/// <summary>What a token is. Keywords are reserved words; contextual words (<c>let</c>, <c>of</c>) are identifiers.</summary>
internal enum JsTokenKind : byte
{
    EndOfInput,
    Identifier,
    Keyword,
    PrivateName,
    Punctuator,
    Number,
    String,
    RegExp,

    /// <summary><c>`...`</c>: a template with no substitution.</summary>
    Template,

    /// <summary><c>`...${</c></summary>
    TemplateHead,

    /// <summary><c>}...${</c></summary>
    TemplateMiddle,

    /// <summary><c>}...`</c></summary>
    TemplateTail,
}

[Flags]
internal enum JsTokenFlags : byte
{
    None = 0,

    /// <summary>A line terminator (possibly inside a comment) separates this token from the previous one.</summary>
    NewlineBefore = 1,

    /// <summary>An identifier written with <c>\u</c> escapes; never a keyword or contextual word.</summary>
    Escaped = 2,

    /// <summary>After this token a <c>/</c> starts a regular expression (the lexer's goal symbol for the next token).</summary>
    ExpressionAllowedAfter = 4,

    /// <summary>A <c>:</c> that closes a conditional expression <c>a ? b : c</c>.</summary>
    ConditionalColon = 8,
}

/// <summary>
/// What a bracket is, decided lexically. An opening or closing bracket token carries its own kind; every other
/// token carries the kind of the innermost bracket it is in (<see cref="TopLevel"/> outside all brackets).
/// </summary>
internal enum JsBracket : byte
{
    TopLevel,

    /// <summary>A statement block, function body or arrow body.</summary>
    Block,

    ClassBody,

    /// <summary>An object literal or object pattern.</summary>
    Object,

    /// <summary>An expression's parentheses, call arguments, arrow parameters.</summary>
    Paren,

    /// <summary>The head of <c>if</c>, <c>while</c>, <c>with</c>.</summary>
    StatementParen,

    /// <summary>The head of <c>for</c>.</summary>
    ForParen,

    /// <summary>The parameter list after <c>function</c>.</summary>
    Parameters,

    /// <summary>An array literal or array pattern.</summary>
    Array,

    /// <summary>A computed member access <c>a[b]</c>.</summary>
    Index,

    /// <summary>A template substitution <c>${ ... }</c>.</summary>
    Substitution,
}

/// <summary>One token: where it is (UTF-8 byte offsets, 1-based line) and what the lexer knew about it.</summary>
internal readonly record struct JsToken(
    JsTokenKind Kind, byte Id, JsTokenFlags Flags, JsBracket Bracket, int Start, int End, int Line)
{
    public int Length => End - Start;

    /// <summary>For <see cref="JsTokenKind.Punctuator"/>.</summary>
    public JsPunct Punct => Kind == JsTokenKind.Punctuator ? (JsPunct)Id : JsPunct.None;

    /// <summary>For keywords and the contextual words the stage cares about.</summary>
    public JsWord Word => Kind is JsTokenKind.Keyword or JsTokenKind.Identifier ? (JsWord)Id : JsWord.None;

    public bool NewlineBefore => (Flags & JsTokenFlags.NewlineBefore) != 0;

    public bool Is(JsPunct punct) => Kind == JsTokenKind.Punctuator && Id == (byte)punct;

    public bool Is(JsWord word) => Kind is JsTokenKind.Keyword or JsTokenKind.Identifier && Id == (byte)word;

    public bool IsTemplate => Kind >= JsTokenKind.Template;
}

/// <summary>A comment: <c>//...</c> (without its line terminator) or <c>/*...*/</c>.</summary>
internal readonly record struct JsComment(int Start, int End, int Line, bool IsBlock);
