using Bundler.Core.Versioning;

namespace Bundler.Core.Tests.Versioning;

/// <summary>
/// The rules npm-pick-manifest's README states (its "Algorithm" section), one case each, on the README's own
/// example packument where it fits. The random comparison with the real package is in
/// <see cref="ManifestPickerDifferentialTests"/>.
/// </summary>
public sealed class ManifestPickerTests
{
    private static readonly Dictionary<string, string> ReadmeTags = new(StringComparer.Ordinal) { ["foo"] = "1.0.1" };

    private static readonly VersionCandidate[] ReadmeVersions =
        [new("1.0.0", false), new("1.0.1", false), new("1.0.2", false), new("2.0.0", false)];

    [Theory]
    [InlineData("foo", "1.0.1")]      // a dist-tag is that exact version
    [InlineData("1.0.2", "1.0.2")]    // a specific version is that version
    [InlineData("^1.0.0", "1.0.2")]   // a range takes the highest satisfying version
    [InlineData("*", "2.0.0")]
    [InlineData("", "2.0.0")]
    [InlineData("3", null)]           // nothing satisfies
    [InlineData("bar", null)]         // no such tag
    public void Readme_packument(string spec, string? expected)
    {
        Assert.Equal(expected, ManifestPicker.Pick(spec, ReadmeTags, ReadmeVersions));
    }

    [Fact]
    public void The_default_tag_wins_when_it_satisfies_the_range()
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal) { ["latest"] = "1.0.1" };
        Assert.Equal("1.0.1", ManifestPicker.Pick("^1.0.0", tags, ReadmeVersions));
        Assert.Equal("2.0.0", ManifestPicker.Pick("^2.0.0", tags, ReadmeVersions));
    }

    [Fact]
    public void Non_deprecated_versions_come_first_then_deprecated_ones()
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal) { ["latest"] = "1.0.2" };
        VersionCandidate[] versions = [new("1.0.0", false), new("1.0.1", false), new("1.0.2", true), new("1.1.0", true)];
        Assert.Equal("1.0.1", ManifestPicker.Pick("^1.0.0", tags, versions));
        Assert.Equal("1.1.0", ManifestPicker.Pick("^1.1.0", tags, versions));

        // A tag or an exact version is taken as it is, deprecated or not.
        Assert.Equal("1.0.2", ManifestPicker.Pick("latest", tags, versions));
        Assert.Equal("1.1.0", ManifestPicker.Pick("1.1.0", tags, versions));
    }

    [Fact]
    public void Prereleases_only_where_the_range_names_them()
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal) { ["latest"] = "1.0.0", ["beta"] = "1.1.0-beta.2" };
        VersionCandidate[] versions =
            [new("1.0.0", false), new("1.1.0-beta.1", false), new("1.1.0-beta.2", false), new("3.1.0-SNAPSHOT", false)];
        Assert.Equal("1.0.0", ManifestPicker.Pick("^1.0.1 || ^1.0.0", tags, versions));
        Assert.Null(ManifestPicker.Pick("^1.0.1", tags, versions));
        Assert.Equal("1.1.0-beta.2", ManifestPicker.Pick("^1.1.0-beta.1", tags, versions));
        Assert.Equal("1.1.0-beta.2", ManifestPicker.Pick("beta", tags, versions));
        Assert.Equal("3.1.0-SNAPSHOT", ManifestPicker.Pick("^3.1.0-SNAPSHOT", tags, versions));
        Assert.Equal("3.1.0-SNAPSHOT", ManifestPicker.Pick("3.1.0-SNAPSHOT", tags, versions));
    }

    [Fact]
    public void Unparseable_versions_are_skipped_and_reported()
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        VersionCandidate[] versions = [new("1.0", false), new("v1.0.1", false), new("1.0.2.3", false), new("1.0.0", false)];
        Assert.Equal("v1.0.1", ManifestPicker.Pick("^1", tags, versions));
        Assert.Equal(["1.0", "1.0.2.3"], ManifestPicker.Unparseable(versions));
    }

    [Theory]
    [InlineData("foo bar")]
    [InlineData("a/b")]
    [InlineData("file:../x")]
    [InlineData("npm:other@1")]
    [InlineData(".beta")]
    [InlineData("x.tgz")]
    public void Specs_that_are_neither_range_nor_tag_throw(string spec)
    {
        Assert.Throws<FormatException>(() => ManifestPicker.Pick(spec, ReadmeTags, ReadmeVersions));
    }
}
