namespace Bundler.Core.Diagnostics;

/// <summary>
/// Every message a user can see, with its code. One partial file per pipeline stage, each owning a range:
/// IPM10xx usage and input, IPM11xx versions and ranges, IPM2xxx registries and configuration,
/// IPM3xxx resolution and the lock file, IPM4xxx fetching, cache and integrity, IPM5xxx archives,
/// IPM6xxx JavaScript checks, IPM7xxx packaging and size, IPM8xxx generation, IPM9xxx MSBuild.
/// </summary>
public static partial class Messages
{
    internal static Diagnostic Error(string code, string message) => new(code, Severity.Error, message);

    internal static Diagnostic Warning(string code, string message) => new(code, Severity.Warning, message);

    internal static Diagnostic Info(string code, string message) => new(code, Severity.Info, message);

    /// <summary>Formats a requirement chain such as <c>app &gt; b@^2 &gt; c@~1.4</c>.</summary>
    public static string Chain(IEnumerable<string> links) => string.Join(" > ", links);

    // Usage and input (IPM10xx).
    public static Diagnostic BadSpec(string spec, string why) =>
        Error("IPM1001", $"invalid package spec '{spec}': {why}");

    public static Diagnostic ManifestUnreadable(string path, string why) =>
        Error("IPM1002", $"cannot read manifest '{path}': {why}");

    public static Diagnostic NothingToBundle() =>
        Error("IPM1003", "nothing to bundle: give package specs or --manifest with dependencies");

    public static Diagnostic OutputNotWritable(string path, string why) =>
        Error("IPM1004", $"cannot write output folder '{path}': {why}");

    public static Diagnostic Cancelled() =>
        Error("IPM1005", "cancelled");

    public static Diagnostic BadOption(string option, string value, string expected) =>
        Error("IPM1000", $"invalid value '{value}' for {option}: expected {expected}");

    public static Diagnostic UnknownOption(string option) =>
        Error("IPM1000", $"unknown option '{option}'");

    public static Diagnostic UnexpectedFailure(string what, string why) =>
        Error("IPM1099", $"unexpected failure while {what}: {why}");
}
