namespace Bundler.Core.Diagnostics;

public static partial class Messages
{
    // Packaging and size (IPM7xxx). IPM7006 is retired: an archive's package.json naming another package is IPM5012.
    public static Diagnostic EntryOutsideProject(string entry, string project) =>
        Error("IPM7002", $"entry '{entry}' is not inside the project folder '{project}'");

    public static Diagnostic EntryMissing(string entry) =>
        Error("IPM7003", $"entry file '{entry}' does not exist");

    /// <summary>The bundle is larger than <c>--max-flash</c> / <c>IpmMaxFlashBytes</c>; <paramref name="largest"/> names the biggest packages.</summary>
    public static Diagnostic OverFlashBudget(long bytes, long budget, string largest) =>
        Error("IPM7004", $"bundle needs {bytes} bytes of flash, {bytes - budget} over the budget of {budget}; largest: {largest}");

    /// <summary>A static <c>require('x')</c> that no bundled file answers and that is not a built-in module.</summary>
    public static Diagnostic UnresolvedRequire(string file, int line, string request) =>
        Warning("IPM7005", $"require('{request}') does not resolve to a bundled file and is not a built-in module; it will fail on the device unless the firmware provides it (add the file with the module's Files if it is in a package)")
            with { File = file, Line = line };

    /// <summary>The <c>--emit-files</c> folder would be replaced as a whole, so it may not hold or lie in another folder the run uses.</summary>
    public static Diagnostic EmitFolderOverlaps(string folder, string what, string other) =>
        Error("IPM7007", $"emit-files folder '{folder}' overlaps {what} '{other}'; the folder is replaced as a whole, so choose one of its own");

    /// <summary>A per-module <c>--files NAME=GLOBS</c> for a module that is not declared.</summary>
    public static Diagnostic FileGlobsForUnknownModule(string option, string name) =>
        Error("IPM7008", $"{option} names '{name}', which is not a declared module; use NAME=GLOBS with a declared module, or GLOBS alone for every module");

    /// <summary>The template runs an application entry (IoT.js's <c>ipm_main</c>) and the bundle has none.</summary>
    public static Diagnostic NoApplicationEntry(string template) =>
        Warning("IPM7009", $"template '{template}' runs an application entry, but none is bundled: give --entry FILE (MSBuild: IpmEntry), or declare the application as a local folder package (\"my-app\": \"file:../app\"), whose main is then the entry");

    /// <summary>No entry was given and more than one declared module is a local folder package, so none is taken as the entry.</summary>
    public static Diagnostic AmbiguousApplicationEntry(string template, IEnumerable<string> packages) =>
        Warning("IPM7010", $"template '{template}' runs an application entry, but none was given and several declared modules are local folder packages ({string.Join(", ", packages)}); choose one with --entry FILE (MSBuild: IpmEntry), e.g. its main file");

    /// <summary>
    /// A package.json <c>exports</c> gives <c>require('name')</c> no shipped file, where Node would throw
    /// (ERR_PACKAGE_PATH_NOT_EXPORTED or MODULE_NOT_FOUND); the package's main (or index.js) is used instead.
    /// </summary>
    public static Diagnostic ExportsRootUnusable(string name, string version, string packageJson, string problem, string? fallback) =>
        Warning("IPM7011", $"package {name}@{version}: \"exports\" gives require('{name}') no file: {problem}; Node would throw here, the bundle uses {(fallback is null ? "no file (no main or index.js either)" : $"'{fallback}' (main or index.js)")} instead")
            with { File = packageJson };
}
