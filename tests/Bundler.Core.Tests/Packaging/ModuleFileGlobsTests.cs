using Bundler.Core.Diagnostics;
using Bundler.Core.Pipeline;

namespace Bundler.Core.Tests.Packaging;

public sealed class ModuleFileGlobsTests
{
    private static readonly ModuleRequest[] Modules =
    [
        new("moment", "^2") { Files = "locale/de.js" },
        new("@s/c", "1.x"),
        new("", "file:../app"),
    ];

    [Fact]
    public void Plain_globs_go_to_every_module_and_named_ones_to_that_module_only()
    {
        var result = ModuleFileGlobs.Apply(Modules, ["moment=locale/fr.js;locale/it.js", "dist/*.json", "@s/c=extra/**"], ["@s/c=**/*.map"]);

        Assert.Equal("locale/de.js;dist/*.json;locale/fr.js;locale/it.js", result[0].Files);
        Assert.Equal("dist/*.json;extra/**", result[1].Files);
        Assert.Equal("dist/*.json", result[2].Files);
        Assert.Null(result[0].ExcludeFiles);
        Assert.Equal("**/*.map", result[1].ExcludeFiles);
    }

    [Fact]
    public void Nothing_given_changes_nothing()
    {
        Assert.Equal(Modules, ModuleFileGlobs.Apply(Modules, [], []));
    }

    [Fact]
    public void A_name_that_is_not_declared_is_an_error()
    {
        var e = Assert.Throws<IpmException>(() => ModuleFileGlobs.Apply(Modules, [], ["lodash=*.md"]));
        Assert.Equal("IPM7008", e.Code);
        Assert.Contains("--exclude-files names 'lodash'", e.Diagnostic.Message, StringComparison.Ordinal);
    }
}
