using Bundler.Testing;

namespace Bundler.Integration.Tests.JavaScript;

/// <summary>Hand-picked hard cases, each a whole program, judged by acorn in one node process.</summary>
public sealed class EdgeCaseFixture : IDisposable
{
    private readonly TempDirectory _temp = new("ipm-js-edges");

    public EdgeCaseFixture()
    {
        var files = EdgeCases.All.Select((c, i) => ($"case{i}.js", _temp.Write($"case{i}.js", c))).ToList();
        Entries = AcornOracle.Run(files, _temp);
    }

    internal List<OracleEntry> Entries { get; }

    public void Dispose() => _temp.Dispose();
}

internal static class EdgeCases
{
    public static readonly string[] All =
    [
        // Regular expression or division, decided by what precedes.
        "if (a) /re/.test(b)",
        "x = (a) / b / c",
        "x = y\n/re/g.exec(z)",
        "function f() { return /re/ }",
        "x = typeof /re/",
        "x = {} / 2",
        "{} /re/.test(s)",
        "function f(){} /re/.test(s)",
        "x = function(){} / 2",
        "x = class {} / 2",
        "x = a++ / 2",
        "++/re/.lastIndex",
        "a\n++\nb",
        "switch (a) { case /x/: break }",
        "x = a ? /b/ : /c/",
        "x = a ? b : {}\n/foo/g",
        "x = {a: 1}\n/foo/g",
        "label: {}\n/foo/.test(a)",
        "do /x/.test(a); while (b)",
        "if (a) {} else /x/.test(b)",
        "f = x => /re/",
        "for (const m of /re/.exec(s)) {}",
        "function* g() { yield /re/ }",
        "function g() { var yield = 4; return yield / 2 / 1 }",
        "x = a ? function(){} : b\n/re/g",
        "x = [/a/, /b/g].length / 2",
        "x = a / /re/.lastIndex",
        "x = `${/}/.source}`",
        "x = a\n/b/c",
        "async function f() { for await (const x of y) {} }",
        "async function f() {} /re/.test(a)",

        // Regular expression bodies.
        "x = /[/]/",
        "x = /\\//g",
        "x = /a\\/b[\\]/]/gimsuy",
        "x = /(?<year>\\d{4})-(?<=a)(?<!b)/u",

        // Templates.
        "x = `a${ `b${ c }d` }e`",
        "x = `${{a: 1}.a}`",
        "x = `${a}${b}`",
        "x = `\\`` + `$` + `$\\{` + `${'}'}`",
        "x = tag`a${b}c`",
        "x = `line\r\nline`",

        // Numbers.
        "x = [0x1F, 0o17, 0b101, 017, 019, 019.5, 08.5, 1_000_000, 10n, 0x1fn, 1e10, 1.5e-3, .5, 5.]",
        "x = 1..toString() + 1 .toString() + 1.0.toString() + 1e3.toString() + 0x10.toString()",

        // Strings and identifiers.
        "x = ['a\\'b', \"\\\\\", '\\u{1F600}', 'a\\\nb', \"\\x41\", 'a\\\r\nb', '\\0']",
        "var \\u0061bc = 1, ünïcödé = 2, ℮ = 3, a\\u{62}c = 4, 𝑥 = 5, ゆ = 6",
        "x = '\u2028' + \"\u2029\"",
        "a = 1\u2028b = 2\u2029c = 3",
        "\uFEFFx = 1\u00A0+\u30002",

        // New operators.
        "x = [a?.b, a?.[0], a?.(), a ?.5:1, a ?? b]",
        "a ||= b; a &&= c; a ??= d; a **= 2; x = 2 ** 3",
        "class A { #x = 1; static #y; m() { return #x in this } }",
        "#!/usr/bin/env node\nvar a = 1",

        // Tokens that must not merge.
        "x = a < !--b",
        "x = a-- > b",
        "x = a + +b - -c + ++d - --e",
        "x = a+ +b",
        "x = a / /re/.lastIndex",
        "x = 1 .x + 1.5.x",
        "x = typeof typeof a in b instanceof c",
        "x = a ? .5 : 1",

        // Line breaks that automatic semicolon insertion depends on.
        "a\n(b)",
        "a\n[b]",
        "function f() { return\na }",
        "x\n++y",
        "var a = 1\nvar b = 2",
        "function f(){}\n(function(){})()",
        "x = function(){}\n(function(){})()",
        "a = b\n+c",
        "async\nfunction f(){}",
        "function* g() { yield\na }",
        "class A { x\ny\n['z'] = 1;\n*gen(){}\nstatic\nm(){}\nget\nn(){}\nstatic x = 1\n['w'] = 2 }",
        "l: for (;;) { break l\n; continue\nl }",
        "a\n{b}",
        "x = y\n{}",
        "var a = b\n/re/g.exec(c)",
        "i\n++\nj",
        "x = a\n`t`",

        // Semicolons before a closing brace.
        "{ if (a); }",
        "{ for(;;); }",
        "{ while (0); }",
        "{ a: ; }",
        "{ x = {}; }",
        "{ y = function(){}; }",
        "{ function g(){}; }",
        "do ; while (0)",
        "{ class B {}; }",
        "class C { x = 1; y; static z; m() {}; }",
        "async function f() { for await (const x of y); }",
        "x = a.default\nb = c.if\n{ d = e.return; f = g.class; }",
        "{ if (a) b; else; }",
        "{ with (a); }",

        // Words that are property names, not syntax.
        "x = a.class + a.let + a.import + a.export + a.const + a.super + a.function",
        "x = {class: 1, function: 2, if: 3, let: 4, import: 5, default: 6, new: 7}",
        "x = { get class() { return 1 }, set let(v) {}, get: 1, set: 2 }",
        "x = a?.class",
        "x = { function() {}, class() {}, delete() {} }",
        "let = 1; x = let[0]; x = let\nlet\nx = 1",
        "async(function(){}); x = async; async.each(a)",
        "var of = 1; for (of in x);",
        "x = { a: function () {}, b: 2 }\n/re/g",

        // ES2015+ constructs, one each.
        "x = a => a",
        "let y = 1",
        "const z = 1",
        "class D extends E { constructor() { super() } }",
        "x = `t`",
        "var {a, b: [c]} = d",
        "[a, b] = [b, a]",
        "({a} = b)",
        "f(...a)",
        "function f(a, ...b) {}",
        "function f(a = 1) {}",
        "function f({a}, [b]) {}",
        "for (x of y);",
        "function* g() {}",
        "x = { m() {} }",
        "x = { a, b }",
        "x = { [k]: 1 }",
        "function F() { return new.target }",
        "x = 0b11",
        "x = '\\u{41}'",
        "x = /a/y",
        "async function h() { await 1 }",
        "f(a,)",
        "try {} catch {}",
        "x = 1n",
        "x = 1_0",
        "x = { async m() {}, *n() {}, get [k]() {} }",
        "try {} catch ({message}) {}",
        "for (let [k, v] of m) {}",

        // require() calls.
        "var a = require('a'), b = require(\"b/c\"), c = require(`c`)",
        "require('x' + y); require(name); require(); require('a', 'b'); require(`a${b}`)",
        "x.require('no'); x?.require('no'); function require(m) {}; o = { require(a) { return a } }",
        "new require('n'); require(('p')); require\n('q'); require('\\x61\\u0062\\u{63}\\\nd')",
        "f(function () { return require('./in-' + 'fn') }, require('./after'))",
    ];
}

public sealed class EdgeCaseOracleTests(EdgeCaseFixture cases) : IClassFixture<EdgeCaseFixture>
{
    [Fact]
    public void Every_case_is_valid_javascript()
    {
        var bad = cases.Entries.Where(e => e.Unparseable is not null).Select(e => $"{Show(e)}: {e.Unparseable}").ToList();
        Assert.True(bad.Count == 0, string.Join('\n', bad));
    }

    [Fact]
    public void Tokens_match_acorn()
    {
        var bad = cases.Entries.Where(e => e.Unparseable is null && (e.OurError is not null || e.TokenMismatch is not null))
            .Select(e => $"{Show(e)}: {e.OurError ?? e.TokenMismatch}").ToList();
        Assert.True(bad.Count == 0, string.Join('\n', bad));
    }

    [Fact]
    public void Minified_trees_match_acorn()
    {
        var bad = cases.Entries.Where(e => e.Unparseable is null && e.AstDiff is not null)
            .Select(e => $"{Show(e)} -> {Show(e.Minified!.Code)}: {e.AstDiff}").ToList();
        Assert.True(bad.Count == 0, string.Join('\n', bad));
    }

    [Fact]
    public void Es51_findings_exactly_where_acorn_rejects_ecmascript_5()
    {
        var bad = cases.Entries.Where(e => e.Unparseable is null && e.Document is not null && e.ParsesAsEs5 == (e.Es51Findings.Count > 0))
            .Select(e => e.ParsesAsEs5
                ? $"{Show(e)}: ES5, yet we found {e.Es51Findings[0].Description}"
                : $"{Show(e)}: not ES5 ({e.Es5Error}), yet no finding")
            .ToList();
        Assert.True(bad.Count == 0, string.Join('\n', bad));
    }

    [Fact]
    public void Require_calls_match_acorns_tree()
    {
        var bad = cases.Entries.Where(e => e.Unparseable is null && e.Requires is not null && AcornOracle.CompareRequires(e) is not null)
            .Select(e => $"{Show(e)}: {AcornOracle.CompareRequires(e)}").ToList();
        Assert.True(bad.Count == 0, string.Join('\n', bad));
    }

    private static string Show(OracleEntry e) => Show(e.Bytes);

    private static string Show(byte[] bytes) =>
        System.Text.Json.JsonSerializer.Serialize(System.Text.Encoding.UTF8.GetString(bytes));
}
