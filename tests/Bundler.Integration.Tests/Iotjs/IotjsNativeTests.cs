using System.Text;
using Bundler.Core.Generation;
using Bundler.Integration.Tests.Generation;
using Bundler.Testing;

namespace Bundler.Integration.Tests.Iotjs;

/// <summary>
/// The generated ipm_binding.c: compiled with strict flags against the declarations of the JerryScript 2.4 and
/// IoT.js functions it calls (stubs/iotjs_def.h), and run over a fake engine (c/binding_probe.c) that prints
/// exactly what the binding hands JerryScript.
/// </summary>
public sealed class IotjsNativeTests : IDisposable
{
    private const string Params = "exports, require, module, __filename, __dirname";

    private readonly TempDirectory _temp = new("ipm-iotjs-native");

    private static readonly IReadOnlyList<ModuleFile> Files =
    [
        Text("/node_modules/p/index.js", "module.exports = 1;\n"),
        Text("/node_modules/p/package.json", "{\"name\":\"p\",\"version\":\"1.0.0\"}"),
        Text("/app/bom.js", "\uFEFFexports.x = 1;\n"),
        Text("/app/shebang.js", "#!/usr/bin/env node\nexports.x = 1;\n"),
        Text("/app/bom-shebang.js", "\uFEFF#!/usr/bin/env node\r\nexports.x = 1;\n"),
        Text("/app/shebang-only.js", "#!/bin/sh"),
        Text("/app/astral.json", "{\"s\": \"a😀b\", \"t\": \"é✓\"}"),
        Text("/app/bom.json", "\uFEFF{\"v\": 7}"),
        Text("/u/😀 ü.js", "exports.x = '😀';\n"),
        new("/app/empty.js", []),
    ];

    private static readonly ModuleTable Table = new(
        [new ModulePackage("p", "1.0.0", "/node_modules/p", "/node_modules/p/index.js")], Files, "sha512-native", "ipm native-test", "/app/bom.js");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public void The_binding_modules_and_resolver_compile_with_strict_flags_for_the_host_and_for_cortex_m4()
    {
        var gen = Generate();
        string[] includes = [IotjsBundleFixture.Source("stubs"), gen];
        foreach (var file in new[] { "ipm_binding.c", "ipm_modules.c", "ipm_resolver.c" })
        {
            var args = new List<string>(CCompiler.StrictFlags) { "-c", "-o", _temp.Combine("host-" + file + ".o"), Path.Combine(gen, file) };
            args.AddRange(includes.Select(i => "-I" + i));
            ProcessRunner.Run(CCompiler.Gcc, args, _temp.Path).EnsureSuccess("gcc " + string.Join(' ', args));
        }

        CCompiler.CompileForArm(Path.Combine(gen, "ipm_binding.c"), _temp.Combine("arm.o"), includes);
        CCompiler.CompileForArm(Path.Combine(gen, "ipm_modules.c"), _temp.Combine("arm-modules.o"), includes);
        CCompiler.CompileForArm(Path.Combine(gen, "ipm_resolver.c"), _temp.Combine("arm-resolver.o"), includes);
    }

    [Fact]
    public void The_binding_compiles_with_the_flags_iotjs_builds_modules_with()
    {
        // cmake/iotjs.cmake: -Wall -Wextra -Werror -Wno-unused-parameter -Wsign-conversion -std=gnu99.
        var gen = Generate();
        foreach (var file in new[] { "ipm_binding.c", "ipm_modules.c", "ipm_resolver.c" })
        {
            string[] args = ["-std=gnu99", "-Wall", "-Wextra", "-Werror", "-Wno-unused-parameter", "-Wsign-conversion",
                "-I" + IotjsBundleFixture.Source("stubs"), "-I" + gen, "-c", "-o", _temp.Combine(file + ".o"), Path.Combine(gen, file)];
            ProcessRunner.Run(CCompiler.Gcc, args, _temp.Path).EnsureSuccess("gcc " + string.Join(' ', args));
        }
    }

    [Fact]
    public void Native_exposes_the_table_and_validates_indexes()
    {
        var lines = Probe(
            "path number 0", "path number -1", "path number 1.5", "path number nan", "path none", $"path number {Files.Count}",
            "pkg number 0", "pkg number 1",
            $"find hex {Hex("/node_modules/p/index.js")}", $"find hex {Hex("/node_modules/p/index")}",
            $"find hex {Hex("/u/😀 ü.js")}", "find hex 2f0061", $"find hex {Hex("/" + new string('a', 1000))}", "find number 1",
            $"findPackage hex {Hex("/node_modules/p")}", $"findPackage hex {Hex("/node_modules/q")}");
        var sorted = Files.Select(f => f.VirtualPath).Order(Utf8Order.Instance).ToList();
        Assert.StartsWith($"object count={Files.Count} packageCount=1 entry={sorted.IndexOf("/app/bom.js")} lockDigest={Hex("sha512-native")} generator={Hex("ipm native-test")} ", lines[0], StringComparison.Ordinal);
        Assert.Equal($"string {Hex(sorted[0])} live=0", lines[1]);
        var rangeError = "error 3 ipm: no such file or package index live=0"; // JERRY_ERROR_RANGE
        Assert.All(lines[2..7], l => Assert.Equal(rangeError, l));
        Assert.Equal($"object name={Hex("p")} version={Hex("1.0.0")} dir={Hex("/node_modules/p")} main={sorted.IndexOf("/node_modules/p/index.js")} live=0", lines[7]);
        Assert.Equal(rangeError, lines[8]);
        Assert.Equal($"number {sorted.IndexOf("/node_modules/p/index.js")} live=0", lines[9]);
        Assert.Equal("number -1 live=0", lines[10]);
        Assert.Equal($"number {sorted.IndexOf("/u/😀 ü.js")} live=0", lines[11]);
        Assert.Equal(["number -1 live=0", "number -1 live=0", "number -1 live=0"], lines[12..15]);
        Assert.Equal(["number 0 live=0", "number -1 live=0"], lines[15..17]);
    }

    [Fact]
    public void Compile_parses_the_bytes_in_flash_with_nodes_wrapper_parameters()
    {
        var sorted = Files.Select(f => f.VirtualPath).Order(Utf8Order.Instance).ToList();
        string[] cases = ["/node_modules/p/index.js", "/app/bom.js", "/app/shebang.js", "/app/bom-shebang.js", "/app/shebang-only.js", "/u/😀 ü.js", "/app/empty.js"];
        var lines = Probe([.. cases.Select(c => $"compile number {sorted.IndexOf(c)}")]);
        for (var i = 0; i < cases.Length; i++)
        {
            var bytes = Files.Single(f => f.VirtualPath == cases[i]).Content;
            var start = bytes.AsSpan().StartsWith("\uFEFF"u8) ? 3 : 0;
            if (bytes.AsSpan(start).StartsWith("#!"u8))
            {
                var newline = bytes.AsSpan(start).IndexOf((byte)'\n');
                start = newline < 0 ? bytes.Length : start + newline;
            }

            // The resource name is CESU-8 (what JerryScript keeps); the source is the array in ipm_modules.c itself.
            Assert.Equal($"parse {Convert.ToHexStringLower(Cesu8(cases[i]))} {Params} 0 {start} {bytes.Length - start} live=0", lines[i + 1]);
        }
    }

    [Fact]
    public void Json_gets_cesu8_text_without_a_byte_order_mark_and_frees_the_copy()
    {
        var sorted = Files.Select(f => f.VirtualPath).Order(Utf8Order.Instance).ToList();
        var lines = Probe($"json number {sorted.IndexOf("/app/astral.json")}", $"json number {sorted.IndexOf("/app/bom.json")}");
        Assert.Equal($"json {Convert.ToHexStringLower(Cesu8("{\"s\": \"a😀b\", \"t\": \"é✓\"}"))} live=0", lines[1]);
        Assert.Equal($"json {Hex("{\"v\": 7}")} live=0", lines[2]);
    }

    private static ModuleFile Text(string path, string text) => new(path, Encoding.UTF8.GetBytes(text));

    private static string Hex(string text) => Convert.ToHexStringLower(Encoding.UTF8.GetBytes(text));

    /// <summary>CESU-8, independently of the C: every UTF-16 code unit, surrogates included, as UTF-8 would encode it.</summary>
    private static byte[] Cesu8(string text)
    {
        var bytes = new List<byte>();
        foreach (var c in text)
        {
            if (c < 0x80)
            {
                bytes.Add((byte)c);
            }
            else if (c < 0x800)
            {
                bytes.AddRange([(byte)(0xC0 | (c >> 6)), (byte)(0x80 | (c & 0x3F))]);
            }
            else
            {
                bytes.AddRange([(byte)(0xE0 | (c >> 12)), (byte)(0x80 | ((c >> 6) & 0x3F)), (byte)(0x80 | (c & 0x3F))]);
            }
        }

        return [.. bytes];
    }

    private string Generate()
    {
        var gen = _temp.Combine("gen");
        if (!Directory.Exists(gen))
        {
            CodeGenerator.Generate(Table, TemplateSets.Resolve("iotjs"), gen);
        }

        return gen;
    }

    private string[] Probe(params string[] calls)
    {
        var gen = Generate();
        var probe = CCompiler.BuildExecutable(_temp.Combine("probe"),
            [IotjsBundleFixture.Source("c", "binding_probe.c"), Path.Combine(gen, "ipm_binding.c"), .. GeneratedC.Sources(gen)],
            [IotjsBundleFixture.Source("stubs"), gen]);
        var result = ProcessRunner.Run(probe, [], _temp.Path, stdin: string.Join('\n', calls) + "\n").EnsureSuccess("binding_probe");
        return result.StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }
}
