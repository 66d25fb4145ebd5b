using System.Text.RegularExpressions;
using System.Xml.Linq;
using Bundler.Testing;

namespace Bundler.Tasks.Tests.Packaging;

/// <summary>
/// The package README is the reference and the repository README shows a complete project with every property at
/// its default: both are read against the props and targets files, so neither can fall behind them.
/// </summary>
public sealed partial class DocumentationTests
{
    private static readonly string Build = Path.Combine(RepoPaths.Root, "src", "Bundler.Tasks", "build");

    [Fact]
    public void The_readme_project_sets_every_property_to_the_default_the_props_file_gives()
    {
        var defaults = Properties("Ipm.Bundler.props");
        var shown = ReadmeProject().Descendants().Where(e => e.Parent?.Name.LocalName == "PropertyGroup" && e.Name.LocalName.StartsWith("Ipm", StringComparison.Ordinal))
            .ToDictionary(e => e.Name.LocalName, e => e.Value, StringComparer.Ordinal);

        Assert.Equal(Surface(), shown.Keys.Order(StringComparer.Ordinal));
        // A default the props file gives is written out; one that is computed later (or means "unset") is empty.
        Assert.All(shown, p => Assert.Equal(defaults.GetValueOrDefault(p.Key, ""), p.Value));
    }

    [Fact]
    public void The_readme_project_shows_every_item_metadata()
    {
        var module = ReadmeProject().Descendants().First(e => e.Name.LocalName == "IpmModule" && e.Attribute("Version") is not null);

        Assert.Equal(["ExcludeFiles", "Files", "Include", "Registry", "Version"],
            module.Attributes().Select(a => a.Name.LocalName).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_package_readme_has_a_row_for_every_property_and_item_metadata()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "src", "Bundler.Tasks", "README.md"));
        var rows = TableRow().Matches(readme).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);

        var expected = Surface().Concat(["Version", "Registry", "Files", "ExcludeFiles"]);
        Assert.All(expected, name => Assert.Contains(name, rows));
    }

    /// <summary>Every public property the props and targets read: <c>$(IpmX)</c> anywhere in them.</summary>
    private static IReadOnlyList<string> Surface() =>
        new[] { "Ipm.Bundler.props", "Ipm.Bundler.targets" }
            .SelectMany(f => PropertyReference().Matches(File.ReadAllText(Path.Combine(Build, f))).Select(m => m.Groups[1].Value))
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>Public (not underscore) properties a file sets only when unset, with the value it sets.</summary>
    private static Dictionary<string, string> Properties(string file) =>
        XDocument.Load(Path.Combine(Build, file)).Descendants()
            .Where(e => e.Parent?.Name.LocalName == "PropertyGroup" && !e.Name.LocalName.StartsWith('_')
                && (string?)e.Attribute("Condition") == $"'$({e.Name.LocalName})' == ''")
            .GroupBy(e => e.Name.LocalName, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Value, StringComparer.Ordinal);

    private static XDocument ReadmeProject()
    {
        var readme = File.ReadAllText(Path.Combine(RepoPaths.Root, "README.md"));
        var section = readme[readme.IndexOf("\n## MSBuild\n", StringComparison.Ordinal)..];
        var block = XmlBlock().Match(section);
        Assert.True(block.Success, "README.md's MSBuild section has no xml block");
        return XDocument.Parse(block.Groups[1].Value);
    }

    [GeneratedRegex(@"```xml\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex XmlBlock();

    [GeneratedRegex(@"\$\((Ipm\w+)\)")]
    private static partial Regex PropertyReference();

    [GeneratedRegex(@"^\| `(\w+)` \|", RegexOptions.Multiline)]
    private static partial Regex TableRow();
}
