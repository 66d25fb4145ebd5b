using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Bundler.Testing;

namespace Bundler.Core.Tests.Versioning;

/// <summary>The generated cases, as sent to node-semver.</summary>
internal sealed record SemverCases(
    List<string> Ranges,
    List<string> Versions,
    List<int[]> Satisfies,
    List<(int Range, int[] Versions)> Max,
    List<int[]> Compare);

/// <summary>What node-semver answered for one mode (loose or strict).</summary>
internal sealed record SemverAnswers(
    string?[] Range, string?[] Version, string?[] Build, bool[] Satisfies, string?[] Max, int?[] Compare);

/// <summary>
/// Generates the differential cases once and has node-semver (tests/tools/node_modules/semver) evaluate all of
/// them in a single node process. Shared by the differential tests through a class fixture.
/// </summary>
public sealed partial class SemverOracle
{
    public const int Seed = 20240611;
    private const int RangeCount = 6000;
    private const int VersionPoolSize = 3000;

    public SemverOracle()
    {
        Cases = Generate();
        var (loose, strict, version) = RunNode(Cases);
        Loose = loose;
        Strict = strict;
        OracleVersion = version;
    }

    internal SemverCases Cases { get; }

    internal SemverAnswers Loose { get; }

    internal SemverAnswers Strict { get; }

    public string OracleVersion { get; }

    private static SemverCases Generate()
    {
        var gen = new SemverCaseGenerator(Seed);
        var rnd = new Random(Seed + 1);
        var versions = new List<string>();
        for (var i = 0; i < VersionPoolSize; i++)
        {
            versions.Add(gen.Version());
        }

        var ranges = new List<string>();
        var satisfies = new List<int[]>();
        var max = new List<(int, int[])>();
        string[] pre = ["", "", "-alpha", "-beta.1", "-0", "-rc.2", "-alpha.7", "-SNAPSHOT", "-1", "-beta"];
        for (var r = 0; r < RangeCount; r++)
        {
            var range = gen.Range();
            ranges.Add(range);
            for (var k = 0; k < 5; k++)
            {
                satisfies.Add([r, rnd.Next(VersionPoolSize)]);
            }

            // Versions on the range's own boundaries, with and without prereleases, to exercise the prerelease rule.
            foreach (Match m in Partial().Matches(range).Take(3))
            {
                var triple = string.Join('.', m.Value.Split('.').Concat(["0", "1", "2"]).Take(3));
                triple = rnd.Next(3) == 0 ? BumpOne(triple, rnd) : triple;
                versions.Add(triple + (rnd.Next(2) == 0 ? "" : pre[rnd.Next(pre.Length)]));
                satisfies.Add([r, versions.Count - 1]);
            }

            var list = new int[rnd.Next(1, 9)];
            for (var i = 0; i < list.Length; i++)
            {
                list[i] = rnd.Next(versions.Count);
            }

            max.Add((r, list));
        }

        // The hand-picked edges, each range against a few telling versions and every edge version.
        var edgeVersions = SemverEdgeCases.Versions().ToList();
        var firstEdgeVersion = versions.Count;
        versions.AddRange(edgeVersions);
        versions.AddRange(["1.2.3", "1.2.3-beta", "1.0.0", "2.0.0", "0.0.0", "0.0.1", "9007199254740991.0.0"]);
        foreach (var edge in SemverEdgeCases.Ranges())
        {
            ranges.Add(edge);
            for (var v = firstEdgeVersion; v < versions.Count; v++)
            {
                satisfies.Add([ranges.Count - 1, v]);
            }

            max.Add((ranges.Count - 1, Enumerable.Range(firstEdgeVersion, versions.Count - firstEdgeVersion).ToArray()));
        }

        var compare = new List<int[]>();
        for (var a = firstEdgeVersion; a < versions.Count; a++)
        {
            for (var b = firstEdgeVersion; b < versions.Count; b++)
            {
                compare.Add([a, b]);
            }
        }

        for (var i = 0; i < 6000; i++)
        {
            compare.Add([rnd.Next(versions.Count), rnd.Next(versions.Count)]);
        }

        return new SemverCases(ranges, versions, satisfies, max, compare);
    }

    private static string BumpOne(string triple, Random rnd)
    {
        var parts = triple.Split('.');
        var i = rnd.Next(3);
        if (long.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n < 1_000_000)
        {
            parts[i] = (n > 0 && rnd.Next(2) == 0 ? n - 1 : n + 1).ToString(CultureInfo.InvariantCulture);
        }

        return string.Join('.', parts);
    }

    private static (SemverAnswers Loose, SemverAnswers Strict, string Version) RunNode(SemverCases cases)
    {
        using var temp = new TempDirectory("ipm-semver");
        var input = temp.Write("cases.json", JsonSerializer.Serialize(new
        {
            ranges = cases.Ranges,
            versions = cases.Versions,
            satisfies = cases.Satisfies,
            max = cases.Max.Select(m => new object[] { m.Range, m.Versions }),
            compare = cases.Compare,
        }));
        var script = Path.Combine(RepoPaths.Tools, "oracles", "semver-oracle.js");
        var result = ProcessRunner.Run("node", [script, input], RepoPaths.Tools).EnsureSuccess("node semver-oracle.js");
        using var doc = JsonDocument.Parse(result.StdOut);
        var root = doc.RootElement;
        return (Read(root.GetProperty("loose")), Read(root.GetProperty("strict")), root.GetProperty("semver").GetString()!);
    }

    private static SemverAnswers Read(JsonElement e) => new(
        Strings(e.GetProperty("range")),
        Strings(e.GetProperty("version")),
        Strings(e.GetProperty("build")),
        e.GetProperty("satisfies").EnumerateArray().Select(x => x.GetBoolean()).ToArray(),
        Strings(e.GetProperty("max")),
        e.GetProperty("compare").EnumerateArray().Select(x => x.ValueKind == JsonValueKind.Null ? (int?)null : x.GetInt32()).ToArray());

    private static string?[] Strings(JsonElement array) =>
        array.EnumerateArray().Select(x => x.ValueKind == JsonValueKind.Null ? null : x.GetString()).ToArray();

    [GeneratedRegex("[0-9]+(\\.[0-9]+){0,2}")]
    private static partial Regex Partial();
}
