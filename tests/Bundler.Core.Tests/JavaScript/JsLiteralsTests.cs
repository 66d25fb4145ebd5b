using System.Text;
using Bundler.Core.JavaScript;

namespace Bundler.Core.Tests.JavaScript;

public sealed class JsLiteralsTests
{
    [Theory]
    [InlineData("'plain'", "plain")]
    [InlineData("\"a\\nb\\tc\\\\d\\'e\\\"f\"", "a\nb\tc\\d'e\"f")]
    [InlineData("'\\x41\\u0042\\u{43}\\u{1F600}'", "ABC\U0001F600")]
    [InlineData("'\\0\\101\\7\\08'", "\0A\a\08")]
    [InlineData("'line\\\ncontinued\\\r\nagain'", "linecontinuedagain")]
    [InlineData("'ü\\ä'", "üä")]
    [InlineData("`a\r\nb\rc`", "a\nb\nc")]
    [InlineData("`\\``", "`")]
    public void Cooks_escapes_like_the_language(string literal, string expected) =>
        Assert.Equal(expected, JsLiterals.Cook(Encoding.UTF8.GetBytes(literal)));

    [Theory]
    [InlineData("'\\x4'")]
    [InlineData("'\\u12'")]
    [InlineData("'\\u{12'")]
    [InlineData("'\\u{110000}'")]
    [InlineData("'\\x'")]
    [InlineData("'\\'")]
    public void Malformed_escapes_have_no_value(string literal) => Assert.Null(JsLiterals.Cook(Encoding.UTF8.GetBytes(literal)));
}
