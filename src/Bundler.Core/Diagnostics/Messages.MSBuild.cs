namespace Bundler.Core.Diagnostics;

// MSBuild integration (IPM9xxx): problems the tasks find in items and properties before the pipeline runs.
public static partial class Messages
{
    public static Diagnostic ModuleVersionInvalid(string module, string version) =>
        Error("IPM9001", $"IpmModule '{module}': Version '{version}' is not an npm version, range or dist-tag, nor a 'file:', 'npm:' or http(s) tarball spec");

    /// <summary>A NuGet interval range; <paramref name="npm"/> is the npm range admitting the same versions, when there is one.</summary>
    public static Diagnostic ModuleVersionNuGetStyle(string module, string version, string? npm) =>
        Error("IPM9002", npm is null
            ? $"IpmModule '{module}': Version '{version}' is a NuGet version range; write npm ranges such as '>=1.0.0 <2.0.0' or '^1.0.0'"
            : $"IpmModule '{module}': Version '{version}' is a NuGet version range; use \"{npm}\", the npm range for the same versions");

    public static Diagnostic LocalModuleHasVersion(string module, string version) =>
        Error("IPM9003", $"IpmModule '{module}' is a local folder and takes no Version (got '{version}'); use Include=\"name\" Version=\"file:{module}\" to give it a name");

    public static Diagnostic ModuleDeclaredTwice(string module) =>
        Error("IPM9004", $"IpmModule '{module}' is declared more than once; keep one item per package");

    public static Diagnostic PropertyInvalid(string property, string value, string expected) =>
        Error("IPM9005", $"property {property} is '{value}', expected {expected}");

    /// <summary>The value is never repeated: it holds the credential the warning is about.</summary>
    public static Diagnostic CredentialsInBuildProperty(string where) =>
        Warning("IPM9006", $"{where} has credentials in its URL, and build logs record property values; put them in .npmrc (//host/path/:_authToken=...) instead");

    public static Diagnostic GeneratedListUnwritable(string path, string why) =>
        Error("IPM9007", $"cannot write ipm's file list '{path}': {why}");

    public static Diagnostic GeneratedListUnreadable(string path, string why) =>
        Error("IPM9008", $"cannot read ipm's file list '{path}': {why}");
}
