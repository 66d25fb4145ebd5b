using System.Text.RegularExpressions;
using Bundler.Core.Generation;

namespace Bundler.Core.Tests.Generation;

public sealed partial class CNamesTests
{
    [Fact]
    public void Names_read_like_the_path()
    {
        var names = CNames.Symbols(["/node_modules/echotest/index.js", "/app/main.js"], "ipm_");
        Assert.Equal("ipm_node_modules_echotest_index_js", names["/node_modules/echotest/index.js"]);
        Assert.Equal("ipm_app_main_js", names["/app/main.js"]);
    }

    [Fact]
    public void Clashing_names_get_suffixes_that_do_not_depend_on_other_files()
    {
        var two = CNames.Symbols(["/a-b.js", "/a_b.js"], "ipm_");
        var three = CNames.Symbols(["/a-b.js", "/a_b.js", "/a.b.js", "/zzz.js"], "ipm_");
        Assert.NotEqual(two["/a-b.js"], two["/a_b.js"]);
        Assert.StartsWith("ipm_a_b_js_", two["/a-b.js"], StringComparison.Ordinal);
        Assert.Equal(two["/a-b.js"], three["/a-b.js"]);
        Assert.Equal(two["/a_b.js"], three["/a_b.js"]);
        Assert.Equal("ipm_zzz_js", three["/zzz.js"]);
        Assert.Equal(3, three.Values.Count(v => v.StartsWith("ipm_a_b_js_", StringComparison.Ordinal)));
    }

    [Fact]
    public void Names_are_c99_identifiers_of_at_most_63_characters_and_unique()
    {
        var deep = "/node_modules/" + string.Join("/node_modules/", Enumerable.Range(0, 12).Select(i => "pkg" + i)) + "/lib/index.js";
        var paths = new[] { deep, deep.Replace("index.js", "index-js", StringComparison.Ordinal), "/é/ü.js", "/1.js", "/x/ipm_x_js" };
        var names = CNames.Symbols(paths, "ipm_");
        Assert.Equal(paths.Length, names.Values.Distinct(StringComparer.Ordinal).Count());
        Assert.All(names.Values, n =>
        {
            Assert.Matches(Identifier(), n);
            Assert.InRange(n.Length, 1, 63);
        });
        Assert.EndsWith("lib_index_js", names[deep][..^9], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/a/*/b", "/a/\\*\\/b")]
    [InlineData("x*/y", "x*\\/y")]
    [InlineData("??/", "\\?\\?/")]
    [InlineData("é", "\\303\\251")]
    public void Comment_text_cannot_end_or_nest_a_comment(string text, string expected)
    {
        Assert.Equal(expected, CNames.Comment(text));
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex Identifier();
}
