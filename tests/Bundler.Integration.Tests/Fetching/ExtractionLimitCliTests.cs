using static Bundler.Integration.Tests.Fetching.CliAssert;
using static Bundler.Integration.Tests.Fetching.CliFixtures;

namespace Bundler.Integration.Tests.Fetching;

/// <summary>The extraction limit options of `ipm bundle`, end to end: each one reaches the extractor.</summary>
public sealed class ExtractionLimitCliTests : IAsyncLifetime
{
    private readonly IpmCli _cli = new();
    private readonly FaultRegistry _registry = new();

    public Task InitializeAsync()
    {
        _registry.Publish(PackedFixtures.Pack(App, Dep, Bomb, Deep));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _registry.DisposeAsync();
        _cli.Dispose();
    }

    [Theory]
    // cf-app's archive holds package.json and index.js.
    [InlineData("cf-app@1.0.0", "--max-entries", "1", "IPM5007")]
    [InlineData("cf-app@1.0.0", "--max-unpacked-size", "100", "IPM5008")]
    // lib/one/two/three/a-file...js is five segments below the package folder.
    [InlineData("cf-deep@1.0.0", "--max-depth", "4", "IPM5005")]
    [InlineData("cf-deep@1.0.0", "--max-path-length", "40", "IPM5006")]
    [InlineData("cf-bomb@1.0.0", "--max-compression-ratio", "50", "IPM5009")]
    public void A_package_over_a_limit_set_on_the_command_line_is_refused_and_the_output_left_alone(string spec, string option, string value, string code)
    {
        var before = PlantOutput(_cli.Out);

        var result = _cli.Bundle(_registry.Url, [spec], option, value);

        Assert.Contains(spec, Failed(result, code), StringComparison.Ordinal);
        Assert.Equal(before, State(_cli.Out));
    }

    [Fact]
    public void Defaults_apply_without_options_and_a_raised_limit_lets_a_legitimate_package_through()
    {
        var before = PlantOutput(_cli.Out);

        var byDefault = _cli.Bundle(_registry.Url, ["cf-bomb@1.0.0", "cf-deep@1.0.0"]);
        var unchanged = State(_cli.Out);
        var raised = _cli.Bundle(_registry.Url, ["cf-bomb@1.0.0", "cf-deep@1.0.0"], "--max-compression-ratio", "5000", "--max-depth", "5", "--max-entries", "4");

        Assert.Contains("cf-bomb@1.0.0", Failed(byDefault, "IPM5009"), StringComparison.Ordinal);
        Assert.Equal(before, unchanged);
        Succeeded(raised);
        Assert.Contains("'bomb'", File.ReadAllText(Path.Combine(_cli.Out, "ipm_modules.c")), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--max-entries", "0")]
    [InlineData("--max-unpacked-size", "1k")]
    [InlineData("--max-unpacked-size", "-1")]
    [InlineData("--max-depth", "1.5")]
    [InlineData("--max-compression-ratio", "")]
    public void A_limit_that_is_not_a_plain_positive_number_is_bad_usage(string option, string value)
    {
        var before = PlantOutput(_cli.Out);

        var result = _cli.Bundle(_registry.Url, ["cf-app@1.0.0"], option, value);

        Assert.Contains(option, Failed(result, "IPM1000", exitCode: 2), StringComparison.Ordinal);
        Assert.Equal(before, State(_cli.Out));
        Assert.Empty(_registry.Server.Requests);
    }
}
