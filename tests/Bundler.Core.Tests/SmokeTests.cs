using Bundler.Core.Diagnostics;

namespace Bundler.Core.Tests;

public sealed class DiagnosticTests
{
    [Fact]
    public void Diagnostic_prints_the_line_the_cli_and_msbuild_show()
    {
        var d = Messages.BadSpec("x@@", "two @ signs") with { File = "fw.proj", Line = 12 };
        Assert.Equal("fw.proj(12): error IPM1001: invalid package spec 'x@@': two @ signs", d.ToString());
    }
}
