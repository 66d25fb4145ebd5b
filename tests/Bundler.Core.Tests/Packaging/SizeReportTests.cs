using System.Text;
using System.Text.Json;
using Bundler.Core.Packaging;

namespace Bundler.Core.Tests.Packaging;

public sealed class SizeReportTests
{
    private static SizeReport Report(long? budget = null) => new("ipm test", "sha512-abc", true, budget, 200,
    [
        new PackageSize("a", "1.0.0", "/node_modules/a", false, false, 30,
        [
            new FileSize("/node_modules/a/index.js", 1000, "main", 400, 40),
            new FileSize("/node_modules/a/README.md", 5000, null, 0, 0),
            new FileSize("/node_modules/a/package.json", 100, "package.json", 100, 41),
        ]),
        new PackageSize("<b>&</b>", "2.0.0", "/node_modules/<b>&</b>", false, true, 31,
        [
            new FileSize("/node_modules/<b>&</b>/index.js", 3000, "fallback", 2000, 45),
        ]),
        new PackageSize("app", "", "/", true, false, 0, [new FileSize("/main.js", 50, "entry", 20, 25)]),
    ], new Dictionary<string, string>(StringComparer.Ordinal) { ["fs"] = "/main.js:1" });

    [Fact]
    public void Totals_add_the_packages_and_the_fixed_table_bytes()
    {
        var r = Report();
        Assert.Equal(9150, r.RawBytes);
        Assert.Equal(4150, r.PrunedBytes);
        Assert.Equal(2520, r.ShippedBytes);
        Assert.Equal(200 + 30 + 40 + 41 + 31 + 45 + 25, r.TableBytes);
        Assert.Equal(r.ShippedBytes + r.TableBytes, r.FlashBytes);
    }

    [Fact]
    public void Largest_contributors_go_by_flash_with_their_largest_file()
    {
        Assert.Equal("<b>&</b>@2.0.0 2076 (largest file /node_modules/<b>&</b>/index.js 2000), a@1.0.0 611 (largest file /node_modules/a/index.js 400)",
            Report().LargestContributors(2));
    }

    [Fact]
    public void The_summary_table_has_a_row_per_package_by_flash_then_the_tables_and_the_total()
    {
        var lines = Report().SummaryLines(2);
        Assert.Equal(7, lines.Count);
        Assert.Contains("<b>&</b>@2.0.0", lines[2], StringComparison.Ordinal);
        Assert.Contains("a@1.0.0", lines[3], StringComparison.Ordinal);
        Assert.Contains("1 more packages", lines[4], StringComparison.Ordinal);
        Assert.EndsWith(" 4/5       9150       4150       2520      412       2932", lines[6], StringComparison.Ordinal);
    }

    [Fact]
    public void The_json_lists_every_file_and_escapes_markup()
    {
        var bytes = SizeReportJson.Write(Report(budget: 4096));
        var text = Encoding.UTF8.GetString(bytes);
        Assert.DoesNotContain("<", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\r", text, StringComparison.Ordinal);

        using var json = JsonDocument.Parse(bytes);
        var root = json.RootElement;
        Assert.Equal(4096, root.GetProperty("budget").GetInt64());
        Assert.Equal(2932, root.GetProperty("totals").GetProperty("flashBytes").GetInt64());
        Assert.Equal(["/", "/node_modules/<b>&</b>", "/node_modules/a"], root.GetProperty("packages").EnumerateArray().Select(p => p.GetProperty("directory").GetString()));
        var readme = root.GetProperty("packages")[2].GetProperty("files").EnumerateArray().Single(f => f.GetProperty("path").GetString()!.EndsWith("README.md", StringComparison.Ordinal));
        Assert.Equal(JsonValueKind.Null, readme.GetProperty("reason").ValueKind);
        Assert.Equal(5000, readme.GetProperty("raw").GetInt64());
        Assert.Equal(0, readme.GetProperty("pruned").GetInt64());
        Assert.Equal("fs", root.GetProperty("coreModules")[0].GetProperty("name").GetString());
    }

    [Fact]
    public void The_html_page_embeds_the_json_and_loads_nothing()
    {
        var json = SizeReportJson.Write(Report());
        var html = Encoding.UTF8.GetString(SizeReportHtml.Write(json));

        var start = html.IndexOf("<script type=\"application/json\" id=\"ipm-data\">", StringComparison.Ordinal);
        var end = html.IndexOf("</script>", start, StringComparison.Ordinal);
        var embedded = html[(html.IndexOf('>', start) + 1)..end];
        Assert.Equal(Encoding.UTF8.GetString(json).TrimEnd('\n'), embedded);
        Assert.DoesNotContain(" src=", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<link", html, StringComparison.Ordinal);
        Assert.DoesNotContain("@import", html, StringComparison.Ordinal);
        Assert.Equal(["http://www.w3.org/2000/svg"], System.Text.RegularExpressions.Regex.Matches(html, "https?://[^'\" ]+").Select(m => m.Value).Distinct());
        Assert.Contains("default-src 'none'", html, StringComparison.Ordinal);
    }
}
