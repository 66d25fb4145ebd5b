namespace Bundler.Core.Diagnostics;

public static partial class Messages
{
    // Resolution and the lock file (IPM3xxx).
    public static Diagnostic NoMatchingVersion(string name, string spec, string chain, IEnumerable<string> available)
    {
        var list = available.ToList();
        var shown = list.Count == 0 ? "none" : string.Join(", ", list.TakeLast(20)) + (list.Count > 20 ? $" (and {list.Count - 20} older)" : "");
        return Error("IPM3001", $"no version of '{name}' satisfies '{spec}' (required by {chain}); available: {shown}");
    }

    public static Diagnostic GitSpecUnsupported(string name, string spec, string chain) =>
        Error("IPM3002", $"git dependency '{name}@{spec}' is not supported (required by {chain}): publish it to a registry or use a local folder");

    public static Diagnostic LocalPackageMissing(string name, string path, string chain) =>
        Error("IPM3003", $"local package '{name}' not found at '{path}' (required by {chain})");

    public static Diagnostic LockUnreadable(string path, string why) =>
        Error("IPM3004", $"cannot read lock file '{path}': {why}");

    public static Diagnostic LockMismatch(string path, string what) =>
        Error("IPM3005", $"lock file '{path}' does not match the declared modules ({what}); run 'ipm lock' or build without --locked");

    public static Diagnostic LockMissing(string path) =>
        Error("IPM3006", $"lock file '{path}' does not exist and --locked forbids creating it; run 'ipm lock'");

    public static Diagnostic OptionalSkipped(string name, string spec, string chain, string why) =>
        Warning("IPM3007", $"optional dependency '{name}@{spec}' skipped (required by {chain}): {why}");

    /// <summary>npm's ERESOLVE: placing <paramref name="placing"/> needs <paramref name="name"/>@<paramref name="spec"/>,
    /// which the version already there (and the chain that wants it) rules out. Both chains are in the message.</summary>
    public static Diagnostic PeerConflict(string name, string spec, string chain, string placing, string placingFor, string existing, string existingChain) =>
        Error("IPM3008", $"ERESOLVE: could not resolve '{placing}' (required by {placingFor}): '{name}@{spec}' (required by {chain}) conflicts with '{name}@{existing}' (required by {existingChain})");

    public static Diagnostic DeprecatedVersion(string name, string version, string message) =>
        Warning("IPM3009", $"'{name}@{version}' is deprecated: {message}");

    public static Diagnostic UnparseableVersion(string name, string version) =>
        Warning("IPM3010", $"ignoring version '{version}' of '{name}': not a valid semver version");

    public static Diagnostic LockDigestMismatch(string path) =>
        Error("IPM3011", $"lock file '{path}' was edited by hand (its digest does not match its content); run 'ipm lock'");

    public static Diagnostic NotInTree(string name) =>
        Error("IPM3012", $"'{name}' is not in the dependency tree");

    /// <summary>A peer conflict that is not the project's own: npm warns ("overriding peer dependency") and goes on.</summary>
    public static Diagnostic PeerConflictOverridden(string name, string spec, string chain, string wanted, string? existing, string? existingChain) =>
        Warning("IPM3013", existing is null
            ? $"ERESOLVE overriding peer dependency: '{name}@{spec}' (required by {chain}) is left unmet; '{name}@{wanted}' could not be placed"
            : $"ERESOLVE overriding peer dependency: '{name}@{spec}' (required by {chain}) is left unmet by '{name}@{existing}' (required by {existingChain})");

    public static Diagnostic DependencyLoopNeedsLink(string name, string version, string chain) =>
        Error("IPM3014", $"'{name}@{version}' (required by {chain}) would have to be nested inside itself; npm links it to the copy above, which a bundle cannot do");

    public static Diagnostic TarballSpecUnavailable(string name, string url, string chain) =>
        Error("IPM3015", $"tarball URL dependency '{name}@{url}' (required by {chain}) cannot be read here: this resolver was given no way to download archives");

    /// <summary>The lock file could not be written (its folder cannot be created, no permission, disk full).</summary>
    public static Diagnostic LockUnwritable(string path, string why) =>
        Error("IPM3016", $"cannot write lock file '{path}': {why}");
}
