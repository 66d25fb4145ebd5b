namespace Bundler.Core.Diagnostics;

// Versions and ranges (IPM11xx).
public static partial class Messages
{
    /// <summary>
    /// A dependency's range that npm would reject. <paramref name="chain"/> is who asked for it
    /// (<see cref="Chain"/>); empty when the user asked directly.
    /// </summary>
    public static Diagnostic InvalidVersionRange(string range, string package, string chain) =>
        Error("IPM1101", $"invalid version range '{range}' for {package}{RequiredBy(chain)}");

    /// <summary>A spec that is neither a range nor a possible dist-tag name (or is a file/URL/git spec).</summary>
    public static Diagnostic InvalidVersionSpec(string spec, string package, string chain, string why) =>
        Error("IPM1102", $"invalid version spec '{spec}' for {package}{RequiredBy(chain)}: {why}");

    private static string RequiredBy(string chain) => string.IsNullOrEmpty(chain) ? "" : $" (required by {chain})";
}
