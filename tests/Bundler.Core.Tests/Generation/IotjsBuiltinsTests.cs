using Bundler.Core.Diagnostics;
using Bundler.Core.Generation;

namespace Bundler.Core.Tests.Generation;

public sealed class IotjsBuiltinsTests
{
    [Theory]
    [InlineData("echotest", true)]
    [InlineData("left_pad", true)]
    [InlineData("_x9", true)]
    [InlineData("left-pad", false)]
    [InlineData("@scope/x", false)]
    [InlineData("Echo", false)]
    [InlineData("3d", false)] // js2c would emit the array 3d_s
    [InlineData("a.b", false)]
    [InlineData("", false)]
    public void Only_lower_case_c_identifiers_can_be_builtins(string name, bool valid) =>
        Assert.Equal(valid, IotjsBuiltins.IsValidName(name));

    [Theory]
    [InlineData("events")]
    [InlineData("fs")]
    [InlineData("mqtt")]
    [InlineData("iotjs_core_modules")]
    [InlineData("builtin")]
    [InlineData("ipm")]
    [InlineData("ipm_main")]
    public void Iotjs_and_set_module_names_are_taken(string name) => Assert.True(IotjsBuiltins.IsTaken(name));

    [Fact]
    public void Only_top_level_packages_become_builtins_and_clashes_are_flagged()
    {
        var table = Table(
            ("echotest", "/node_modules/echotest"),
            ("events", "/node_modules/events"),
            ("left-pad", "/node_modules/left-pad"),
            ("fs", "/node_modules/a/node_modules/fs"),
            ("nested", "/node_modules/a/node_modules/nested"));
        var data = TemplateData.Build(table);
        var packages = ((List<Dictionary<string, object?>>)data["packages"]!).ToDictionary(p => (string)p["directory"]!, StringComparer.Ordinal);
        Assert.Equal("echotest", packages["/node_modules/echotest"]["builtinName"]);
        Assert.Equal("ENABLE_MODULE_ECHOTEST", packages["/node_modules/echotest"]["builtinEnableMacro"]);
        Assert.Equal(false, packages["/node_modules/echotest"]["builtinClash"]);
        Assert.Null(packages["/node_modules/events"]["builtinName"]);
        Assert.Equal(true, packages["/node_modules/events"]["builtinClash"]);
        Assert.Null(packages["/node_modules/left-pad"]["builtinName"]);
        Assert.Equal(false, packages["/node_modules/left-pad"]["builtinClash"]);
        Assert.Equal(false, packages["/node_modules/a/node_modules/fs"]["isTopLevel"]);
        Assert.Equal(false, packages["/node_modules/a/node_modules/fs"]["builtinClash"]);
        Assert.Null(packages["/node_modules/a/node_modules/nested"]["builtinName"]);

        var builtins = (List<Dictionary<string, object?>>)data["builtins"]!;
        Assert.Equal(["echotest"], builtins.Select(b => (string)b["name"]!));
    }

    [Fact]
    public void A_clash_is_a_warning_naming_the_package_and_how_to_reach_it()
    {
        var log = new RecordingBundleLog();
        IotjsBuiltins.Report(Table(("events", "/node_modules/events"), ("ipm", "/node_modules/ipm"), ("left-pad", "/node_modules/left-pad"), ("fs", "/node_modules/x/node_modules/fs")), log);
        Assert.Equal(["IPM8020", "IPM8020"], log.Diagnostics.Select(d => d.Code));
        Assert.All(log.Diagnostics, d => Assert.Equal(Severity.Warning, d.Severity));
        var events = log.Diagnostics[0].Message;
        Assert.Contains("events@1.0.0", events, StringComparison.Ordinal);
        Assert.Contains("IoT.js already has a module named 'events'", events, StringComparison.Ordinal);
        Assert.Contains("require('ipm').require('events')", events, StringComparison.Ordinal);
        Assert.Contains("ipm already has a module named 'ipm'", log.Diagnostics[1].Message, StringComparison.Ordinal);
    }

    private static ModuleTable Table(params (string Name, string Directory)[] packages) => new(
        packages.Select(p => new ModulePackage(p.Name, "1.0.0", p.Directory, p.Directory + "/index.js")).ToList(),
        packages.Select(p => Tables.File(p.Directory + "/index.js", "module.exports = 1;\n")).ToList(),
        "sha512-AAAA",
        "ipm 0.1.0-test",
        null);
}
