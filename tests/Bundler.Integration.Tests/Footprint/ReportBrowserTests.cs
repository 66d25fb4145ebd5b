using System.Text.Json.Nodes;
using Bundler.Testing;

namespace Bundler.Integration.Tests.Footprint;

/// <summary>
/// ipm-report.html of the corpus bundle in headless Chromium, driven by Playwright (report-check.js): the treemap
/// is measured, clicked and sorted as a user would. Screenshots (all packages, and zoomed into the package with the
/// most files) are kept in artifacts/test-screenshots.
/// </summary>
[Collection(FootprintFixture.Collection)]
public sealed class ReportBrowserTests(FootprintFixture fixture)
{
    // Areas are computed in floating point; rounding in the attributes is all the slack there is.
    private const double Tolerance = 1e-6;

    // One browser run for all the tests of the class: xunit makes an instance per test, the fixture lives for all.
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<FootprintFixture, Lazy<JsonNode>> Runs = new();

    private JsonNode Page => Runs.GetValue(fixture, f => new Lazy<JsonNode>(() => Drive(f))).Value;

    [Fact]
    public void The_page_loads_without_errors_and_makes_no_request_but_its_own()
    {
        Assert.Empty(Page["errors"]!.AsArray());
        Assert.Equal([(string)Page["url"]!], Page["requests"]!.AsArray().Select(r => (string)r!));
        Assert.True(File.Exists(Screenshot), Screenshot);
        Assert.InRange(new FileInfo(Screenshot).Length, 20_000, long.MaxValue);
        Assert.True(File.Exists(Screenshot.Replace(".png", "-zoomed.png", StringComparison.Ordinal)));
    }

    [Fact]
    public void The_treemap_has_one_rect_per_package_and_file_with_areas_proportional_to_shipped_bytes()
    {
        var rects = Rects(Page["top"]!["rects"]!);
        var packages = fixture.ReportJson["packages"]!.AsArray().Where(p => (long)p!["shippedBytes"]! > 0).ToList();
        var files = packages.SelectMany(p => p!["files"]!.AsArray()).Where(f => (long)f!["shipped"]! > 0).ToList();

        var packageRects = rects.Where(r => r.Kind == "package").ToList();
        var fileRects = rects.Where(r => r.Kind == "file").ToList();
        Assert.Equal(packages.Select(p => (string)p!["directory"]!).Order(StringComparer.Ordinal), packageRects.Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.Equal(files.Select(f => (string)f!["path"]!).Order(StringComparer.Ordinal), fileRects.Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.All(packageRects, r => Assert.Equal((long)packages.Single(p => (string)p!["directory"]! == r.Id)!["shippedBytes"]!, r.Bytes));
        Assert.All(fileRects, r => Assert.Equal((long)files.Single(f => (string)f!["path"]! == r.Id)!["shipped"]!, r.Bytes));

        // The whole drawing area is used, and every rect's share of it is its share of the bytes.
        var box = Page["box"]!;
        var area = (double)box["w"]! * (double)box["h"]!;
        AssertProportional(packageRects, area);
        AssertProportional(fileRects, area);

        // Files tile their package: inside it, and adding up to it.
        foreach (var p in packageRects)
        {
            var inside = fileRects.Where(f => f.Package == p.Id).ToList();
            Assert.All(inside, f => Assert.True(f.X >= p.X - 1e-6 && f.Y >= p.Y - 1e-6 && f.X + f.W <= p.X + p.W + 1e-6 && f.Y + f.H <= p.Y + p.H + 1e-6, f.Id));
            Assert.Equal(p.W * p.H, inside.Sum(f => f.W * f.H), p.W * p.H * Tolerance);
        }
    }

    [Fact]
    public void Clicking_a_file_zooms_into_its_package_and_filters_the_table_and_the_crumb_goes_back()
    {
        var zoomed = Page["zoomed"]!;
        var package = (string)zoomed["package"]!;
        var json = fixture.ReportJson["packages"]!.AsArray().Single(p => (string)p!["directory"]! == package)!;
        var shipped = json["files"]!.AsArray().Where(f => f!["reason"] is not null).Select(f => (string)f!["path"]!).Order(StringComparer.Ordinal).ToList();

        var rects = Rects(zoomed["rects"]!);
        Assert.Equal([package], rects.Where(r => r.Kind == "package").Select(r => r.Id));
        Assert.Equal(shipped, rects.Where(r => r.Kind == "file").Select(r => r.Id).Order(StringComparer.Ordinal));
        AssertProportional(rects.Where(r => r.Kind == "file").ToList(), (double)Page["box"]!["w"]! * (double)Page["box"]!["h"]!);
        Assert.Equal(shipped, Rows(zoomed["rows"]!).Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.Contains($"{json["name"]}@{json["version"]}", (string)zoomed["crumbs"]!, StringComparison.Ordinal);

        // "show pruned files" lists every file of the package; the crumb returns to all packages.
        Assert.Equal(json["files"]!.AsArray().Count, Rows(Page["zoomedWithPruned"]!["rows"]!).Count);
        Assert.Equal(Rects(Page["top"]!["rects"]!).Count, Rects(Page["back"]!["rects"]!).Count);
        // Back at the top the table lists every package again, still in the order last chosen (by name).
        Assert.Equal(Rows(Page["top"]!["rows"]!).Select(r => r.Id).Order(StringComparer.Ordinal), Rows(Page["back"]!["rows"]!).Select(r => r.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_table_sorts_by_the_clicked_column_both_ways()
    {
        var top = Rows(Page["top"]!["rows"]!);
        var packages = fixture.ReportJson["packages"]!.AsArray();
        long Raw(string directory) => (long)packages.Single(p => (string)p!["directory"]! == directory)!["rawBytes"]!;
        long Flash(string directory) => (long)packages.Single(p => (string)p!["directory"]! == directory)!["flashBytes"]!;

        Assert.Equal(packages.Count, top.Count);
        Assert.Equal("descending", Sort(Page["top"]!, "flash"));
        Assert.Equal(top.Select(r => Flash(r.Id)).OrderDescending(), top.Select(r => Flash(r.Id)));

        var down = Rows(Page["sortedByRawDescending"]!["rows"]!);
        Assert.Equal("descending", Sort(Page["sortedByRawDescending"]!, "raw"));
        Assert.Equal(down.Select(r => Raw(r.Id)).OrderDescending(), down.Select(r => Raw(r.Id)));
        Assert.Equal("none", Sort(Page["sortedByRawDescending"]!, "flash"));

        var up = Rows(Page["sortedByRawAscending"]!["rows"]!);
        Assert.Equal("ascending", Sort(Page["sortedByRawAscending"]!, "raw"));
        Assert.Equal(up.Select(r => Raw(r.Id)).Order(), up.Select(r => Raw(r.Id)));

        // The raw column shows the bytes the report holds, with digit grouping.
        var first = up[0];
        Assert.Equal(Raw(first.Id).ToString("#,0", System.Globalization.CultureInfo.InvariantCulture), first.Cells[2]);

        var byName = Rows(Page["sortedByName"]!["rows"]!).Select(r => r.Cells[0]).ToList();
        Assert.Equal("ascending", Sort(Page["sortedByName"]!, "label"));
        Assert.Equal(byName.Order(StringComparer.Ordinal), byName);
    }

    private static string Screenshot => Path.Combine(RepoPaths.Root, "artifacts", "test-screenshots", "ipm-report.png");

    private static JsonNode Drive(FootprintFixture fixture)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Screenshot)!);
        File.Delete(Screenshot);
        File.Delete(Screenshot.Replace(".png", "-zoomed.png", StringComparison.Ordinal));
        var script = Path.Combine(RepoPaths.Root, "tests", "Bundler.Integration.Tests", "Footprint", "report-check.js");
        var profile = fixture.Temp("chromium-profile-" + Guid.NewGuid().ToString("N"));
        var result = NodeRunner.RunFile(script, [Path.Combine(fixture.Generated, "ipm-report.html"), Screenshot, ToolLocator.Find("chromium"), profile],
            timeout: TimeSpan.FromMinutes(2)).EnsureSuccess("report-check.js");
        return JsonNode.Parse(result.StdOut)!;
    }

    private static void AssertProportional(IReadOnlyList<Rect> rects, double area)
    {
        var bytes = rects.Sum(r => (double)r.Bytes);
        Assert.Equal(area, rects.Sum(r => r.W * r.H), area * Tolerance);
        Assert.All(rects, r => Assert.Equal(r.Bytes / bytes, r.W * r.H / area, Tolerance));
    }

    private static string? Sort(JsonNode state, string key) =>
        (string?)state["sort"]!.AsArray().Single(h => (string)h!["key"]! == key)!["sort"];

    private static List<Rect> Rects(JsonNode list) => list.AsArray().Select(r => new Rect(
        (string)r!["kind"]!, (string)r["id"]!, (string?)r["pkg"], (long)r["bytes"]!, (double)r["x"]!, (double)r["y"]!, (double)r["w"]!, (double)r["h"]!)).ToList();

    private static List<(string Id, string[] Cells)> Rows(JsonNode list) =>
        list.AsArray().Select(r => ((string)r!["id"]!, r["cells"]!.AsArray().Select(c => (string)c!).ToArray())).ToList();

    private sealed record Rect(string Kind, string Id, string? Package, long Bytes, double X, double Y, double W, double H);
}
