using System.Text;
using Bundler.Core.Diagnostics;
using Bundler.Core.JavaScript;

namespace Bundler.Core.Tests.JavaScript;

/// <summary>
/// One case per construct. That ES5 files get no finding and later files at least one is checked against acorn's
/// ecmaVersion 5 parser on the corpus and the edge cases in Bundler.Integration.Tests.
/// </summary>
public sealed class SyntaxPreflightTests
{
    private static IReadOnlyList<SyntaxFinding> Check(string source, EngineProfile profile = EngineProfile.Es51) =>
        SyntaxPreflight.Check(Encoding.UTF8.GetBytes(source), "pkg/lib.js", profile);

    [Theory]
    [InlineData("var f = (a) => a", nameof(JsConstruct.ArrowFunction))]
    [InlineData("let x = 1", nameof(JsConstruct.LetDeclaration))]
    [InlineData("let {a} = b", nameof(JsConstruct.LetDeclaration))]
    [InlineData("for (let [a] = [1];;) break", nameof(JsConstruct.LetDeclaration))]
    [InlineData("const x = 1", nameof(JsConstruct.ConstDeclaration))]
    [InlineData("class A {}", nameof(JsConstruct.Class))]
    [InlineData("x = `t`", nameof(JsConstruct.TemplateLiteral))]
    [InlineData("var {a} = b", nameof(JsConstruct.Destructuring))]
    [InlineData("[a, b] = [b, a]", nameof(JsConstruct.Destructuring))]
    [InlineData("function f([a]) {}", nameof(JsConstruct.Destructuring))]
    [InlineData("try {} catch ({message}) {}", nameof(JsConstruct.Destructuring))]
    [InlineData("f(...args)", nameof(JsConstruct.SpreadOrRest))]
    [InlineData("function f(a, b = 2) {}", nameof(JsConstruct.DefaultParameter))]
    [InlineData("for (var x of xs) {}", nameof(JsConstruct.ForOf))]
    [InlineData("function* g() { yield 1 }", nameof(JsConstruct.Generator))]
    [InlineData("o = { a: 1, *g() {} }", nameof(JsConstruct.Generator))]
    [InlineData("o = { m() {} }", nameof(JsConstruct.ShorthandMethod))]
    [InlineData("o = { a, b }", nameof(JsConstruct.ShorthandProperty))]
    [InlineData("o = { [k]: 1 }", nameof(JsConstruct.ComputedProperty))]
    [InlineData("function F() { return new.target }", nameof(JsConstruct.NewTarget))]
    [InlineData("x = 0b1010", nameof(JsConstruct.BinaryOrOctalLiteral))]
    [InlineData("x = 0O17", nameof(JsConstruct.BinaryOrOctalLiteral))]
    [InlineData("x = '\\u{1F600}'", nameof(JsConstruct.CodePointEscape))]
    [InlineData("var \\u{61} = 1", nameof(JsConstruct.CodePointEscape))]
    [InlineData("x = /a/u", nameof(JsConstruct.RegExpFlag))]
    [InlineData("x = /a/s", nameof(JsConstruct.RegExpFlag))]
    [InlineData("x = 2 ** 10", nameof(JsConstruct.ExponentOperator))]
    [InlineData("async function f() {}", nameof(JsConstruct.AsyncFunction))]
    [InlineData("o = { async m() {} }", nameof(JsConstruct.AsyncFunction))]
    [InlineData("f(a, b,)", nameof(JsConstruct.TrailingCommaInCall))]
    [InlineData("x = /(?<y>\\d+)/", nameof(JsConstruct.RegExpNamedGroupOrLookbehind))]
    [InlineData("x = /(?<!a)b/", nameof(JsConstruct.RegExpNamedGroupOrLookbehind))]
    [InlineData("try { f() } catch { g() }", nameof(JsConstruct.OptionalCatchBinding))]
    [InlineData("x = '\u2028'", nameof(JsConstruct.LineSeparatorInString))]
    [InlineData("x = 10n", nameof(JsConstruct.BigInt))]
    [InlineData("x = a?.b", nameof(JsConstruct.OptionalChaining))]
    [InlineData("x = a ?? b", nameof(JsConstruct.NullishCoalescing))]
    [InlineData("a ||= b", nameof(JsConstruct.LogicalAssignment))]
    [InlineData("x = 1_000", nameof(JsConstruct.NumericSeparator))]
    public void Each_ES2015_plus_construct_is_found_under_es51(string source, string constructName)
    {
        var construct = Enum.Parse<JsConstruct>(constructName);
        var finding = Assert.Single(Check("// header\n" + source), f => f.Construct == construct);
        Assert.Equal(("pkg/lib.js", 2), (finding.File, finding.Line));
        Assert.Empty(Check(source, EngineProfile.EsNext));
    }

    [Theory]
    [InlineData("x = a.class + a.let + a.import + a.export + a.const + a.super")]
    [InlineData("x = { class: 1, function: 2, let: 3, import: 4, export: 5, default: 6, const: 7 }")]
    [InlineData("x = { get class() { return 1 }, set let(v) {}, get: 1, set: 2, async: 3 }")]
    [InlineData("let = 1; x = let[0]; y = let\nlet\nz = 1")]
    [InlineData("async(function () {}); async.each(a, b); x = async")]
    [InlineData("var of = 1, yield = 2, await = 3; for (of in x);")]
    [InlineData("x = a ? .5 : 1; x = /a/gim; y = 017 + 0x1F; s = '\\\\u{41}'")]
    [InlineData("if (a) { [1, 2].forEach(f) } else { b() }\ndo { c(); } while (d)")]
    [InlineData("x = a[0] = b; x = {}[k]; ({ a: [1] }).a[0] = 2")]
    public void ES5_code_yields_nothing(string source) => Assert.Empty(Check(source));

    [Theory]
    [InlineData("import x from 'y'", nameof(JsConstruct.ImportDeclaration), "an import declaration")]
    [InlineData("export default 1", nameof(JsConstruct.ExportDeclaration), "an export declaration")]
    [InlineData("x = import('y')", nameof(JsConstruct.DynamicImport), "import()")]
    [InlineData("x = import.meta.url", nameof(JsConstruct.ImportMeta), "import.meta")]
    public void Module_syntax_is_an_error_under_both_profiles(string source, string constructName, string description)
    {
        var construct = Enum.Parse<JsConstruct>(constructName);
        foreach (var profile in new[] { EngineProfile.Es51, EngineProfile.EsNext })
        {
            var finding = Assert.Single(Check(source, profile), f => f.IsModuleSyntax);
            Assert.Equal(construct, finding.Construct);
            var d = finding.ToDiagnostic(profile);
            Assert.Equal(("IPM6002", Severity.Error), (d.Code, d.Severity));
            Assert.Equal($"pkg/lib.js(1): error IPM6002: {description} is ES module syntax, which IoT.js cannot load (it runs CommonJS modules); use a CommonJS build of the package", d.ToString());
        }
    }

    [Fact]
    public void Findings_are_ordered_by_line_once_per_construct_and_carry_the_hint()
    {
        var findings = Check("var a = 1\nconst b = () => 2\nconst c = () => `x`\nclass D {}");
        Assert.Equal(
            [(2, JsConstruct.ArrowFunction), (2, JsConstruct.ConstDeclaration), (3, JsConstruct.TemplateLiteral), (4, JsConstruct.Class)],
            findings.Select(f => (f.Line, f.Construct)));
        var d = findings[0].ToDiagnostic(EngineProfile.Es51);
        Assert.Equal("pkg/lib.js(2): error IPM6001: arrow function (ES2015) is not supported by the es5.1 engine profile; "
            + "build IoT.js with --jerry-profile=es.next and bundle with the es.next engine profile, or use a version of the package that ships ES5",
            d.ToString());
    }

    [Fact]
    public void Engine_profiles_are_read_by_their_jerry_names()
    {
        Assert.Equal(EngineProfile.Es51, EngineProfiles.Parse("es5.1"));
        Assert.Equal(EngineProfile.EsNext, EngineProfiles.Parse("es.next"));
        var e = Assert.Throws<IpmException>(() => EngineProfiles.Parse("es2015"));
        Assert.Equal("error IPM6005: unknown engine profile 'es2015': expected es5.1 or es.next", e.Diagnostic.ToString());
    }
}
