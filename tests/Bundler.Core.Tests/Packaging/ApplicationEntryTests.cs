using Bundler.Core.Diagnostics;

namespace Bundler.Core.Tests.Packaging;

/// <summary>
/// Which file is the application entry when <c>--entry</c> is not given: the main of the one declared module that
/// is a local folder package; otherwise none, with a warning when the template runs the entry.
/// </summary>
public sealed class ApplicationEntryTests
{
    private static ContentKit LocalApp(ContentKit kit, string name, string main = "main.js") =>
        kit.Package("/node_modules/" + name, main: main, topLevel: true, local: true, files:
        [
            (main, "var lib = require('lib');\nmodule.exports = lib + '" + name + "';\n"),
            ("unused.js", "module.exports = 'not required';\n"),
        ]);

    private static ContentKit WithLibrary(ContentKit kit) =>
        kit.Package("/node_modules/lib", main: "index.js", topLevel: true, files: [("index.js", "module.exports = 'lib';\n")]);

    [Fact]
    public void The_main_of_the_single_local_folder_module_is_the_entry()
    {
        using var kit = WithLibrary(LocalApp(new ContentKit(), "sample-app", main: "src/app.js"));
        var log = new RecordingBundleLog();

        var model = kit.Build(log: log, templateNeedsEntry: true);

        Assert.Equal("/node_modules/sample-app/src/app.js", model.Table.Entry);
        Assert.Empty(log.Diagnostics);
        Assert.Contains(log.Lines, l => l.Contains("application entry: /node_modules/sample-app/src/app.js", StringComparison.Ordinal));
        Assert.Equal("entry", model.Report.Packages.Single(p => p.Name == "sample-app").Files.Single(f => f.Path.EndsWith("/src/app.js", StringComparison.Ordinal)).Reason);
        // Pruning still treats it as a main: what it requires ships, what nothing requires does not.
        var paths = model.Table.Files.Select(f => f.VirtualPath).ToList();
        Assert.Contains("/node_modules/lib/index.js", paths);
        Assert.DoesNotContain("/node_modules/sample-app/unused.js", paths);
    }

    [Fact]
    public void An_entry_given_with_the_option_wins_over_the_local_folder_module()
    {
        using var kit = LocalApp(WithLibrary(new ContentKit()), "sample-app").ProjectFile("boot.js", "require('lib');\n");
        var log = new RecordingBundleLog();

        var model = kit.Build(kit.Request("boot.js"), log, templateNeedsEntry: true);

        Assert.Equal("/boot.js", model.Table.Entry);
        Assert.Empty(log.Diagnostics);
    }

    [Fact]
    public void A_local_folder_package_that_is_only_a_dependency_or_a_registry_module_is_not_an_entry()
    {
        using var kit = WithLibrary(new ContentKit())
            .Package("/node_modules/helper", main: "index.js", topLevel: false, local: true, files: [("index.js", "module.exports = 1;\n")]);
        var log = new RecordingBundleLog();

        var model = kit.Build(log: log, templateNeedsEntry: true);

        Assert.Null(model.Table.Entry);
        var warning = Assert.Single(log.Diagnostics);
        Assert.Equal(("IPM7009", Severity.Warning), (warning.Code, warning.Severity));
        Assert.Contains("--entry FILE (MSBuild: IpmEntry)", warning.Message, StringComparison.Ordinal);
        Assert.Contains("file:", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_local_folder_modules_leave_the_choice_to_the_user()
    {
        using var kit = LocalApp(LocalApp(WithLibrary(new ContentKit()), "app-two"), "app-one");
        var log = new RecordingBundleLog();

        var model = kit.Build(log: log, templateNeedsEntry: true);

        Assert.Null(model.Table.Entry);
        var warning = Assert.Single(log.Diagnostics);
        Assert.Equal(("IPM7010", Severity.Warning), (warning.Code, warning.Severity));
        Assert.Contains("(app-one, app-two)", warning.Message, StringComparison.Ordinal);
        Assert.Contains("--entry FILE (MSBuild: IpmEntry)", warning.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_template_that_runs_no_entry_is_not_warned_about_a_missing_one()
    {
        using var none = WithLibrary(new ContentKit());
        using var several = LocalApp(LocalApp(WithLibrary(new ContentKit()), "app-two"), "app-one");
        var log = new RecordingBundleLog();

        Assert.Null(none.Build(log: log).Table.Entry);
        Assert.Null(several.Build(log: log).Table.Entry);
        Assert.Empty(log.Diagnostics);
    }
}
