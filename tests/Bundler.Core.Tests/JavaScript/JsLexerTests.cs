using System.Text;
using Bundler.Core.Diagnostics;
using Bundler.Core.JavaScript;

namespace Bundler.Core.Tests.JavaScript;

/// <summary>
/// Hand-written expectations for the lexer's hard cases. The same kinds of cases, and every token of the corpus,
/// are also compared with acorn in Bundler.Integration.Tests (EdgeCaseOracleTests, CorpusOracleTests).
/// </summary>
public sealed class JsLexerTests
{
    internal static List<JsToken> Tokens(string source, out JsDocument doc)
    {
        doc = JsDocument.Read(Encoding.UTF8.GetBytes(source), "test.js");
        return [.. doc.Tokens];
    }

    private static string Kinds(string source)
    {
        var tokens = Tokens(source, out var doc);
        return string.Join(" ", tokens.Select(t => $"{Letter(t.Kind)}:{doc.TextOf(t)}"));
    }

    private static string Letter(JsTokenKind k) => k switch
    {
        JsTokenKind.Identifier => "id",
        JsTokenKind.Keyword => "kw",
        JsTokenKind.PrivateName => "priv",
        JsTokenKind.Punctuator => "p",
        JsTokenKind.Number => "num",
        JsTokenKind.String => "str",
        JsTokenKind.RegExp => "re",
        _ => "tpl",
    };

    [Theory]
    [InlineData("if (a) /b/g.test(c)", "kw:if p:( id:a p:) re:/b/g p:. id:test p:( id:c p:)")]
    [InlineData("(a) / b / c", "p:( id:a p:) p:/ id:b p:/ id:c")]
    [InlineData("while (x) /=/.exec(y)", "kw:while p:( id:x p:) re:/=/ p:. id:exec p:( id:y p:)")]
    [InlineData("a /= 2", "id:a p:/= num:2")]
    [InlineData("return /x/", "kw:return re:/x/")]
    [InlineData("typeof /x/", "kw:typeof re:/x/")]
    [InlineData("x = {} / 2", "id:x p:= p:{ p:} p:/ num:2")]
    [InlineData("{} /x/", "p:{ p:} re:/x/")]
    [InlineData("function f() {} /x/", "kw:function id:f p:( p:) p:{ p:} re:/x/")]
    [InlineData("x = function () {} / 2", "id:x p:= kw:function p:( p:) p:{ p:} p:/ num:2")]
    [InlineData("x = async function () {} / 2", "id:x p:= id:async kw:function p:( p:) p:{ p:} p:/ num:2")]
    [InlineData("a++ / 2", "id:a p:++ p:/ num:2")]
    [InlineData("x = a ? b : {} / 2", "id:x p:= id:a p:? id:b p:: p:{ p:} p:/ num:2")]
    [InlineData("x.return / 2", "id:x p:. kw:return p:/ num:2")]
    [InlineData("for (x of /a/g) ;", "kw:for p:( id:x id:of re:/a/g p:) p:;")]
    [InlineData("x = /[/]\\//", "id:x p:= re:/[/]\\//")]
    [InlineData("a\n/b/g", "id:a p:/ id:b p:/ id:g")]
    public void Slash_is_a_regular_expression_only_where_an_expression_may_start(string source, string expected) =>
        Assert.Equal(expected, Kinds(source));

    [Theory]
    [InlineData("0x1F 0o17 0b101 017 019 08.5 1_000 10n 0x1fn 1e10 1.5e-3 .5 5.",
        "num:0x1F num:0o17 num:0b101 num:017 num:019 num:08.5 num:1_000 num:10n num:0x1fn num:1e10 num:1.5e-3 num:.5 num:5.")]
    [InlineData("1..x 1 .x 017.5", "num:1. p:. id:x num:1 p:. id:x num:017 num:.5")]
    [InlineData("a?.5:1", "id:a p:? num:.5 p:: num:1")]
    [InlineData("a?.b", "id:a p:?. id:b")]
    public void Numbers_take_every_ES2022_form(string source, string expected) => Assert.Equal(expected, Kinds(source));

    [Fact]
    public void Templates_nest_inside_substitutions()
    {
        Assert.Equal("tpl:`a${ tpl:`b${ id:c tpl:}d` tpl:}e`", Kinds("`a${`b${c}d`}e`"));
        Assert.Equal("tpl:`${ p:{ id:a p:: num:1 p:} p:. id:a tpl:}`", Kinds("`${{a:1}.a}`"));
        Assert.Equal("tpl:`\\`$\\{$`", Kinds("`\\`$\\{$`"));
        Assert.Equal("tpl:`${ re:/}/ tpl:}`", Kinds("`${/}/}`"));
    }

    [Fact]
    public void Identifiers_may_hold_escapes_and_non_ascii_letters()
    {
        Assert.Equal("kw:var id:\\u0061b id:ünï id:℮ id:a\\u{62} id:𝑥", Kinds("var \\u0061b ünï ℮ a\\u{62} 𝑥"));
        var tokens = Tokens("\\u0069f", out _);
        Assert.Equal(JsTokenKind.Identifier, tokens[0].Kind); // an escaped keyword is never the keyword
        Assert.Equal(JsTokenFlags.Escaped, tokens[0].Flags & JsTokenFlags.Escaped);
    }

    [Fact]
    public void Offsets_are_utf8_bytes_and_lines_count_every_line_terminator()
    {
        var tokens = Tokens("é = 'ü'\r\nb\rc\u2028d\u2029e /*\n*/ f // x\ng", out _);
        Assert.Equal([(0, 2, 1), (3, 4, 1), (5, 9, 1), (11, 12, 2), (13, 14, 3), (17, 18, 4), (21, 22, 5), (29, 30, 6), (36, 37, 7)],
            tokens.Select(t => (t.Start, t.End, t.Line)));
        Assert.Equal([false, false, false, true, true, true, true, true, true], tokens.Select(t => t.NewlineBefore));
    }

    [Fact]
    public void Hashbang_and_byte_order_mark_are_skipped_and_comments_collected()
    {
        var comments = new List<JsComment>();
        var lexer = new JsLexer(Encoding.UTF8.GetBytes("\uFEFF#!/usr/bin/env node\n/*! keep */ a // tail"), "t.js", comments);
        var a = lexer.Next();
        Assert.Equal((JsTokenKind.Identifier, 2), (a.Kind, a.Line));
        Assert.Equal(JsTokenKind.EndOfInput, lexer.Next().Kind);
        Assert.Equal([(true, 2), (false, 2)], comments.Select(c => (c.IsBlock, c.Line)));
    }

    [Fact]
    public void Strings_keep_escaped_quotes_and_line_continuations()
    {
        Assert.Equal("str:'a\\'b' str:\"\\\\\" str:'x\\\ny' id:z", Kinds("'a\\'b' \"\\\\\" 'x\\\ny' z"));
        Assert.Equal(2, Tokens("'x\\\ny' z", out _)[1].Line);
    }

    [Fact]
    public void Brackets_are_classified()
    {
        var tokens = Tokens("if (a) { x = {b: [c[0]]}; for (;;) f(function (p) {}) }", out var doc);
        string Of(string text, int nth = 0) => tokens.Where(t => doc.TextOf(t) == text).Select(t => t.Bracket.ToString()).ElementAt(nth);
        Assert.Equal("StatementParen", Of("("));
        Assert.Equal("Block", Of("{"));
        Assert.Equal("Object", Of("{", 1));
        Assert.Equal("Array", Of("["));
        Assert.Equal("Index", Of("[", 1));
        Assert.Equal("ForParen", Of("(", 1));
        Assert.Equal("Parameters", Of("(", 3));
        Assert.Equal("Object", Of("b"));
    }

    [Theory]
    [InlineData("x = 'abc", 1, "unterminated string")]
    [InlineData("x = 1\ny = \"a\nb\"", 2, "unterminated string")]
    [InlineData("x = `a${b}\n", 1, "unterminated template")]
    [InlineData("\n\nx = /ab\n/", 3, "unterminated regular expression")]
    [InlineData("a /* b", 1, "unterminated comment")]
    [InlineData("f(a]", 1, "unexpected ']'")]
    [InlineData("function f() {\n  return 1\n", 1, "never closed")]
    [InlineData("x = 3in y", 1, "identifier starts immediately after a number")]
    [InlineData("x = a @ b", 1, "unexpected character '@'")]
    public void Malformed_input_is_IPM6004_with_file_and_line(string source, int line, string what)
    {
        var e = Assert.Throws<IpmException>(() => JsDocument.Read(Encoding.UTF8.GetBytes(source), "pkg/bad.js"));
        Assert.Equal("IPM6004", e.Code);
        Assert.Equal(("pkg/bad.js", line), (e.Diagnostic.File, e.Diagnostic.Line));
        Assert.Contains(what, e.Message, StringComparison.Ordinal);
    }
}
