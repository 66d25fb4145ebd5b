namespace Bundler.Core.Diagnostics;

public static partial class Messages
{
    // Registries and configuration (IPM2xxx).
    public static Diagnostic PackageNotFound(string name, string registry, string chain) =>
        Error("IPM2001", $"package '{name}' not found in {registry} (required by {chain})");

    public static Diagnostic RegistryUnreachable(string registry, string name, string why) =>
        Error("IPM2002", $"registry {registry} unreachable while reading '{name}': {why}");

    public static Diagnostic RegistryStatus(string registry, string name, int status) =>
        Error("IPM2003", $"registry {registry} answered {status} for '{name}'");

    public static Diagnostic PackumentNotJson(string name, string url, string what, string why) =>
        Error("IPM2004", $"registry answered {what} instead of package JSON for '{name}' at {url} ({why})");

    public static Diagnostic NoRegistry(string name) =>
        Error("IPM2005", $"no registry configured for '{name}': set registry= in .npmrc, IpmRegistry, or --registry");

    public static Diagnostic BadRegistry(string value, string why) =>
        Error("IPM2006", $"invalid registry '{value}': {why}");

    public static Diagnostic NpmrcUnreadable(string path, string why) =>
        Warning("IPM2007", $"ignoring .npmrc '{path}': {why}");

    public static Diagnostic NpmrcMissingEnv(string path, string variable) =>
        Warning("IPM2008", $".npmrc '{path}' refers to environment variable '{variable}', which is not set");

    public static Diagnostic RegistryRedirectLoop(string name, string url) =>
        Error("IPM2009", $"packument of '{name}' points to another registry too many times (last: {url})");

    public static Diagnostic SearchFailed(string registry, string why) =>
        Error("IPM2010", $"search failed at {registry}: {why}");
}
