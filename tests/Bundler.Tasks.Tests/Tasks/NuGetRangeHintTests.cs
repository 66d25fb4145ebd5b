using Bundler.Testing;
using NuGet.Versioning;

namespace Bundler.Tasks.Tests.Tasks;

/// <summary>
/// IPM9002 suggests the npm range for a NuGet interval range. The suggestion is judged by two libraries that are not
/// ours: NuGet.Versioning says which versions the NuGet range admits, node-semver which ones the suggestion does.
/// </summary>
public sealed class NuGetRangeHintTests
{
    private static readonly string[] Ranges =
    [
        "[1.0,2.0)", "[1.2.3]", "(,2.0]", "(,2.0)", "[1.0,)", "(1.0,)", "(1.0,2.0]", "(1.0.5,1.2.0)", "[0.0.1,0.1.0)",
        "[1.0.0-beta.2,1.0.0]", "[1.0, 2.0)",
    ];

    private static readonly string[] Versions =
    [
        "0.0.1", "0.0.9", "0.1.0", "0.9.9", "1.0.0-beta.1", "1.0.0-beta.2", "1.0.0-rc.1", "1.0.0", "1.0.1", "1.0.5", "1.0.6",
        "1.1.0", "1.2.0", "1.2.2", "1.2.3", "1.2.4", "1.9.9", "2.0.0", "2.0.1", "3.0.0",
    ];

    [Fact]
    public void The_suggested_npm_range_admits_the_versions_the_NuGet_range_admits()
    {
        var suggestions = Ranges.Select(r => Suggestion(r) ?? throw new InvalidOperationException("no suggestion for " + r)).ToArray();
        var npm = NodeRunner.Evaluate<object, bool[][]>("""
            var semver = require('semver');
            return input.ranges.map(function (r) {
              return input.versions.map(function (v) { return semver.satisfies(v, r, { includePrerelease: true }); });
            });
            """, new { ranges = suggestions, versions = Versions });

        var differences = new List<string>();
        for (var i = 0; i < Ranges.Length; i++)
        {
            var nuget = VersionRange.Parse(Ranges[i]);
            for (var j = 0; j < Versions.Length; j++)
            {
                if (nuget.Satisfies(NuGetVersion.Parse(Versions[j])) != npm[i][j])
                {
                    differences.Add($"{Ranges[i]} -> \"{suggestions[i]}\" at {Versions[j]}");
                }
            }
        }

        Assert.True(differences.Count == 0, string.Join("\n", differences));
    }

    [Theory]
    [InlineData("[1.0,2.0)", ">=1.0.0 <2.0.0")]
    [InlineData("[1.2.3]", "1.2.3")]
    [InlineData("(,2.0]", "<=2.0.0")]
    [InlineData("[1.0,)", ">=1.0.0")]
    public void The_message_quotes_the_npm_range_to_write(string nuget, string expected)
    {
        var diagnostic = ModuleItems.CheckVersion("echotest", nuget);

        Assert.Equal("IPM9002", diagnostic?.Code);
        Assert.Contains($"use \"{expected}\"", diagnostic!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[1.0.0.1,2.0)")] // a fourth version part has no npm spelling
    [InlineData("[2.0,1.0]")] // NuGet cannot parse it either
    [InlineData("(1.0)")]
    public void Without_an_npm_equivalent_the_message_shows_examples_instead(string nuget)
    {
        var diagnostic = ModuleItems.CheckVersion("echotest", nuget);

        Assert.Equal("IPM9002", diagnostic?.Code);
        Assert.Contains("write npm ranges such as", diagnostic!.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1.0")]
    [InlineData("1.2.3")]
    public void A_bare_version_keeps_its_npm_meaning_and_is_not_a_NuGet_range(string version)
    {
        // To NuGet "1.0" means 1.0 or later; to npm it is 1.0.x. The item is npm's, so it is accepted as npm reads it.
        Assert.Null(ModuleItems.CheckVersion("echotest", version));
    }

    private static string? Suggestion(string nuget)
    {
        var message = ModuleItems.CheckVersion("echotest", nuget)?.Message ?? "";
        var start = message.IndexOf("use \"", StringComparison.Ordinal);
        return start < 0 ? null : message[(start + 5)..message.IndexOf('"', start + 5)];
    }
}
