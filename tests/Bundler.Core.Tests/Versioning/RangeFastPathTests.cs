using Bundler.Core.Versioning;

namespace Bundler.Core.Tests.Versioning;

/// <summary>
/// The fast path must produce exactly what the general path (the port of node-semver's parseRange) produces,
/// in loose and in strict mode, wherever it accepts a part. The general path itself is checked against
/// node-semver by <see cref="SemverDifferentialTests"/>.
/// </summary>
public sealed class RangeFastPathTests
{
    [Fact]
    public void Fast_path_agrees_with_the_general_path_wherever_it_answers()
    {
        var gen = new SemverCaseGenerator(SemverOracle.Seed + 3);
        var mismatches = new List<string>();
        int parts = 0, fast = 0;
        for (var i = 0; i < 30_000; i++)
        {
            foreach (var raw in JsText.TrimAndCollapse(gen.Range()).Split("||"))
            {
                var part = JsText.Trim(raw);
                parts++;
                var quick = RangeFastPath.TryParsePart(part);
                if (quick is null)
                {
                    continue;
                }

                fast++;
                foreach (var loose in new[] { true, false })
                {
                    var general = RangeDesugarer.ParsePart(part, loose);
                    var expected = general is null ? "<invalid>" : string.Join(' ', general.Select(c => c.Value));
                    var actual = string.Join(' ', quick.Select(c => c.Value));
                    if (expected != actual)
                    {
                        mismatches.Add($"{SemverDifferentialTests.Show(part)} ({(loose ? "loose" : "strict")}): general {expected}, fast {actual}");
                    }
                }
            }
        }

        Assert.True(mismatches.Count == 0, $"{mismatches.Count} mismatch(es); first 20:\n" + string.Join('\n', mismatches.Take(20)));
        Assert.InRange(fast, parts / 3, parts - 1000);
    }

    [Theory]
    [InlineData("^1.2.3")]
    [InlineData("~1.2")]
    [InlineData(">=1.0.0 <2")]
    [InlineData("1.x")]
    [InlineData("*")]
    [InlineData("")]
    [InlineData("^0.0.3-beta.1")]
    [InlineData("1.2.3 - 2.3.4")]
    [InlineData(">= 1.2.3")]
    [InlineData("v1.2.3")]
    public void Common_shapes_take_the_fast_path(string range)
    {
        Assert.NotNull(RangeFastPath.TryParsePart(range));
    }

    [Theory]
    [InlineData("1.2.3 - 2.3.4 - 5")]
    [InlineData("= 1.2.3")]
    [InlineData("vv1.2.3")]
    [InlineData("^1.2.3+build")]
    [InlineData("x.1")]
    [InlineData("1.2.x-beta")]
    [InlineData("^01.2.3")]
    [InlineData("^1234567890123456.0.0")]
    public void Unusual_shapes_take_the_general_path(string range)
    {
        Assert.Null(RangeFastPath.TryParsePart(range));
    }
}
