using System.Text.Encodings.Web;
using System.Text.Json;
using Bundler.Core.Versioning;

namespace Bundler.Core.Tests.Versioning;

/// <summary>
/// Ours against node-semver (the version npm bundles) on every generated case, loose (as npm parses) and strict.
/// Each test collects all disagreements and shows the first 20.
/// </summary>
public sealed class SemverDifferentialTests(SemverOracle oracle) : IClassFixture<SemverOracle>
{
    public static readonly TheoryData<bool> Modes = new() { true, false };

    [Fact]
    public void Oracle_is_the_semver_npm_bundles()
    {
        Assert.Equal("7.8.5", oracle.OracleVersion);
        Assert.True(oracle.Cases.Satisfies.Count >= 20_000, $"only {oracle.Cases.Satisfies.Count} satisfies cases");
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Ranges_are_accepted_rejected_and_normalized_as_node_semver_does(bool loose)
    {
        var answers = Answers(loose);
        var mismatches = new List<string>();
        var accepted = 0;
        for (var i = 0; i < oracle.Cases.Ranges.Count; i++)
        {
            var text = oracle.Cases.Ranges[i];
            var ours = NpmRange.TryParse(text, loose, out var range) ? range!.ToString() : null;
            accepted += ours is null ? 0 : 1;
            if (!string.Equals(ours, answers.Range[i], StringComparison.Ordinal))
            {
                mismatches.Add($"range {Show(text)}: node {Show(answers.Range[i])}, ours {Show(ours)}");
            }
        }

        AssertNone(mismatches, loose);
        // Both outcomes must be well represented, or the comparison proves little.
        Assert.InRange(accepted, 2000, oracle.Cases.Ranges.Count - 500);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Versions_parse_as_node_semver_parses_them(bool loose)
    {
        var answers = Answers(loose);
        var mismatches = new List<string>();
        for (var i = 0; i < oracle.Cases.Versions.Count; i++)
        {
            var text = oracle.Cases.Versions[i];
            var v = NpmVersion.TryParse(text, loose, out var parsed) ? parsed : null;
            var ours = v?.ToString();
            var build = v is null ? null : string.Join('.', v.Build);
            if (!string.Equals(ours, answers.Version[i], StringComparison.Ordinal)
                || !string.Equals(build, answers.Build[i], StringComparison.Ordinal))
            {
                mismatches.Add($"version {Show(text)}: node {Show(answers.Version[i])} +{answers.Build[i]}, ours {Show(ours)} +{build}");
            }
        }

        AssertNone(mismatches, loose);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Satisfies_agrees_with_node_semver(bool loose)
    {
        var answers = Answers(loose);
        var mismatches = new List<string>();
        var satisfied = 0;
        for (var i = 0; i < oracle.Cases.Satisfies.Count; i++)
        {
            var (r, v) = (oracle.Cases.Satisfies[i][0], oracle.Cases.Satisfies[i][1]);
            var range = oracle.Cases.Ranges[r];
            var version = oracle.Cases.Versions[v];
            var ours = NpmRange.TryParse(range, loose, out var parsed) && parsed!.IsSatisfiedBy(version);
            satisfied += ours ? 1 : 0;
            if (ours != answers.Satisfies[i])
            {
                mismatches.Add($"satisfies({Show(version)}, {Show(range)}): node {answers.Satisfies[i]}, ours {ours}");
            }
        }

        AssertNone(mismatches, loose);
        Assert.InRange(satisfied, 2000, oracle.Cases.Satisfies.Count - 2000);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void MaxSatisfying_agrees_with_node_semver(bool loose)
    {
        var answers = Answers(loose);
        var mismatches = new List<string>();
        for (var i = 0; i < oracle.Cases.Max.Count; i++)
        {
            var (r, list) = oracle.Cases.Max[i];
            var versions = list.Select(v => oracle.Cases.Versions[v]).ToArray();
            var ours = NpmRange.TryParse(oracle.Cases.Ranges[r], loose, out var range) ? range!.MaxSatisfying(versions) : null;
            if (!string.Equals(ours, answers.Max[i], StringComparison.Ordinal))
            {
                mismatches.Add($"maxSatisfying([{string.Join(", ", versions.Select(Show))}], {Show(oracle.Cases.Ranges[r])}): node {Show(answers.Max[i])}, ours {Show(ours)}");
            }
        }

        AssertNone(mismatches, loose);
    }

    [Theory]
    [MemberData(nameof(Modes))]
    public void Version_order_agrees_with_node_semver(bool loose)
    {
        var answers = Answers(loose);
        var mismatches = new List<string>();
        for (var i = 0; i < oracle.Cases.Compare.Count; i++)
        {
            var a = oracle.Cases.Versions[oracle.Cases.Compare[i][0]];
            var b = oracle.Cases.Versions[oracle.Cases.Compare[i][1]];
            int? ours = NpmVersion.TryParse(a, loose, out var va) && NpmVersion.TryParse(b, loose, out var vb)
                ? Math.Sign(va!.CompareTo(vb))
                : null;
            if (ours != answers.Compare[i])
            {
                mismatches.Add($"compare({Show(a)}, {Show(b)}): node {answers.Compare[i]}, ours {ours}");
            }
        }

        AssertNone(mismatches, loose);
    }

    private static readonly JsonSerializerOptions ShowOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private SemverAnswers Answers(bool loose) => loose ? oracle.Loose : oracle.Strict;

    internal static string Show(string? s) => s is null ? "null" : JsonSerializer.Serialize(s, ShowOptions);

    private static void AssertNone(List<string> mismatches, bool loose)
    {
        if (mismatches.Count > 0)
        {
            Assert.Fail($"{mismatches.Count} disagreement(s) with node-semver ({(loose ? "loose" : "strict")}); first 20:\n"
                + string.Join('\n', mismatches.Take(20)));
        }
    }
}
