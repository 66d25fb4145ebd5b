namespace Bundler.Core.Diagnostics;

public static partial class Messages
{
    // Packaging and size (IPM7xxx).
    public static Diagnostic EntryOutsideProject(string entry, string project) =>
        Error("IPM7002", $"entry '{entry}' is not inside the project folder '{project}'");

    public static Diagnostic EntryMissing(string entry) =>
        Error("IPM7003", $"entry file '{entry}' does not exist");

    public static Diagnostic OverFlashBudget(long bytes, long budget, string largest) =>
        Error("IPM7004", $"bundle needs {bytes} bytes of flash, over the budget of {budget}; largest: {largest}");

    public static Diagnostic UnresolvedRequire(string file, int line, string request) =>
        Warning("IPM7005", $"{file}:{line}: require('{request}') does not resolve to a bundled file");

    public static Diagnostic PackageIdentityMismatch(string requested, string found) =>
        Error("IPM7006", $"archive of '{requested}' contains package.json for '{found}'");
}
