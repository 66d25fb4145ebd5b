using System.Text;
using Bundler.Core.JavaScript;
using Bundler.Core.Packaging;

namespace Bundler.Core.Tests.Packaging;

public sealed class NoticesFileTests
{
    [Theory]
    [InlineData("""{"license":"MIT"}""", "MIT")]
    [InlineData("""{"license":"(MIT OR Apache-2.0)"}""", "(MIT OR Apache-2.0)")]
    [InlineData("""{"license":{"type":"BSD-3-Clause","url":"x"}}""", "BSD-3-Clause")]
    [InlineData("""{"licenses":[{"type":"MIT"},{"type":"GPL-2.0"}]}""", "MIT OR GPL-2.0")]
    [InlineData("""{"licenses":[]}""", null)]
    [InlineData("""{"name":"x"}""", null)]
    [InlineData("""[1]""", null)]
    [InlineData("""{ not json""", null)]
    public void Reads_the_license_field_in_its_published_forms(string json, string? expected) =>
        Assert.Equal(expected, NoticesFile.ReadLicenseField(Encoding.UTF8.GetBytes(json)));

    [Theory]
    [InlineData("LICENSE", true)]
    [InlineData("LICENSE.md", true)]
    [InlineData("license.txt", true)]
    [InlineData("LICENCE", true)]
    [InlineData("LICENSE-MIT", true)]
    [InlineData("COPYING", true)]
    [InlineData("NOTICE", true)]
    [InlineData("UNLICENSE", true)]
    [InlineData("licenses.js", false)]
    [InlineData("lib/LICENSE", false)]
    [InlineData("README.md", false)]
    public void Finds_top_level_license_files(string path, bool expected) => Assert.Equal(expected, NoticesFile.IsLicenseFile(path));

    [Fact]
    public void Sorts_packages_groups_identical_comments_and_lists_every_copy_of_a_package()
    {
        var banner = "/*! same banner */";
        var text = NoticesFile.Render("ipm test", "sha512-x", true,
        [
            new NoticeSource("zeta", "1.0.0", ["/node_modules/zeta"], null, [], []),
            new NoticeSource("alpha", "2.0.0", ["/node_modules/b/node_modules/alpha", "/node_modules/alpha"], "MIT", [("LICENSE", "text")],
                [new JsNotice("/node_modules/alpha/b.js", 3, banner), new JsNotice("/node_modules/alpha/a.js", 1, banner), new JsNotice("/node_modules/alpha/a.js", 9, "/** @license other */")]),
            new NoticeSource("alpha", "10.0.0", ["/node_modules/x/node_modules/alpha"], "MIT", [], []),
        ], [new JsNotice("/main.js", 1, "/*! app banner */")]);

        // Ordinal: "10.0.0" < "2.0.0"; the application comes last.
        Assert.True(text.IndexOf("alpha 10.0.0", StringComparison.Ordinal) < text.IndexOf("alpha 2.0.0", StringComparison.Ordinal));
        Assert.True(text.IndexOf("alpha 2.0.0", StringComparison.Ordinal) < text.IndexOf("zeta 1.0.0", StringComparison.Ordinal));
        Assert.True(text.IndexOf("zeta 1.0.0", StringComparison.Ordinal) < text.IndexOf("(application)", StringComparison.Ordinal));
        Assert.Contains("alpha 2.0.0\n  installed at /node_modules/alpha\n  installed at /node_modules/b/node_modules/alpha\nLicense: MIT\n", text, StringComparison.Ordinal);
        Assert.Contains("/node_modules/alpha/a.js:1, /node_modules/alpha/b.js:3\n/*! same banner */\n/node_modules/alpha/a.js:9\n/** @license other */\n", text, StringComparison.Ordinal);
        Assert.Contains("zeta 1.0.0\n  installed at /node_modules/zeta\nLicense: (none declared)\n", text, StringComparison.Ordinal);
        Assert.Contains("/main.js:1\n/*! app banner */\n", text, StringComparison.Ordinal);
        Assert.Equal(1, CountOf(text, "same banner"));
    }

    [Fact]
    public void License_text_is_decoded_as_utf8_with_unix_line_ends()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("Copyright © 2024\r\nline two\rline three\n\n  \n")).ToArray();
        Assert.Equal("Copyright © 2024\nline two\nline three", NoticesFile.ReadText(bytes));
    }

    private static int CountOf(string text, string what)
    {
        var n = 0;
        for (var i = text.IndexOf(what, StringComparison.Ordinal); i >= 0; i = text.IndexOf(what, i + 1, StringComparison.Ordinal))
        {
            n++;
        }

        return n;
    }
}
