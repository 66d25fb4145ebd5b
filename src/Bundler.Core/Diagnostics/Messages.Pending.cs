namespace Bundler.Core.Diagnostics;

// Placeholder until the Versioning branch lands its own message; removed at merge.
public static partial class Messages
{
    public static Diagnostic InvalidRange(string range, string package, string chain) =>
        Error("IPM1101", $"invalid version range '{range}' for {package} (required by {chain})");
}
