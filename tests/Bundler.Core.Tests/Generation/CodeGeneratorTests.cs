using Bundler.Core.Diagnostics;
using Bundler.Core.Generation;
using Bundler.Testing;

namespace Bundler.Core.Tests.Generation;

public sealed class CodeGeneratorTests
{
    private static string Generic => Path.Combine(RepoPaths.Templates, "generic");

    [Fact]
    public void Generic_set_writes_header_and_source_with_generator_and_digest()
    {
        using var temp = new TempDirectory();
        var output = temp.Combine("gen");
        var files = CodeGenerator.Generate(Tables.Echotest(), Generic, output);
        Assert.Equal([Path.Combine(output, "ipm_modules.c"), Path.Combine(output, "ipm_modules.h"), Path.Combine(output, "ipm_resolver.c")], files);
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            var perBundle = !file.EndsWith("ipm_resolver.c", StringComparison.Ordinal);
            Assert.Equal(perBundle, text.Contains("ipm 0.1.0-test", StringComparison.Ordinal));
            Assert.Equal(perBundle, text.Contains("sha512-AAAA", StringComparison.Ordinal));
            Assert.DoesNotContain('\r', text);
            Assert.DoesNotContain(DateTime.UtcNow.Year.ToString(System.Globalization.CultureInfo.InvariantCulture), text, StringComparison.Ordinal);
        }

        var c = File.ReadAllText(files[0]);
        Assert.Contains("/* /node_modules/echotest/index.js (echotest@0.0.1 /node_modules/echotest) */", c, StringComparison.Ordinal);
        Assert.Contains("static const unsigned char ipm_node_modules_echotest_index_js[45] IPM_NONSTRING =", c, StringComparison.Ordinal);
    }

    [Fact]
    public void The_resolver_source_is_the_same_for_every_bundle()
    {
        // Different packages, counts, digest, generator, entry, and a path long enough to raise pathMax: only
        // ipm_modules.c and ipm_modules.h may change, so a firmware build's resolver never does.
        using var temp = new TempDirectory();
        var longPath = "/node_modules/deep/" + new string('d', 300) + ".js";
        var tables = new[]
        {
            Tables.Echotest(),
            new ModuleTable(
                [new ModulePackage("deep", "2.0.0", "/node_modules/deep", longPath), new ModulePackage("other", "1.0.0", "/node_modules/other", null)],
                [Tables.File(longPath, "exports.x = 1;\n"), Tables.File("/node_modules/other/index.js", "2;\n")],
                "sha512-BBBB", "ipm 9.9.9", null),
            new ModuleTable([], [], "sha512-EMPTY", "ipm test", null),
        };
        var outputs = tables.Select((t, i) => CodeGenerator.Generate(t, Generic, temp.Combine("gen" + i))).ToList();
        var resolvers = outputs.Select(o => File.ReadAllBytes(o.Single(f => f.EndsWith("ipm_resolver.c", StringComparison.Ordinal)))).ToList();
        Assert.All(resolvers, r => Assert.Equal(resolvers[0], r));
        foreach (var perBundle in new[] { "ipm_modules.c", "ipm_modules.h" })
        {
            var texts = outputs.Select(o => File.ReadAllText(o.Single(f => f.EndsWith(perBundle, StringComparison.Ordinal)))).ToList();
            Assert.Equal(texts.Count, texts.Distinct(StringComparer.Ordinal).Count());
        }

        // Identical text is not enough if it names a macro whose value differs per bundle: the counts are read
        // through the variables, the only macro it may use is IPM_PATH_MAX (a setting, overridable).
        var resolver = File.ReadAllText(temp.Combine("gen0", "ipm_resolver.c"));
        Assert.DoesNotContain("IPM_FILE_COUNT", resolver, StringComparison.Ordinal);
        Assert.DoesNotContain("IPM_PACKAGE_COUNT", resolver, StringComparison.Ordinal);
        Assert.Contains("ipm_file_count", resolver, StringComparison.Ordinal);
        Assert.Contains("ipm_package_count", resolver, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_is_deterministic_whatever_the_input_order()
    {
        using var temp = new TempDirectory();
        var table = Tables.Echotest();
        var shuffled = table with { Files = table.Files.Reverse().ToList() };
        var a = CodeGenerator.Generate(table, Generic, temp.Combine("a"));
        var b = CodeGenerator.Generate(shuffled, Generic, temp.Combine("b"));
        for (var i = 0; i < a.Count; i++)
        {
            Assert.Equal(File.ReadAllBytes(a[i]), File.ReadAllBytes(b[i]));
        }
    }

    [Fact]
    public void An_existing_folder_is_replaced_as_a_whole()
    {
        using var temp = new TempDirectory();
        var output = temp.Combine("gen");
        temp.Write("gen/stale.c", "int stale;");
        CodeGenerator.Generate(Tables.Echotest(), Generic, output);
        Assert.Equal(["ipm_modules.c", "ipm_modules.h", "ipm_resolver.c"], Directory.GetFiles(output).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(["gen"], Directory.GetFileSystemEntries(temp.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_failing_template_leaves_the_previous_output_and_no_staging_folder()
    {
        using var temp = new TempDirectory();
        var output = temp.Combine("out", "gen");
        CodeGenerator.Generate(Tables.Echotest(), Generic, output);
        var before = File.ReadAllBytes(Path.Combine(output, "ipm_modules.c"));
        temp.Write("broken/a.c.hbs", "{{#each files}}{{symbol}}\n{{/each}}");
        temp.Write("broken/b.c.hbs", "{{#each files}}{{no_such_value}}{{/each}}");
        var e = Assert.Throws<IpmException>(() => CodeGenerator.Generate(Tables.Echotest(), temp.Combine("broken"), output));
        Assert.Equal("IPM8004", e.Code);
        Assert.Contains("b.c.hbs", e.Message, StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllBytes(Path.Combine(output, "ipm_modules.c")));
        Assert.Equal(["gen"], Directory.GetFileSystemEntries(temp.Combine("out")).Select(Path.GetFileName));
    }

    [Fact]
    public void A_template_that_does_not_parse_is_a_coded_error()
    {
        using var temp = new TempDirectory();
        temp.Write("bad/x.hbs", "{{#each files}}");
        var e = Assert.Throws<IpmException>(() => CodeGenerator.Generate(Tables.Echotest(), temp.Combine("bad"), temp.Combine("gen")));
        Assert.Equal("IPM8003", e.Code);
        Assert.False(Directory.Exists(temp.Combine("gen")));
    }

    [Fact]
    public void Unchanged_output_keeps_its_file_times()
    {
        using var temp = new TempDirectory();
        var output = temp.Combine("gen");
        var files = CodeGenerator.Generate(Tables.Echotest(), Generic, output);
        var old = new DateTime(2001, 1, 1, 0, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(files[0], old);
        CodeGenerator.Generate(Tables.Echotest(), Generic, output);
        Assert.Equal(old, File.GetLastWriteTimeUtc(files[0]));
    }

    [Fact]
    public void Manifest_outputs_repeat_per_file_and_per_package()
    {
        using var temp = new TempDirectory();
        temp.Write("set/template.json", """
            { "outputs": [
                { "forEach": "files", "content": "bytes", "path": "js/{{symbol}}.js" },
                { "forEach": "packages", "template": "pkg.hbs", "path": "pkg/{{index}}.txt" },
                { "template": "list.hbs", "path": "list.txt" } ] }
            """);
        temp.Write("set/pkg.hbs", "{{name}}@{{version}} {{root.lockDigest}} {{cstring directory}}\n");
        temp.Write("set/list.hbs", "{{#each files}}{{> item}}{{/each}}");
        temp.Write("set/partials/item.hbs", "{{path}}\r\n");
        var table = Tables.Echotest();
        var files = CodeGenerator.Generate(table, temp.Combine("set"), temp.Combine("gen"));
        Assert.Equal(5, files.Count);
        Assert.Equal(table.Files[0].Content, File.ReadAllBytes(temp.Combine("gen", "js", "ipm_node_modules_echotest_index_js.js")));
        Assert.Equal("echotest@0.0.1 sha512-AAAA \"/node_modules/echotest\"\n", File.ReadAllText(temp.Combine("gen", "pkg", "0.txt")));
        Assert.Equal("/app/main.js\n/node_modules/echotest/index.js\n/node_modules/echotest/package.json\n", File.ReadAllText(temp.Combine("gen", "list.txt")));
    }

    [Theory]
    [InlineData("""{ "outputs": [ { "template": "x.hbs", "path": "same" }, { "template": "x.hbs", "path": "same" } ] }""", "IPM8012")]
    [InlineData("""{ "outputs": [ { "template": "x.hbs", "path": "../escape" } ] }""", "IPM8004")]
    [InlineData("""{ "outputs": [ { "template": "missing.hbs", "path": "a" } ] }""", "IPM8005")]
    [InlineData("""{ "outputs": [ { "content": "bytes", "path": "a" } ] }""", "IPM8005")]
    [InlineData("""{ "outputs": [] }""", "IPM8005")]
    [InlineData("""{ "outputs": [ """, "IPM8005")]
    public void Bad_manifests_are_coded_errors(string manifest, string code)
    {
        using var temp = new TempDirectory();
        temp.Write("set/template.json", manifest);
        temp.Write("set/x.hbs", "x");
        var e = Assert.Throws<IpmException>(() => CodeGenerator.Generate(Tables.Echotest(), temp.Combine("set"), temp.Combine("gen")));
        Assert.Equal(code, e.Code);
    }

    [Fact]
    public void Invalid_tables_are_coded_errors_naming_the_path()
    {
        var good = Tables.Echotest();
        var cases = new (ModuleTable Table, string Code, string Names)[]
        {
            (good with { Files = [.. good.Files, Tables.File("/app/main.js", "")] }, "IPM8007", "/app/main.js"),
            (good with { Files = [Tables.File("app/x.js", "")], Packages = [], Entry = null }, "IPM8006", "app/x.js"),
            (good with { Files = [Tables.File("/app/../x.js", "")], Packages = [], Entry = null }, "IPM8006", "/app/../x.js"),
            (good with { Entry = "/app/none.js" }, "IPM8010", "/app/none.js"),
            (good with { Packages = [good.Packages[0] with { Main = "/node_modules/echotest/x.js" }] }, "IPM8009", "/node_modules/echotest/x.js"),
            (good with { Packages = [good.Packages[0], good.Packages[0]] }, "IPM8008", "/node_modules/echotest"),
        };
        using var temp = new TempDirectory();
        foreach (var (table, code, names) in cases)
        {
            var e = Assert.Throws<IpmException>(() => CodeGenerator.Generate(table, Generic, temp.Combine("gen")));
            Assert.Equal(code, e.Code);
            Assert.Contains(names, e.Message, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_output_folder_may_not_hold_the_template_set()
    {
        using var temp = new TempDirectory();
        temp.Write("out/set/x.hbs", "x");
        var e = Assert.Throws<IpmException>(() => CodeGenerator.Generate(Tables.Echotest(), temp.Combine("out", "set"), temp.Combine("out")));
        Assert.Equal("IPM8011", e.Code);
        Assert.True(File.Exists(temp.Combine("out", "set", "x.hbs")));
    }

    [Fact]
    public void An_empty_table_still_renders()
    {
        using var temp = new TempDirectory();
        var empty = new ModuleTable([], [], "sha512-EMPTY", "ipm test", null);
        var files = CodeGenerator.Generate(empty, Generic, temp.Combine("gen"));
        Assert.Contains("#define IPM_FILE_COUNT 0", File.ReadAllText(files[1]), StringComparison.Ordinal);
    }
}
