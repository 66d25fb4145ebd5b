using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Bundler.Testing;

namespace Bundler.Integration.Tests.Iotjs;

/// <summary>
/// The generated folder as IoT.js's build reads it (cmake/iotjs.cmake, tools/js2c.py): modules.json, the
/// profile, the native files and their init functions, and JavaScript that js2c and JerryScript's es5.1
/// profile take as it is.
/// </summary>
[Collection(IotjsBundleCollection.Name)]
public sealed partial class IotjsModuleDirectoryTests(IotjsBundleFixture bundle)
{
    [Fact]
    public void Modules_json_names_valid_modules_and_files_that_exist()
    {
        var modules = ReadModules();
        Assert.Contains("ipm", modules.Keys);
        Assert.Contains("ipm_main", modules.Keys);
        foreach (var (name, spec) in modules)
        {
            Assert.Matches(ModuleName(), name);
            var js = (string)spec["js_file"]!;
            Assert.True(File.Exists(Path.Combine(bundle.Generated, js)), $"{name}: {js} is missing");
            foreach (var native in spec["native_files"]?.AsArray() ?? [])
            {
                Assert.True(File.Exists(Path.Combine(bundle.Generated, (string)native!)), $"{name}: {native} is missing");
            }

            foreach (var required in spec["require"]?.AsArray() ?? [])
            {
                Assert.True(modules.ContainsKey((string)required!) || (string)required! == "module", $"{name} requires unknown {required}");
            }
        }

        // A builtin for each top-level package with a builtin-able name; none for events (IoT.js has one),
        // left-pad and @scope/x (not identifiers) or the nested beta.
        Assert.Equal(["alpha", "beta", "cyc", "deep", "ipm", "ipm_main"], modules.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_init_function_is_defined_by_the_native_files()
    {
        var spec = ReadModules()["ipm"];
        var init = (string)spec["init"]!;
        var symbols = new List<string>();
        foreach (var native in spec["native_files"]!.AsArray())
        {
            var obj = Path.Combine(bundle.Scratch("nm"), Path.GetFileName((string)native!) + ".o");
            string[] args = ["-std=c99", "-I" + IotjsBundleFixture.Source("stubs"), "-I" + bundle.Generated, "-c", "-o", obj, Path.Combine(bundle.Generated, (string)native!)];
            ProcessRunner.Run(CCompiler.Gcc, args).EnsureSuccess("gcc");
            symbols.AddRange(ProcessRunner.Run(CCompiler.Find("nm"), ["-g", "--defined-only", obj]).EnsureSuccess("nm").StdOut.Split('\n'));
        }

        Assert.Contains(symbols, s => s.EndsWith(" T " + init, StringComparison.Ordinal));
    }

    [Fact]
    public void The_profile_enables_iotjs_defaults_and_every_generated_module_and_nothing_else()
    {
        var text = File.ReadAllText(Path.Combine(bundle.Generated, "ipm.profile"));
        Assert.EndsWith("\n", text, StringComparison.Ordinal);

        // cmake/iotjs.cmake strips only a comment at the very start of the file: none may be there at all.
        var lines = text[..^1].Split('\n');
        Assert.All(lines, l => Assert.Matches("^ENABLE_MODULE_[A-Z0-9_]+$", l));
        var expected = ReadModules().Keys.Select(n => "ENABLE_MODULE_" + n.ToUpperInvariant())
            .Concat(["ENABLE_MODULE_IOTJS_BASIC_MODULES", "ENABLE_MODULE_IOTJS_CORE_MODULES"]);
        Assert.Equal(expected.Order(StringComparer.Ordinal), lines.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void The_javascript_is_ascii_es5_without_regex_literals_and_survives_js2c_comment_stripping()
    {
        var files = Directory.GetFiles(Path.Combine(bundle.Generated, "js")).Order(StringComparer.Ordinal).ToList();
        Assert.All(files, f => Assert.All(File.ReadAllBytes(f), b => Assert.True(b is < 0x80 and (>= 0x20 or 0x0a), $"{f}: byte {b}")));
        var report = NodeRunner.Evaluate("""
            var acorn = require('acorn');
            var fs = require('fs');
            // tools/js2c.py: remove_comments() (re.MULTILINE | re.DOTALL), then remove_whitespaces().
            var js2c = /("[\s\S]*?"|'[\s\S]*?')|(\/\*[\s\S]*?\*\/|\/\/[^\r\n]*$)/gm;
            function strip(code) {
              code = code.replace(js2c, function (m, quoted) { return quoted === undefined ? '' : quoted; });
              return code.replace(/\n +/g, '\n').replace(/\n+/g, '\n');
            }
            function tokens(code) {
              var wrapped = '(function (exports, require, module, native) {' + code + '\n})';
              return Array.from(acorn.tokenizer(wrapped, { ecmaVersion: 5 }), function (t) {
                return (t.type.label === 'regexp' ? 'REGEXP ' : '') + t.type.label + ' ' + t.value;
              });
            }
            return input.map(function (file) {
              var code = fs.readFileSync(file, 'utf8');
              acorn.parse('(function (exports, require, module, native) {' + code + '\n})', { ecmaVersion: 5 });
              var original = tokens(code);
              return {
                file: file,
                regexps: original.filter(function (t) { return t.indexOf('REGEXP') === 0; }).length,
                sameAfterJs2c: JSON.stringify(original) === JSON.stringify(tokens(strip(code))),
              };
            });
            """, new JsonArray([.. files.Select(f => JsonValue.Create(f))]))!.AsArray();
        Assert.Equal(files.Count, report.Count);
        Assert.All(report, r =>
        {
            Assert.Equal(0, (int)r!["regexps"]!);
            Assert.True((bool)r["sameAfterJs2c"]!, $"{r["file"]} changes meaning under js2c's comment stripping");
        });
    }

    private Dictionary<string, JsonObject> ReadModules()
    {
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(bundle.Generated, "modules.json")), documentOptions: new JsonDocumentOptions())!;
        return json["modules"]!.AsObject().ToDictionary(p => p.Key, p => p.Value!.AsObject(), StringComparer.Ordinal);
    }

    [GeneratedRegex("^[a-z0-9_]+$")]
    private static partial Regex ModuleName();
}
