using System.Text.Json.Nodes;
using Bundler.Core.Versioning;
using Bundler.Testing;
using NuGet.Versioning;

namespace Bundler.Core.Tests.Versioning;

/// <summary>
/// Why versions are not built on NuGet.Versioning (README, "Why not NuGet.Versioning"): for each case here
/// node-semver, NuGet.Versioning and our <see cref="NpmVersion"/> are asked the same question. Ours must answer as
/// node-semver does, and NuGet.Versioning must still answer differently; if a NuGet.Versioning update closes a
/// gap, the test fails and the decision is worth checking again.
/// </summary>
public sealed class NuGetVersioningGapTests
{
    // Prerelease labels differing only in case: node-semver compares identifiers as ASCII strings.
    private static readonly string[][] ComparePairs =
    [
        ["1.0.0-alpha", "1.0.0-Alpha"],
        ["1.0.0-a", "1.0.0-B"],
        ["2.1.0-rc.1", "2.1.0-RC.1"],
    ];

    // Numbers past int32 (node-semver allows up to Number.MAX_SAFE_INTEGER), the v/= prefixes, leading zeros in
    // loose mode, and four-part or two-part versions that only NuGet takes.
    private static readonly string[] Versions =
    [
        "2147483648.0.0", "1.0.4294967296", "9007199254740991.0.0",
        "v1.2.3", "=1.2.3", "01.2.3", "1.2.3-01",
        "1.2.3.4", "1.2",
    ];

    private static readonly JsonNode Node = NodeRunner.Evaluate(
        """
        const semver = require('semver');
        return {
          compare: input.pairs.map(([a, b]) => semver.compare(a, b)),
          strict: input.versions.map(v => semver.valid(v, { loose: false })),
          loose: input.versions.map(v => semver.valid(v, { loose: true })),
        };
        """,
        new JsonObject
        {
            ["pairs"] = new JsonArray(ComparePairs.Select(p => (JsonNode)new JsonArray(p[0], p[1])).ToArray()),
            ["versions"] = new JsonArray(Versions.Select(v => (JsonNode)JsonValue.Create(v)!).ToArray()),
        })!;

    [Fact]
    public void Prerelease_labels_are_compared_case_sensitively_as_node_semver_does_and_NuGet_does_not()
    {
        for (var i = 0; i < ComparePairs.Length; i++)
        {
            var (a, b) = (ComparePairs[i][0], ComparePairs[i][1]);
            var node = (int)Node["compare"]![i]!;
            Assert.True(node != 0, $"node-semver orders {a} and {b}");
            Assert.True(Math.Sign(NpmVersion.Parse(a).CompareTo(NpmVersion.Parse(b))) == node, $"ours orders {a} vs {b} as node-semver ({node})");
            var nuget = Math.Sign(VersionComparer.Default.Compare(SemanticVersion.Parse(a), SemanticVersion.Parse(b)));
            Assert.True(nuget != node, $"NuGet.Versioning now orders {a} vs {b} as node-semver ({node}): re-check README 'Why not NuGet.Versioning'");
        }
    }

    [Fact]
    public void Parsing_differs_from_node_semver_where_ours_agrees()
    {
        for (var i = 0; i < Versions.Length; i++)
        {
            var v = Versions[i];
            foreach (var loose in new[] { false, true })
            {
                var node = (string?)Node[loose ? "loose" : "strict"]![i];
                var ours = NpmVersion.TryParse(v, loose, out var parsed) ? parsed!.ToString() : null;
                Assert.True(node == ours, $"'{v}' (loose: {loose}): node-semver {node ?? "rejects"}, ours {ours ?? "rejects"}");
            }

            // npm reads registry versions loosely; NuGet's strictest and most lenient parsers both miss that answer.
            var expected = (string?)Node["loose"]![i];
            var semantic = SemanticVersion.TryParse(v, out var s) ? s.ToNormalizedString() : null;
            var nuget = NuGetVersion.TryParse(v, out var n) ? n.ToNormalizedString() : null;
            Assert.True(semantic != expected || nuget != expected,
                $"NuGet.Versioning now reads '{v}' as node-semver does ({expected ?? "rejects"}): re-check README 'Why not NuGet.Versioning'");
        }
    }
}
