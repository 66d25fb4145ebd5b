using Bundler.Core.Diagnostics;
using Bundler.Core.Versioning;

namespace Bundler.Core.Tests.Versioning;

public sealed class VersioningApiTests
{
    [Fact]
    public void Invalid_range_diagnostic_names_range_package_and_chain()
    {
        var d = Messages.InvalidVersionRange(">=1.2.x.y", "left-pad", Messages.Chain(["app", "b@^2"]));
        Assert.Equal("error IPM1101: invalid version range '>=1.2.x.y' for left-pad (required by app > b@^2)", d.ToString());
        Assert.Equal("error IPM1101: invalid version range 'x y' for left-pad", Messages.InvalidVersionRange("x y", "left-pad", "").ToString());
    }

    [Fact]
    public void Invalid_ranges_throw_format_exceptions_naming_the_text()
    {
        var e = Assert.Throws<FormatException>(() => NpmRange.Parse(">=1.2.x.y"));
        Assert.Contains(">=1.2.x.y", e.Message, StringComparison.Ordinal);
        Assert.False(NpmRange.TryParse(null, out _));
        Assert.Throws<FormatException>(() => NpmVersion.Parse("1.2"));
    }

    [Fact]
    public void Build_metadata_does_not_take_part_in_equality()
    {
        var a = NpmVersion.Parse("1.0.0+a");
        var b = NpmVersion.Parse("1.0.0+b");
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.Equal(["a"], a.Build);
        Assert.Equal("1.0.0", a.ToString());
    }

    [Fact]
    public void Parsed_ranges_are_shared_safely_between_threads()
    {
        string[] texts = ["^1.2.3", "~0.1", "1.x || >=3 <4", ">= 1.0.0", "1 - 2"];
        var expected = texts.Select(t => NpmRange.Parse(t).ToString()).ToArray();
        var failures = 0;
        Parallel.For(0, 20_000, i =>
        {
            var r = NpmRange.Parse(texts[i % texts.Length]);
            if (r.ToString() != expected[i % texts.Length] || (i % texts.Length is 0 or 4 && !r.IsSatisfiedBy("1.2.3")))
            {
                Interlocked.Increment(ref failures);
            }
        });
        Assert.Equal(0, failures);
    }
}
