using Bundler.Integration.Tests.Cli;
using Bundler.Integration.Tests.Fetching;
using Bundler.Testing;
using static Bundler.Integration.Tests.Fetching.CliAssert;

namespace Bundler.Integration.Tests.Footprint;

/// <summary>
/// Preflight, minification and file exclusion through the real <c>ipm bundle</c> process: the engine profile
/// decides whether ES2015 syntax ships, ES modules never do, and the minify and exclude options reach the output.
/// </summary>
public sealed class FootprintCliTests : IAsyncLifetime
{
    // The arrow function is on line 3: the error must name that line, not the file's first.
    private const string Es2015Source = "'use strict';\n// adds\nvar add = (a, b) => a + b;\nmodule.exports = add;\n";
    private const string PublishedSource = "/* keeps its comment */\nvar helper = require('./helper');\nmodule.exports = helper   +   1; // trailing\n";

    private static readonly FixturePackage Es2015 = new FixturePackage("fp-es2015", "1.0.0").WithFile("index.js", Es2015Source);
    private static readonly FixturePackage EsModule = new FixturePackage("fp-esm", "1.0.0").WithFile("index.js", "var x = 1;\nexport default x;\n");
    private static readonly FixturePackage Plain = new FixturePackage("fp-plain", "1.0.0")
        .WithFile("index.js", PublishedSource)
        .WithFile("helper.js", "module.exports = 41;\n");

    private readonly Fetching.IpmCli _cli = new();
    private readonly FaultRegistry _registry = new();

    public Task InitializeAsync()
    {
        _registry.Publish(PackedFixtures.Pack(Es2015, EsModule, Plain));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _registry.DisposeAsync();
        _cli.Dispose();
    }

    [Fact]
    public void Es2015_syntax_is_refused_by_default_naming_file_line_and_construct_and_es_next_ships_it()
    {
        var byDefault = _cli.Bundle(_registry.Url, ["fp-es2015@1.0.0"]);
        var esNext = _cli.Bundle(_registry.Url, ["fp-es2015@1.0.0"], "--engine-profile", "es.next", "--no-minify");

        var line = ErrorLine(byDefault, "IPM6001");
        Assert.Contains("node_modules/fp-es2015/index.js(3): ", line, StringComparison.Ordinal);
        Assert.Contains("arrow function", line, StringComparison.Ordinal);
        Assert.Contains("es5.1", line, StringComparison.Ordinal);
        Succeeded(esNext);
        Assert.Equal(Es2015Source, Shipped("/node_modules/fp-es2015/index.js"));
    }

    [Theory]
    [InlineData("es5.1")]
    [InlineData("es.next")]
    public void An_es_module_is_refused_under_both_profiles(string profile)
    {
        var result = _cli.Bundle(_registry.Url, ["fp-esm@1.0.0"], "--engine-profile", profile);

        var line = ErrorLine(result, "IPM6002");
        Assert.Contains("node_modules/fp-esm/index.js(2): ", line, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_cli.Out, "ipm_modules.c")));
    }

    [Theory]
    [InlineData("--minify", "false")]
    [InlineData("--no-minify")]
    public void Minify_false_and_no_minify_ship_javascript_as_published(params string[] option)
    {
        Succeeded(_cli.Bundle(_registry.Url, ["fp-plain@1.0.0"], option));

        Assert.Equal(PublishedSource, Shipped("/node_modules/fp-plain/index.js"));
    }

    [Fact]
    public void Minification_is_on_by_default_and_minify_true_contradicting_no_minify_is_bad_usage()
    {
        Succeeded(_cli.Bundle(_registry.Url, ["fp-plain@1.0.0"]));
        var minified = Shipped("/node_modules/fp-plain/index.js");
        var contradiction = _cli.Bundle(_registry.Url, ["fp-plain@1.0.0"], "--minify", "true", "--no-minify");

        Assert.DoesNotContain("keeps its comment", minified, StringComparison.Ordinal);
        Assert.True(minified.Length < PublishedSource.Length, minified);
        Assert.Contains("--minify", Failed(contradiction, "IPM1000", exitCode: 2), StringComparison.Ordinal);
    }

    [Fact]
    public void Exclude_files_for_one_module_keeps_a_file_out_of_the_bundle()
    {
        Succeeded(_cli.Bundle(_registry.Url, ["fp-plain@1.0.0"]));
        var before = GeneratedFiles.Read(Path.Combine(_cli.Out, "ipm_modules.c"));
        Succeeded(_cli.Bundle(_registry.Url, ["fp-plain@1.0.0"], "--exclude-files", "fp-plain=helper.js"));
        var after = GeneratedFiles.Read(Path.Combine(_cli.Out, "ipm_modules.c"));

        Assert.Contains("/node_modules/fp-plain/helper.js", before.Keys);
        Assert.DoesNotContain("/node_modules/fp-plain/helper.js", after.Keys);
        Assert.Contains("/node_modules/fp-plain/index.js", after.Keys);
    }

    private string Shipped(string virtualPath) => GeneratedFiles.Read(Path.Combine(_cli.Out, "ipm_modules.c"))[virtualPath];

    // Exit code 1 and the coded line, which starts with the file and line it names.
    private static string ErrorLine(ProcessResult result, string code)
    {
        Assert.True(result.ExitCode == 1, $"expected exit code 1, got {result.ExitCode}\n{result.All}");
        var line = result.StdErr.Split('\n').FirstOrDefault(l => l.Contains($"error {code}: ", StringComparison.Ordinal));
        Assert.True(line is not null, $"expected an 'error {code}' line\n{result.All}");
        Assert.DoesNotContain("Unhandled exception", result.All, StringComparison.Ordinal);
        return line!;
    }
}
