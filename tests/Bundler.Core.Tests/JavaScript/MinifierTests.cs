using System.Text;
using Bundler.Core.JavaScript;

namespace Bundler.Core.Tests.JavaScript;

/// <summary>
/// Expected outputs worked out by hand from the rules; that minified code means the same as the original is
/// proven against acorn on the corpus and the edge cases in Bundler.Integration.Tests.
/// </summary>
public sealed class MinifierTests
{
    private static string Min(string source) =>
        Encoding.UTF8.GetString(Minifier.Minify(Encoding.UTF8.GetBytes(source), "t.js").Code);

    [Theory]
    [InlineData("var  a = 1 ;\n\n  var b = 2", "var a=1;var b=2")]
    [InlineData("function f ( a , b ) {\n  return a + b ;\n}\n", "function f(a,b){return a+b}")]
    [InlineData("x = a + +b - -c + ++d - --e", "x=a+ +b- -c+ ++d- --e")]
    [InlineData("x = a < !--b; y = a-- > b", "x=a< !--b;y=a-- >b")]
    [InlineData("x = a / /re/.lastIndex", "x=a/ /re/.lastIndex")]
    [InlineData("x = 1 .toString() + 1.5 .toFixed()", "x=1 .toString()+1.5 .toFixed()")]
    [InlineData("x = typeof a in b instanceof c", "x=typeof a in b instanceof c")]
    [InlineData("x = /re/g in y", "x=/re/g in y")]
    [InlineData("x = a ? .5 : 1", "x=a? .5:1")]
    [InlineData("return\"s\" , void 0", "return\"s\",void 0")]
    public void Keeps_only_the_spaces_that_separate_tokens(string source, string expected) =>
        Assert.Equal(expected, Min(source));

    [Theory]
    [InlineData("a = b\nc = d", "a=b\nc=d")]
    [InlineData("function f() {\n  return\n  a\n}", "function f(){return\na}")]
    [InlineData("a\n++b", "a\n++b")]
    [InlineData("a = b\n  .c()\n  .d()", "a=b.c().d()")]
    [InlineData("a = [\n  1,\n  2\n]", "a=[1,2]")]
    [InlineData("x = a\n  + b", "x=a\n+b")]
    [InlineData("async\nfunction f() {}", "async\nfunction f(){}")]
    [InlineData("a /*\n*/ b", "a\nb")]
    [InlineData("a\u2028b", "a\nb")]
    [InlineData("a = 1\r\nb = 2", "a=1\nb=2")]
    [InlineData("x = a\n/ 2", "x=a/2")]
    [InlineData("x = a.default\nb = c.if", "x=a.default\nb=c.if")]
    public void Keeps_a_line_break_where_a_statement_may_end_and_another_begin(string source, string expected) =>
        Assert.Equal(expected, Min(source));

    [Theory]
    [InlineData("{ a = 1; }", "{a=1}")]
    [InlineData("function f() { return; }", "function f(){return}")]
    [InlineData("x = { y: 1 };\n{ z = {}; }", "x={y:1};{z={}}")]
    [InlineData("{ if (a); }", "{if(a);}")]
    [InlineData("{ for (;;); }", "{for(;;);}")]
    [InlineData("{ a: ; }", "{a:;}")]
    [InlineData("{ if (a) b; else; }", "{if(a)b;else;}")]
    [InlineData("{ function g() {}; }", "{function g(){};}")]
    [InlineData("{ y = function () {}; }", "{y=function(){}}")]
    [InlineData("class C { x = 1; m() {}; }", "class C{x=1;m(){};}")]
    [InlineData("async function f() { for await (const x of y); }", "async function f(){for await(const x of y);}")]
    [InlineData("{ d = e.return; f = g.class; }", "{d=e.return;f=g.class}")]
    public void Drops_a_semicolon_before_a_closing_brace_unless_it_is_an_empty_statement(string source, string expected) =>
        Assert.Equal(expected, Min(source));

    [Fact]
    public void Copies_strings_templates_and_regular_expressions_byte_for_byte()
    {
        const string source = "x = 'a  b\\\n  c' + \"ü\u2028\" + `t  ${ y  +  1 }\r\n  u` + /  [/ ]  /g";
        const string expected = "x='a  b\\\n  c'+\"ü\u2028\"+`t  ${y+1}\r\n  u`+/  [/ ]  /g";
        var result = Minifier.Minify(Encoding.UTF8.GetBytes(source), "t.js").Code;
        Assert.Equal(Encoding.UTF8.GetBytes(expected), result);
    }

    [Fact]
    public void Drops_hashbang_and_byte_order_mark()
    {
        Assert.Equal("var a=1", Min("\uFEFF#!/usr/bin/env node\nvar a = 1\n"));
    }

    [Fact]
    public void Collects_license_comments_with_file_and_line_and_removes_them_from_the_code()
    {
        const string source = "/*!\n * lib v1 | MIT\n */\n// plain\n/** @license Apache-2.0 */\nvar a = 1 /* @PRESERVE me */\n// @license line";
        var result = Minifier.Minify(Encoding.UTF8.GetBytes(source), "lib/index.js");
        Assert.Equal("var a=1", Encoding.UTF8.GetString(result.Code));
        Assert.Equal(
            [
                new JsNotice("lib/index.js", 1, "/*!\n * lib v1 | MIT\n */"),
                new JsNotice("lib/index.js", 5, "/** @license Apache-2.0 */"),
                new JsNotice("lib/index.js", 6, "/* @PRESERVE me */"),
                new JsNotice("lib/index.js", 7, "// @license line"),
            ],
            result.Notices);
    }
}
