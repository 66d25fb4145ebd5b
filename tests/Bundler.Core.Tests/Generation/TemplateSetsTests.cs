using Bundler.Core.Diagnostics;
using Bundler.Core.Generation;
using Bundler.Testing;

namespace Bundler.Core.Tests.Generation;

public sealed class TemplateSetsTests
{
    [Fact]
    public void A_name_finds_a_shipped_set_and_a_path_is_taken_as_is()
    {
        using var temp = new TempDirectory();
        temp.Write("shipped/generic/a.hbs", "");
        temp.Write("shipped/iotjs/a.hbs", "");
        temp.Write("project/mine/a.hbs", "");
        string[] roots = [temp.Combine("shipped")];
        Assert.Equal(temp.Combine("shipped", "generic"), TemplateSets.Resolve("generic", temp.Combine("project"), roots));
        Assert.Equal(temp.Combine("project", "mine"), TemplateSets.Resolve("./mine", temp.Combine("project"), roots));
        Assert.Equal(temp.Combine("project", "mine"), TemplateSets.Resolve("mine", temp.Combine("project"), roots));
        Assert.Equal(temp.Combine("project", "mine"), TemplateSets.Resolve(temp.Combine("project", "mine"), null, roots));
    }

    [Fact]
    public void An_unknown_name_is_a_coded_error_listing_the_shipped_sets()
    {
        using var temp = new TempDirectory();
        temp.Write("shipped/iotjs/a.hbs", "");
        temp.Write("shipped/generic/a.hbs", "");
        var e = Assert.Throws<IpmException>(() => TemplateSets.Resolve("zephyr", temp.Path, [temp.Combine("shipped")]));
        Assert.Equal("IPM8001", e.Code);
        Assert.Contains("'zephyr'", e.Message, StringComparison.Ordinal);
        Assert.Contains("generic, iotjs", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Shipped_roots_are_beside_the_core_assembly()
    {
        var coreDir = Path.GetDirectoryName(typeof(TemplateSets).Assembly.Location)!;
        Assert.Equal(Path.Combine(coreDir, "templates"), TemplateSets.ShippedRoots[0]);
    }
}
