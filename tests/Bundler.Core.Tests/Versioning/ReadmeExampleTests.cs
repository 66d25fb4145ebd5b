using Bundler.Core.Versioning;

namespace Bundler.Core.Tests.Versioning;

/// <summary>
/// The examples node-semver's README documents (tests/tools/node_modules/semver/README.md), with the expected
/// values copied from the README text. Where the README writes a desugaring (<c>~1.2</c> := <c>&gt;=1.2.0
/// &lt;1.3.0-0</c>) both sides must normalize to the same comparators.
/// </summary>
public sealed class ReadmeExampleTests
{
    [Fact]
    public void Usage_examples()
    {
        Assert.Equal("1.2.3", NpmVersion.TryParse("1.2.3", false, out var v) ? v!.ToString() : null);
        Assert.False(NpmVersion.TryParse("a.b.c", false, out _));
        Assert.Equal("1.2.3", NpmVersion.Clean("  =v1.2.3   ", loose: false));
        Assert.True(NpmRange.Parse("1.x || >=2.5.0 || 5.0.0 - 7.2.3", loose: false).IsSatisfiedBy("1.2.3"));
        Assert.False(NpmVersion.Parse("1.2.3") > NpmVersion.Parse("9.8.7"));
        Assert.True(NpmVersion.Parse("1.2.3") < NpmVersion.Parse("9.8.7"));
    }

    [Theory]
    [InlineData(">=1.2.7", "1.2.7 1.2.8 2.5.3 1.3.9", "1.2.6 1.1.0")]
    [InlineData(">1", "2.0.0 3.1.0", "1.0.1 1.1.0")]
    [InlineData(">=1.2.7 <1.3.0", "1.2.7 1.2.8 1.2.99", "1.2.6 1.3.0 1.1.0")]
    [InlineData("1.2.7 || >=1.2.9 <2.0.0", "1.2.7 1.2.9 1.4.6", "1.2.8 2.0.0")]
    [InlineData(">1.2.3-alpha.3", "1.2.3-alpha.7 3.4.5", "3.4.5-alpha.9")]
    [InlineData("~1.2.3-beta.2", "1.2.3-beta.4", "1.2.4-beta.2")]
    [InlineData("^1.2.3-beta.2", "1.2.3-beta.4", "1.2.4-beta.2")]
    [InlineData("^0.0.3-beta", "0.0.3-pr.2", "")]
    [InlineData("1.2 <1.2.9 || >2.0.0", "1.2.8 2.0.1", "1.2.10")]
    [InlineData("*", "0.0.0 1.2.3 99.0.0", "1.2.3-alpha")]
    public void Documented_matches(string range, string matching, string notMatching)
    {
        var r = NpmRange.Parse(range);
        foreach (var v in matching.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.True(r.IsSatisfiedBy(v), $"{v} should satisfy {range}");
        }

        foreach (var v in notMatching.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            Assert.False(r.IsSatisfiedBy(v), $"{v} should not satisfy {range}");
        }
    }

    [Theory]
    // Hyphen ranges
    [InlineData("1.2.3 - 2.3.4", ">=1.2.3 <=2.3.4")]
    [InlineData("1.2 - 2.3.4", ">=1.2.0 <=2.3.4")]
    [InlineData("1.2.3 - 2.3", ">=1.2.3 <2.4.0-0")]
    [InlineData("1.2.3 - 2", ">=1.2.3 <3.0.0-0")]
    // X-ranges
    [InlineData("*", ">=0.0.0")]
    [InlineData("1.x", ">=1.0.0 <2.0.0-0")]
    [InlineData("1.2.x", ">=1.2.0 <1.3.0-0")]
    [InlineData("", "*")]
    [InlineData("", ">=0.0.0")]
    [InlineData("1", "1.x.x")]
    [InlineData("1", ">=1.0.0 <2.0.0-0")]
    [InlineData("1.2", "1.2.x")]
    [InlineData("1.2", ">=1.2.0 <1.3.0-0")]
    [InlineData("1.X", "1.x")]
    [InlineData("1.2.*", "1.2.x")]
    // Tilde ranges
    [InlineData("~1.2.3", ">=1.2.3 <1.3.0-0")]
    [InlineData("~1.2", ">=1.2.0 <1.3.0-0")]
    [InlineData("~1.2", "1.2.x")]
    [InlineData("~1", ">=1.0.0 <2.0.0-0")]
    [InlineData("~1", "1.x")]
    [InlineData("~0.2.3", ">=0.2.3 <0.3.0-0")]
    [InlineData("~0.2", ">=0.2.0 <0.3.0-0")]
    [InlineData("~0.2", "0.2.x")]
    [InlineData("~0", ">=0.0.0 <1.0.0-0")]
    [InlineData("~0", "0.x")]
    [InlineData("~1.2.3-beta.2", ">=1.2.3-beta.2 <1.3.0-0")]
    [InlineData("~>1.2.3", "~1.2.3")]
    // Caret ranges
    [InlineData("^1.2.3", ">=1.2.3 <2.0.0-0")]
    [InlineData("^0.2.3", ">=0.2.3 <0.3.0-0")]
    [InlineData("^0.0.3", ">=0.0.3 <0.0.4-0")]
    [InlineData("^1.2.3-beta.2", ">=1.2.3-beta.2 <2.0.0-0")]
    [InlineData("^0.0.3-beta", ">=0.0.3-beta <0.0.4-0")]
    [InlineData("^1.2.x", ">=1.2.0 <2.0.0-0")]
    [InlineData("^0.0.x", ">=0.0.0 <0.1.0-0")]
    [InlineData("^0.0", ">=0.0.0 <0.1.0-0")]
    [InlineData("^1.x", ">=1.0.0 <2.0.0-0")]
    [InlineData("^0.x", ">=0.0.0 <1.0.0-0")]
    public void Documented_desugarings(string range, string equivalent)
    {
        Assert.Equal(NpmRange.Parse(equivalent, loose: false).ToString(), NpmRange.Parse(range, loose: false).ToString());
    }

    [Theory]
    [InlineData("1.2.3 - 2.3.4", ">=1.2.3 <=2.3.4")]
    [InlineData("1.2.3 - 2.3", ">=1.2.3 <2.4.0-0")]
    [InlineData("~1.2.3", ">=1.2.3 <1.3.0-0")]
    [InlineData("^0.0.3", ">=0.0.3 <0.0.4-0")]
    [InlineData("^1.2.3-beta.2", ">=1.2.3-beta.2 <2.0.0-0")]
    public void Desugarings_print_as_documented(string range, string printed)
    {
        Assert.Equal(printed, NpmRange.Parse(range, loose: false).ToString());
    }

    [Theory]
    [InlineData(" = v 2.1.5foo", false, null)]
    [InlineData(" = v 2.1.5foo", true, "2.1.5-foo")]
    [InlineData(" = v 2.1.5-foo", false, null)]
    [InlineData(" = v 2.1.5-foo", true, "2.1.5-foo")]
    [InlineData("=v2.1.5", false, "2.1.5")]
    [InlineData("  =v2.1.5", false, "2.1.5")]
    [InlineData("      2.1.5   ", false, "2.1.5")]
    [InlineData("~1.0.0", false, null)]
    public void Clean_examples(string text, bool loose, string? expected)
    {
        Assert.Equal(expected, NpmVersion.Clean(text, loose));
    }
}
