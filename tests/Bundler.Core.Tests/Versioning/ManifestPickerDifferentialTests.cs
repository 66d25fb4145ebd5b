using System.Globalization;
using System.Text.Json;
using Bundler.Core.Versioning;
using Bundler.Testing;

namespace Bundler.Core.Tests.Versioning;

/// <summary>
/// ManifestPicker against the real npm-pick-manifest (tests/tools/node_modules) on seeded random packuments:
/// keys registries really hold (prereleases, SNAPSHOTs, v-prefixes, build metadata, unparseable ones),
/// deprecated flags, dist-tags that point at good, deprecated, prerelease or missing versions, and specs that
/// are ranges, exact versions, tags, empty, or not registry specs at all. One node process for all of them.
/// </summary>
public sealed class ManifestPickerDifferentialTests
{
    private const int CaseCount = 4000;
    private const string Throws = "<throws>";

    private static readonly string[] Tags = ["latest", "beta", "next", "legacy", "missing", "Beta"];

    private static readonly string[] NotRegistrySpecs =
    [
        "foo bar", "a/b", ".beta", "x.tgz", "1.0.0-x.tar", "npm:foo@1", "file:x", "git+ssh:x", "@beta", "a#b", "1.0.0.TAR.GZ",
        "github:a/b", "~/x", "beta!", "(x)", "it's",
    ];

    private static readonly string[] CommonRanges =
    [
        "^0.1.0", "^1.0.0", "~1.1.0", "^2", "1.x", "*", ">=1.0.0", "<2", "^1.0.0-beta.1", "~2.0.0-rc.1", "1 || 2", ">=0.0.0",
        "3.1.x", "^3.1.0-SNAPSHOT", "latest", "x", "", "  ", ">1.0.0 <3", "^0.0.1", "2.0.0 - 3",
    ];

    [Fact]
    public void Picks_what_npm_pick_manifest_picks()
    {
        var rnd = new Random(SemverOracle.Seed);
        var gen = new SemverCaseGenerator(SemverOracle.Seed + 7);
        var cases = Enumerable.Range(0, CaseCount).Select(_ => NewCase(rnd, gen)).ToList();

        using var temp = new TempDirectory("ipm-pick");
        var input = temp.Write("cases.json", JsonSerializer.Serialize(cases.Select(c => new
        {
            versions = c.Candidates.Select(v => new object[] { v.Version, v.Deprecated }),
            distTags = c.DistTags,
            spec = c.Spec,
        })));
        var script = Path.Combine(RepoPaths.Tools, "oracles", "pick-manifest-oracle.js");
        var output = ProcessRunner.Run("node", [script, input], RepoPaths.Tools).EnsureSuccess("node pick-manifest-oracle.js");
        using var doc = JsonDocument.Parse(output.StdOut);
        var expected = doc.RootElement.EnumerateArray().Select(e => e.ValueKind switch
        {
            JsonValueKind.Null => null,
            JsonValueKind.String => e.GetString(),
            _ => Throws,
        }).ToArray();

        var mismatches = new List<string>();
        var outcomes = new int[3];
        for (var i = 0; i < cases.Count; i++)
        {
            var c = cases[i];
            string? ours;
            try
            {
                ours = ManifestPicker.Pick(c.Spec, c.DistTags, c.Candidates);
            }
            catch (FormatException)
            {
                ours = Throws;
            }

            outcomes[ours is null ? 0 : ours == Throws ? 1 : 2]++;
            if (!string.Equals(ours, expected[i], StringComparison.Ordinal))
            {
                mismatches.Add($"spec {SemverDifferentialTests.Show(c.Spec)} tags {JsonSerializer.Serialize(c.DistTags)} versions [{string.Join(", ", c.Candidates.Select(v => v.Version + (v.Deprecated ? " (deprecated)" : "")))}]: npm {expected[i]}, ours {ours}");
            }
        }

        if (mismatches.Count > 0)
        {
            Assert.Fail($"{mismatches.Count} disagreement(s) with npm-pick-manifest; first 20:\n" + string.Join('\n', mismatches.Take(20)));
        }

        // Every outcome must be well represented: nothing found, rejected spec, a pick.
        Assert.All(outcomes, n => Assert.True(n >= 200, $"outcomes (none, throws, picked): {string.Join(", ", outcomes)}"));
    }

    private static PickCase NewCase(Random rnd, SemverCaseGenerator gen)
    {
        var keys = new List<string>();
        var count = rnd.Next(100) < 5 ? 0 : rnd.Next(1, 13);
        for (var i = 0; keys.Count < count && i < count * 3; i++)
        {
            var key = Key(rnd);
            if (!keys.Contains(key, StringComparer.Ordinal))
            {
                keys.Add(key);
            }
        }

        var candidates = keys.Select(k => new VersionCandidate(k, rnd.Next(100) < 25)).ToList();
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in Tags.Take(4))
        {
            if (rnd.Next(100) < (tag == "latest" ? 85 : 30))
            {
                tags[tag] = keys.Count > 0 && rnd.Next(100) < 85 ? keys[rnd.Next(keys.Count)] : Key(rnd);
            }
        }

        return new PickCase(Spec(rnd, gen, keys), tags, candidates);
    }

    private static string Key(Random rnd)
    {
        var main = $"{rnd.Next(4)}.{rnd.Next(4)}.{rnd.Next(3)}";
        return rnd.Next(100) switch
        {
            < 55 => main,
            < 70 => main + "-" + new[] { "beta.1", "rc.1", "alpha", "0", "SNAPSHOT", "beta.2" }[rnd.Next(6)],
            < 75 => "v" + main,
            < 80 => main + "+build." + rnd.Next(3).ToString(CultureInfo.InvariantCulture),
            < 84 => main + "beta",
            < 88 => "=" + main,
            _ => new[] { "1.0", "2", "not-a-version", "1.0.0.0", "latest-x", "1.2.3-", "01.2.3", "1.2.3 " }[rnd.Next(8)],
        };
    }

    private static string Spec(Random rnd, SemverCaseGenerator gen, List<string> keys) => rnd.Next(100) switch
    {
        < 25 => gen.Range(),
        < 45 => CommonRanges[rnd.Next(CommonRanges.Length)],
        < 60 when keys.Count > 0 => new[] { "", "v", "=", " ", "=v" }[rnd.Next(5)] + keys[rnd.Next(keys.Count)] + (rnd.Next(10) == 0 ? "+other" : ""),
        < 78 => Tags[rnd.Next(Tags.Length)],
        < 88 => NotRegistrySpecs[rnd.Next(NotRegistrySpecs.Length)],
        _ => $"{new[] { "^", "~", "", ">=", "<" }[rnd.Next(5)]}{rnd.Next(4)}.{rnd.Next(4)}.{rnd.Next(3)}",
    };

    private sealed record PickCase(string Spec, Dictionary<string, string> DistTags, List<VersionCandidate> Candidates);
}
