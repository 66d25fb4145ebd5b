using Bundler.Core.Registry;

namespace Bundler.Core.Tests.Registry;

/// <summary>The text rules of an .npmrc: the ini package's parser and npm's ${VAR} expansion.</summary>
public sealed class NpmrcTests
{
    private static Dictionary<string, string?> Parse(string text)
    {
        var result = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (k, v) in Npmrc.Parse(text))
        {
            result[k] = v;
        }

        return result;
    }

    [Fact]
    public void Comment_lines_and_blank_lines_are_skipped()
    {
        var values = Parse("; a comment\n# another\n   ; indented comment\n\n   \nregistry=http://r.test/\n");

        Assert.Equal(["registry"], values.Keys);
        Assert.Equal("http://r.test/", values["registry"]);
    }

    [Theory]
    [InlineData("registry = http://r.test/ ", "http://r.test/")]
    [InlineData("registry=http://r.test/ ; trailing comment", "http://r.test/")]
    [InlineData("registry=http://r.test/#fragment-is-a-comment", "http://r.test/")]
    [InlineData("registry=a\\;b\\#c", "a;b#c")]
    [InlineData("registry=a\\\\b", "a\\b")]
    [InlineData("registry=a\\nb", "a\\nb")]
    [InlineData("registry=ends\\", "ends\\")]
    [InlineData("registry=\"quoted ; not a comment\"", "quoted ; not a comment")]
    [InlineData("registry=\"json \\\"escapes\\\" \\u0041\"", "json \"escapes\" A")]
    [InlineData("registry='single # kept'", "single # kept")]
    [InlineData("registry=\"unterminated", "\"unterminated")]
    [InlineData("registry=a=b=c", "a=b=c")]
    [InlineData("registry=", "")]
    public void Values_follow_the_ini_packages_quoting_and_comment_rules(string line, string expected)
    {
        Assert.Equal(expected, Parse(line)["registry"]);
    }

    [Fact]
    public void A_key_without_a_value_is_true_and_null_or_false_mean_unset()
    {
        var values = Parse("always-auth\nregistry=null\n//h/:_authToken=false\nother=\"null\"\n//h.test/:_authToken=null\n");

        Assert.Equal("true", values["always-auth"]);
        Assert.Null(values["registry"]);
        Assert.Null(values["//h/:_authToken"]);
        Assert.Null(values["other"]);
        // ini moves a null under a dotted key into a nested section, so for npm that line sets nothing at all.
        Assert.False(values.ContainsKey("//h.test/:_authToken"));
    }

    [Fact]
    public void Keys_after_a_section_header_belong_to_that_section_and_are_not_read()
    {
        var values = Parse("registry=http://top.test/\n[section]\nregistry=http://inside.test/\n@s:registry=http://s.test/\n");

        Assert.Equal("http://top.test/", values["registry"]);
        Assert.False(values.ContainsKey("@s:registry"));
    }

    [Fact]
    public void Keys_are_trimmed_and_unquoted_and_later_duplicates_win()
    {
        var pairs = Npmrc.Parse("  \"//h/:_authToken\"  = one\r\n//h/:_authToken=two\r\nlist[]=a\n=no key\n");

        Assert.Equal(
            [new("//h/:_authToken", "one"), new("//h/:_authToken", "two")],
            pairs);
    }

    [Theory]
    [InlineData("${TOKEN}", "secret")]
    [InlineData("a-${TOKEN}-b", "a-secret-b")]
    [InlineData("${EMPTY}", "")]
    [InlineData("${UNSET}", "${UNSET}")]
    [InlineData("${UNSET?}", "")]
    [InlineData("${TOKEN?}", "secret")]
    [InlineData("\\${TOKEN}", "${TOKEN}")]
    [InlineData("\\\\${TOKEN}", "\\secret")]
    [InlineData("\\\\\\${TOKEN}", "\\${TOKEN}")]
    [InlineData("$TOKEN", "$TOKEN")]
    [InlineData("${TO KEN}", "${TO KEN}")]
    [InlineData("${A}${B}", "ab")]
    public void Environment_variables_expand_as_npm_expands_them(string text, string expected)
    {
        var env = new Dictionary<string, string?> { ["TOKEN"] = "secret", ["EMPTY"] = "", ["A"] = "a", ["B"] = "b" };

        Assert.Equal(expected, Npmrc.ExpandEnv(text, env));
    }

    [Fact]
    public void Only_unset_variables_without_a_question_mark_are_reported()
    {
        var missing = new List<string>();

        Npmrc.ExpandEnv("${A}${B?}${C}${SET}", new Dictionary<string, string?> { ["SET"] = "x" }, missing.Add);

        Assert.Equal(["A", "C"], missing);
    }
}
