using System.Text.Json;
using Bundler.Core.Diagnostics;
using Bundler.Core.Generation;
using Bundler.Testing;

namespace Bundler.Core.Tests.Generation;

/// <summary>The iotjs set's outputs, and the manifest keys it relies on (base, when, iotjsBuiltins).</summary>
public sealed class IotjsTemplateSetTests
{
    private static string Iotjs => Path.Combine(RepoPaths.Templates, "iotjs");

    private static ModuleTable Table() => Tables.Echotest() with
    {
        Packages =
        [
            .. Tables.Echotest().Packages,
            new ModulePackage("@s/x", "1.0.0", "/node_modules/@s/x", null),
            new ModulePackage("util", "0.12.0", "/node_modules/util", null),
        ],
        Files = [.. Tables.Echotest().Files, Tables.File("/node_modules/@s/x/index.js", "1;\n"), Tables.File("/node_modules/util/index.js", "2;\n")],
    };

    [Fact]
    public void The_set_writes_an_iotjs_external_module_folder()
    {
        using var temp = new TempDirectory();
        var log = new RecordingBundleLog();
        var written = CodeGenerator.Generate(Table(), Iotjs, temp.Combine("gen"), log);
        string[] expected =
        [
            "ipm.profile", "ipm_binding.c", "ipm_modules.c", "ipm_modules.h", "ipm_resolver.c", "js/echotest.js", "js/ipm.js", "js/ipm_main.js",
            "modules.json",
        ];
        Assert.Equal(expected, written.Select(w => Path.GetRelativePath(temp.Combine("gen"), w).Replace('\\', '/')).Order(StringComparer.Ordinal));

        // The generic set's table and resolver, unchanged, so firmware C can use ipm_modules.h as well.
        using var generic = new TempDirectory();
        CodeGenerator.Generate(Table(), Path.Combine(RepoPaths.Templates, "generic"), generic.Path);
        foreach (var name in new[] { "ipm_modules.c", "ipm_modules.h", "ipm_resolver.c" })
        {
            Assert.Equal(File.ReadAllBytes(generic.Combine(name)), File.ReadAllBytes(temp.Combine("gen", name)));
        }

        using var modules = JsonDocument.Parse(File.ReadAllText(temp.Combine("gen", "modules.json")));
        var names = modules.RootElement.GetProperty("modules").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Equal(["ipm", "ipm_main", "echotest"], names);
        Assert.Equal("js/echotest.js", modules.RootElement.GetProperty("modules").GetProperty("echotest").GetProperty("js_file").GetString());
        Assert.Contains("require('ipm').require('echotest')", File.ReadAllText(temp.Combine("gen", "js", "echotest.js")), StringComparison.Ordinal);
        Assert.Contains("'echotest': true,", File.ReadAllText(temp.Combine("gen", "js", "ipm.js")), StringComparison.Ordinal);
        Assert.Equal(
            "ENABLE_MODULE_IOTJS_BASIC_MODULES\nENABLE_MODULE_IOTJS_CORE_MODULES\nENABLE_MODULE_IPM\nENABLE_MODULE_IPM_MAIN\nENABLE_MODULE_ECHOTEST\n",
            File.ReadAllText(temp.Combine("gen", "ipm.profile")));

        // util is IoT.js's: warned about; @s/x cannot be a builtin: only a detail line.
        var warning = Assert.Single(log.Diagnostics);
        Assert.Equal("IPM8020", warning.Code);
        Assert.Contains("util@0.12.0", warning.Message, StringComparison.Ordinal);
        Assert.Contains(log.Lines, l => l.Contains("@s/x@1.0.0 is not a valid builtin name", StringComparison.Ordinal));
    }

    [Fact]
    public void The_generic_set_reports_nothing_about_builtins()
    {
        using var temp = new TempDirectory();
        var log = new RecordingBundleLog();
        CodeGenerator.Generate(Table(), Path.Combine(RepoPaths.Templates, "generic"), temp.Path, log);
        Assert.Empty(log.Diagnostics);
    }

    [Fact]
    public void A_set_uses_its_bases_templates_and_partials_and_overrides_partials_by_name()
    {
        using var temp = new TempDirectory();
        temp.Write("sets/parent-set/body.hbs", "parent body {{> greet}} {{> other}}\n");
        temp.Write("sets/parent-set/partials/greet.hbs", "parent greet");
        temp.Write("sets/parent-set/partials/other.hbs", "parent other");
        temp.Write("sets/child/partials/greet.hbs", "child greet");
        temp.Write("sets/child/one.hbs", "{{name}}");
        temp.Write("sets/child/template.json", """
            { "base": "parent-set", "outputs": [
                { "template": "body.hbs", "path": "body.txt" },
                { "forEach": "packages", "when": "builtinName", "template": "one.hbs", "path": "one/{{builtinName}}.txt" } ] }
            """);
        var written = CodeGenerator.Generate(Table(), temp.Combine("sets", "child"), temp.Combine("out"));
        Assert.Equal(["body.txt", "one/echotest.txt"], written.Select(w => Path.GetRelativePath(temp.Combine("out"), w).Replace('\\', '/')));
        Assert.Equal("parent body child greet parent other\n", File.ReadAllText(temp.Combine("out", "body.txt")));
    }

    [Theory]
    [InlineData("""{ "outputs": [ { "when": "x", "template": "a.hbs", "path": "a" } ] }""", "'when' needs 'forEach'")]
    [InlineData("""{ "base": "no-such-set", "outputs": [ { "template": "a.hbs", "path": "a" } ] }""", "'base'")]
    [InlineData("""{ "base": "set", "outputs": [ { "template": "a.hbs", "path": "a" } ] }""", "names the set itself")]
    [InlineData("""{ "iotjsBuiltins": "yes", "outputs": [ { "template": "a.hbs", "path": "a" } ] }""", "'iotjsBuiltins' must be true or false")]
    [InlineData("""{ "needsEntry": 1, "outputs": [ { "template": "a.hbs", "path": "a" } ] }""", "'needsEntry' must be true or false")]
    public void Manifest_mistakes_are_coded_errors(string manifest, string why)
    {
        using var temp = new TempDirectory();
        temp.Write("set/a.hbs", "x");
        temp.Write("set/template.json", manifest);
        var e = Assert.Throws<IpmException>(() => CodeGenerator.Generate(Table(), temp.Combine("set"), temp.Combine("out")));
        Assert.Equal("IPM8005", e.Code);
        Assert.Contains(why, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_iotjs_set_runs_an_entry_and_the_generic_set_does_not()
    {
        Assert.True(TemplateManifest.Load(Iotjs).NeedsEntry);
        Assert.False(TemplateManifest.Load(Path.Combine(RepoPaths.Templates, "generic")).NeedsEntry);
    }
}
