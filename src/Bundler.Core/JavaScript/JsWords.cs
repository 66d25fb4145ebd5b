namespace Bundler.Core.JavaScript;

/// <summary>
/// Reserved words (ECMAScript 2022 keywords plus the literals <c>null</c>, <c>true</c>, <c>false</c>), then the
/// contextual words the stage looks at. Only words up to <see cref="With"/> are tokenized as keywords.
/// </summary>
internal enum JsWord : byte
{
    None,
    Break,
    Case,
    Catch,
    Class,
    Const,
    Continue,
    Debugger,
    Default,
    Delete,
    Do,
    Else,
    Export,
    Extends,
    False,
    Finally,
    For,
    Function,
    If,
    Import,
    In,
    Instanceof,
    New,
    Null,
    Return,
    Super,
    Switch,
    This,
    Throw,
    True,
    Try,
    Typeof,
    Var,
    Void,
    While,
    With,

    // Contextual words: identifiers whose meaning depends on where they are.
    Async,
    Await,
    Get,
    Let,
    Meta,
    Of,
    Require,
    Set,
    Static,
    Target,
    Yield,
}

internal static class JsWords
{
    public static bool IsReserved(JsWord word) => word is > JsWord.None and <= JsWord.With;

    /// <summary>Classifies an unescaped identifier's bytes without allocating.</summary>
    public static JsWord Lookup(ReadOnlySpan<byte> s)
    {
        // Most identifiers are not words at all: reject them by length and first letter before comparing.
        if (s.Length < 2 || s.Length > 10 || s[0] < 'a' || s[0] > 'y')
        {
            return JsWord.None;
        }

        return s[0] switch
        {
            (byte)'a' => Is(s, "async"u8, JsWord.Async) | Is(s, "await"u8, JsWord.Await),
            (byte)'b' => Is(s, "break"u8, JsWord.Break),
            (byte)'c' => Is(s, "case"u8, JsWord.Case) | Is(s, "catch"u8, JsWord.Catch) | Is(s, "class"u8, JsWord.Class)
                | Is(s, "const"u8, JsWord.Const) | Is(s, "continue"u8, JsWord.Continue),
            (byte)'d' => Is(s, "do"u8, JsWord.Do) | Is(s, "debugger"u8, JsWord.Debugger) | Is(s, "default"u8, JsWord.Default)
                | Is(s, "delete"u8, JsWord.Delete),
            (byte)'e' => Is(s, "else"u8, JsWord.Else) | Is(s, "export"u8, JsWord.Export) | Is(s, "extends"u8, JsWord.Extends),
            (byte)'f' => Is(s, "for"u8, JsWord.For) | Is(s, "false"u8, JsWord.False) | Is(s, "finally"u8, JsWord.Finally)
                | Is(s, "function"u8, JsWord.Function),
            (byte)'g' => Is(s, "get"u8, JsWord.Get),
            (byte)'i' => Is(s, "if"u8, JsWord.If) | Is(s, "in"u8, JsWord.In) | Is(s, "import"u8, JsWord.Import)
                | Is(s, "instanceof"u8, JsWord.Instanceof),
            (byte)'l' => Is(s, "let"u8, JsWord.Let),
            (byte)'m' => Is(s, "meta"u8, JsWord.Meta),
            (byte)'n' => Is(s, "new"u8, JsWord.New) | Is(s, "null"u8, JsWord.Null),
            (byte)'o' => Is(s, "of"u8, JsWord.Of),
            (byte)'r' => Is(s, "return"u8, JsWord.Return) | Is(s, "require"u8, JsWord.Require),
            (byte)'s' => Is(s, "set"u8, JsWord.Set) | Is(s, "super"u8, JsWord.Super) | Is(s, "switch"u8, JsWord.Switch)
                | Is(s, "static"u8, JsWord.Static),
            (byte)'t' => Is(s, "try"u8, JsWord.Try) | Is(s, "this"u8, JsWord.This) | Is(s, "true"u8, JsWord.True)
                | Is(s, "throw"u8, JsWord.Throw) | Is(s, "typeof"u8, JsWord.Typeof) | Is(s, "target"u8, JsWord.Target),
            (byte)'v' => Is(s, "var"u8, JsWord.Var) | Is(s, "void"u8, JsWord.Void),
            (byte)'w' => Is(s, "while"u8, JsWord.While) | Is(s, "with"u8, JsWord.With),
            (byte)'y' => Is(s, "yield"u8, JsWord.Yield),
            _ => JsWord.None,
        };
    }

    // At most one candidate matches, so the results of several can be or-ed together.
    private static JsWord Is(ReadOnlySpan<byte> s, ReadOnlySpan<byte> word, JsWord value) =>
        s.Length == word.Length && s.SequenceEqual(word) ? value : JsWord.None;

    /// <summary>
    /// Keywords after which an expression (and so a regular expression) may start: acorn's <c>beforeExpr</c>.
    /// </summary>
    public static bool IsBeforeExpression(JsWord word) => word is JsWord.Case or JsWord.Default or JsWord.Do
        or JsWord.Else or JsWord.Return or JsWord.Throw or JsWord.New or JsWord.Extends or JsWord.In
        or JsWord.Instanceof or JsWord.Typeof or JsWord.Void or JsWord.Delete;
}
