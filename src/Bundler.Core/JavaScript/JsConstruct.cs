using Bundler.Core.Diagnostics;

namespace Bundler.Core.JavaScript;

/// <summary>The engine the bundle runs on: JerryScript's default <c>es5.1</c> profile, or <c>es.next</c>.</summary>
internal enum EngineProfile
{
    Es51,
    EsNext,
}

internal static class EngineProfiles
{
    /// <summary>Reads <c>es5.1</c> or <c>es.next</c> (the IoT.js build's <c>--jerry-profile</c> names).</summary>
    public static EngineProfile Parse(string value) => value switch
    {
        "es5.1" => EngineProfile.Es51,
        "es.next" => EngineProfile.EsNext,
        _ => throw new IpmException(Messages.UnknownEngineProfile(value)),
    };

    public static string Name(EngineProfile profile) => profile == EngineProfile.Es51 ? "es5.1" : "es.next";
}

/// <summary>Syntax the preflight recognizes. Module syntax first; then what needs more than ECMAScript 5.1.</summary>
internal enum JsConstruct : byte
{
    ImportDeclaration,
    ExportDeclaration,
    DynamicImport,
    ImportMeta,

    ArrowFunction,
    LetDeclaration,
    ConstDeclaration,
    Class,
    TemplateLiteral,
    Destructuring,
    SpreadOrRest,
    DefaultParameter,
    ForOf,
    Generator,
    ShorthandMethod,
    ShorthandProperty,
    ComputedProperty,
    NewTarget,
    BinaryOrOctalLiteral,
    CodePointEscape,
    RegExpFlag,
    ExponentOperator,
    AsyncFunction,
    TrailingCommaInCall,
    RegExpNamedGroupOrLookbehind,
    OptionalCatchBinding,
    LineSeparatorInString,
    BigInt,
    OptionalChaining,
    NullishCoalescing,
    LogicalAssignment,

    // Keep last: the preflight sizes its table by it.
    NumericSeparator,
}

/// <summary>One construct found in a file: the first place it occurs.</summary>
internal sealed record SyntaxFinding(string File, int Line, JsConstruct Construct)
{
    public bool IsModuleSyntax => Construct <= JsConstruct.ImportMeta;

    /// <summary>What the user reads, e.g. <c>arrow function (ES2015)</c>.</summary>
    public string Description => Describe(Construct);

    /// <summary>IPM6002 for module syntax, IPM6001 for syntax the profile lacks.</summary>
    public Diagnostic ToDiagnostic(EngineProfile profile) => IsModuleSyntax
        ? Messages.EsModuleSyntax(File, Line, Description)
        : Messages.UnsupportedSyntax(File, Line, Description, EngineProfiles.Name(profile));

    public static string Describe(JsConstruct c) => c switch
    {
        JsConstruct.ImportDeclaration => "an import declaration",
        JsConstruct.ExportDeclaration => "an export declaration",
        JsConstruct.DynamicImport => "import()",
        JsConstruct.ImportMeta => "import.meta",
        JsConstruct.ArrowFunction => "arrow function (ES2015)",
        JsConstruct.LetDeclaration => "let declaration (ES2015)",
        JsConstruct.ConstDeclaration => "const declaration (ES2015)",
        JsConstruct.Class => "class (ES2015)",
        JsConstruct.TemplateLiteral => "template literal (ES2015)",
        JsConstruct.Destructuring => "destructuring (ES2015)",
        JsConstruct.SpreadOrRest => "spread or rest '...' (ES2015)",
        JsConstruct.DefaultParameter => "default parameter (ES2015)",
        JsConstruct.ForOf => "for-of loop (ES2015)",
        JsConstruct.Generator => "generator function (ES2015)",
        JsConstruct.ShorthandMethod => "shorthand method (ES2015)",
        JsConstruct.ShorthandProperty => "shorthand property (ES2015)",
        JsConstruct.ComputedProperty => "computed property name (ES2015)",
        JsConstruct.NewTarget => "new.target (ES2015)",
        JsConstruct.BinaryOrOctalLiteral => "binary or octal literal 0b/0o (ES2015)",
        JsConstruct.CodePointEscape => "code point escape \\u{...} (ES2015)",
        JsConstruct.RegExpFlag => "regular expression flag u, y, s or d (ES2015+)",
        JsConstruct.ExponentOperator => "exponent operator ** (ES2016)",
        JsConstruct.AsyncFunction => "async function (ES2017)",
        JsConstruct.TrailingCommaInCall => "trailing comma in arguments or parameters (ES2017)",
        JsConstruct.RegExpNamedGroupOrLookbehind => "regular expression named group or lookbehind (ES2018)",
        JsConstruct.OptionalCatchBinding => "catch without a binding (ES2019)",
        JsConstruct.LineSeparatorInString => "U+2028/U+2029 in a string literal (ES2019)",
        JsConstruct.BigInt => "BigInt literal (ES2020)",
        JsConstruct.OptionalChaining => "optional chaining ?. (ES2020)",
        JsConstruct.NullishCoalescing => "nullish coalescing ?? (ES2020)",
        JsConstruct.LogicalAssignment => "logical assignment &&=, ||=, ??= (ES2021)",
        JsConstruct.NumericSeparator => "numeric separator 1_000 (ES2021)",
        _ => c.ToString(),
    };
}
