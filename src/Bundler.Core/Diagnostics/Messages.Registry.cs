namespace Bundler.Core.Diagnostics;

public static partial class Messages
{
    // Registries and configuration (IPM2xxx).
    public static Diagnostic PackageNotFound(string name, string range, string registry, string chain) =>
        Error("IPM2001", $"package '{name}' not found in {registry} ({Requirement(range, chain)})");

    /// <summary>Raised where the packument is read, which serves every requirement of <paramref name="name"/>; the
    /// resolver adds the range and chain of the requirement that waited for it (<see cref="ForRequirement"/>).</summary>
    public static Diagnostic RegistryUnreachable(string registry, string name, string why) =>
        Error("IPM2002", $"registry {registry} unreachable while reading '{name}': {why}");

    public static Diagnostic RegistryStatus(string registry, string name, int status) =>
        Error("IPM2003", $"registry {registry} answered {status} for '{name}'");

    public static Diagnostic PackumentNotJson(string name, string url, string what, string why) =>
        Error("IPM2004", $"registry answered {what} instead of package JSON for '{name}' at {url}{(why.Length == 0 ? "" : $" ({why})")}");

    public static Diagnostic NoRegistry(string name) =>
        Error("IPM2005", $"no registry configured for '{name}': set registry= in .npmrc, IpmRegistry, or --registry");

    public static Diagnostic NoSearchRegistry() =>
        Error("IPM2005", "no registry configured to search: set registry= in .npmrc, or --registry");

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

    /// <summary>
    /// A packument read that failed (unreachable, bad status, not JSON, ...), told again with the requirement that
    /// needed it: the same code, the same words, and then <c>(range '^1', required by app &gt; b@^2)</c>.
    /// </summary>
    public static Diagnostic ForRequirement(Diagnostic failure, string range, string chain) =>
        failure with { Message = $"{failure.Message} ({Requirement(range, chain)})" };

    /// <summary>How a message names the requirement at fault: its range and the chain that asked for it.</summary>
    public static string Requirement(string range, string chain) => $"range '{range}', required by {chain}";

    /// <summary>401 or 403 for a packument. <paramref name="nerfDart"/> is the key a credential for it would have.</summary>
    public static Diagnostic RegistryAuthFailed(string registry, string name, int status, string nerfDart) =>
        Error("IPM2011", $"registry {registry} answered {status} for '{name}': no credential it accepts was sent; credentials for it belong in .npmrc as '{nerfDart}:_authToken=...' (ipm sends them only to URLs under that host and path)");

    /// <summary>A credential with no registry in front of it (npm 9 and later refuse these too). Never names the value.</summary>
    public static Diagnostic NpmrcUnscopedCredential(string source, string key, string suggestion) =>
        Warning("IPM2012", $"'{key}' in {source} names no registry and is ignored; write it as '{suggestion}'");
}
