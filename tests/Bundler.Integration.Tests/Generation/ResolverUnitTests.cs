using Bundler.Core.Generation;
using Bundler.Testing;

namespace Bundler.Integration.Tests.Generation;

/// <summary>
/// ipm_resolver.c is a translation unit of its own that must not depend on the bundle: two bundles with different
/// package sets give the same source, gcc makes the same object of it, and that object, compiled in one bundle's
/// folder, resolves correctly over another bundle's tables (it reads the counts at run time, not from a macro).
/// </summary>
public sealed class ResolverUnitTests : IDisposable
{
    private readonly TempDirectory _temp = new("ipm-resolver-unit");

    public void Dispose() => _temp.Dispose();

    // Five files and three packages beside one file and one package: a resolver that took either count from the
    // header it was compiled with would search the wrong range of the other bundle's tables.
    private static ModuleTable Many() => new(
        [
            new ModulePackage("@s/c", "0.1.0", "/node_modules/@s/c", "/node_modules/@s/c/index.js"),
            new ModulePackage("a", "1.0.0", "/node_modules/a", "/node_modules/a/lib/x.js"),
            new ModulePackage("z", "3.0.0", "/node_modules/z", "/node_modules/z/index.js"),
        ],
        [
            GeneratedC.File("/app/index.js", "require('a');\n"),
            GeneratedC.File("/app/lib/util.js", "exports.u = 1;\n"),
            GeneratedC.File("/node_modules/@s/c/index.js", "1;\n"),
            GeneratedC.File("/node_modules/a/lib/x.js", "require('z');\n"),
            GeneratedC.File("/node_modules/z/index.js", "2;\n"),
        ],
        "sha512-many", "ipm many-test", "/app/index.js");

    private static ModuleTable One() => new(
        [new ModulePackage("b", "2.0.0", "/node_modules/b", "/node_modules/b/main.js")],
        [GeneratedC.File("/node_modules/b/main.js", "3;\n")],
        "sha512-one", "ipm one-test", null);

    [Fact]
    public void Bundles_with_different_packages_share_one_resolver_source_and_object()
    {
        var many = GeneratedC.Generate(Many(), _temp.Combine("many"));
        var one = GeneratedC.Generate(One(), _temp.Combine("one"));
        Assert.NotEqual(File.ReadAllBytes(Path.Combine(many, "ipm_modules.c")), File.ReadAllBytes(Path.Combine(one, "ipm_modules.c")));
        Assert.Equal(File.ReadAllBytes(Path.Combine(many, "ipm_resolver.c")), File.ReadAllBytes(Path.Combine(one, "ipm_resolver.c")));

        // Compiled in each folder against its own header (same relative name, so nothing but the code can differ).
        var manyObject = CompileResolver(many);
        var oneObject = CompileResolver(one);
        Assert.Equal(File.ReadAllBytes(manyObject), File.ReadAllBytes(oneObject));

        // The object compiled against the one-file bundle, linked with the five-file bundle's data.
        var driver = CCompiler.BuildExecutable(_temp.Combine("resolve-mixed"),
            [GeneratedC.Source("resolve.c"), Path.Combine(many, "ipm_modules.c"), oneObject], [many]);
        string[] args =
        [
            "resolve", "/app", "a",
            "resolve", "/app", "./lib/util",
            "resolve", "/", "@s/c",
            "from", "/node_modules/a/lib/x.js", "z",
            "resolve", "/app", "b",
            "find", "/node_modules/z/index.js", "-",
            "dirname", "/node_modules/z/index.js", "-",
        ];
        var lines = ProcessRunner.Run(driver, args).EnsureSuccess("resolve driver").StdOut.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(
            ["/node_modules/a/lib/x.js", "/app/lib/util.js", "/node_modules/@s/c/index.js", "/node_modules/z/index.js", "-", "/node_modules/z/index.js", "/node_modules/z"],
            lines);
    }

    private string CompileResolver(string folder)
    {
        var output = Path.Combine(folder, "..", Path.GetFileName(folder) + "-resolver.o");
        string[] args = [.. CCompiler.StrictFlags, "-O2", "-c", "-o", output, "ipm_resolver.c"];
        ProcessRunner.Run(CCompiler.Gcc, args, folder).EnsureSuccess("gcc " + string.Join(' ', args));
        return Path.GetFullPath(output);
    }
}
