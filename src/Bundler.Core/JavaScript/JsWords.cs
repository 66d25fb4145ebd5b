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
        switch (s.Length)
        {
            case 2:
                return s[0] switch
                {
                    (byte)'d' when s[1] == 'o' => JsWord.Do,
                    (byte)'i' when s[1] == 'f' => JsWord.If,
                    (byte)'i' when s[1] == 'n' => JsWord.In,
                    (byte)'o' when s[1] == 'f' => JsWord.Of,
                    _ => JsWord.None,
                };
            case 3:
                return s.SequenceEqual("for"u8) ? JsWord.For
                    : s.SequenceEqual("new"u8) ? JsWord.New
                    : s.SequenceEqual("try"u8) ? JsWord.Try
                    : s.SequenceEqual("var"u8) ? JsWord.Var
                    : s.SequenceEqual("let"u8) ? JsWord.Let
                    : s.SequenceEqual("get"u8) ? JsWord.Get
                    : s.SequenceEqual("set"u8) ? JsWord.Set
                    : JsWord.None;
            case 4:
                return s.SequenceEqual("case"u8) ? JsWord.Case
                    : s.SequenceEqual("else"u8) ? JsWord.Else
                    : s.SequenceEqual("null"u8) ? JsWord.Null
                    : s.SequenceEqual("this"u8) ? JsWord.This
                    : s.SequenceEqual("true"u8) ? JsWord.True
                    : s.SequenceEqual("void"u8) ? JsWord.Void
                    : s.SequenceEqual("with"u8) ? JsWord.With
                    : s.SequenceEqual("meta"u8) ? JsWord.Meta
                    : JsWord.None;
            case 5:
                return s.SequenceEqual("break"u8) ? JsWord.Break
                    : s.SequenceEqual("catch"u8) ? JsWord.Catch
                    : s.SequenceEqual("class"u8) ? JsWord.Class
                    : s.SequenceEqual("const"u8) ? JsWord.Const
                    : s.SequenceEqual("false"u8) ? JsWord.False
                    : s.SequenceEqual("super"u8) ? JsWord.Super
                    : s.SequenceEqual("throw"u8) ? JsWord.Throw
                    : s.SequenceEqual("while"u8) ? JsWord.While
                    : s.SequenceEqual("async"u8) ? JsWord.Async
                    : s.SequenceEqual("await"u8) ? JsWord.Await
                    : s.SequenceEqual("yield"u8) ? JsWord.Yield
                    : JsWord.None;
            case 6:
                return s.SequenceEqual("delete"u8) ? JsWord.Delete
                    : s.SequenceEqual("export"u8) ? JsWord.Export
                    : s.SequenceEqual("import"u8) ? JsWord.Import
                    : s.SequenceEqual("return"u8) ? JsWord.Return
                    : s.SequenceEqual("switch"u8) ? JsWord.Switch
                    : s.SequenceEqual("typeof"u8) ? JsWord.Typeof
                    : s.SequenceEqual("static"u8) ? JsWord.Static
                    : s.SequenceEqual("target"u8) ? JsWord.Target
                    : JsWord.None;
            case 7:
                return s.SequenceEqual("default"u8) ? JsWord.Default
                    : s.SequenceEqual("extends"u8) ? JsWord.Extends
                    : s.SequenceEqual("finally"u8) ? JsWord.Finally
                    : s.SequenceEqual("require"u8) ? JsWord.Require
                    : JsWord.None;
            case 8:
                return s.SequenceEqual("continue"u8) ? JsWord.Continue
                    : s.SequenceEqual("debugger"u8) ? JsWord.Debugger
                    : s.SequenceEqual("function"u8) ? JsWord.Function
                    : JsWord.None;
            case 10:
                return s.SequenceEqual("instanceof"u8) ? JsWord.Instanceof : JsWord.None;
            default:
                return JsWord.None;
        }
    }

    /// <summary>
    /// Keywords after which an expression (and so a regular expression) may start: acorn's <c>beforeExpr</c>.
    /// </summary>
    public static bool IsBeforeExpression(JsWord word) => word is JsWord.Case or JsWord.Default or JsWord.Do
        or JsWord.Else or JsWord.Return or JsWord.Throw or JsWord.New or JsWord.Extends or JsWord.In
        or JsWord.Instanceof or JsWord.Typeof or JsWord.Void or JsWord.Delete;
}
