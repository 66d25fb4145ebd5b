namespace Bundler.Core.Diagnostics;

// Fetching, cache and integrity (IPM4xxx). URLs passed here must already have their credentials removed.
public static partial class Messages
{
    /// <summary><paramref name="requirement"/> is <see cref="Requirement"/> of the first chain that reaches the
    /// package, or empty when the fetcher is used without a tree.</summary>
    public static Diagnostic IntegrityMismatch(string package, string requirement, string url, string expected, string actual) =>
        Error("IPM4001", $"integrity check failed for {package}{(requirement.Length == 0 ? "" : $" ({requirement})")} downloaded from {url}: expected {expected}, got {actual}");

    public static Diagnostic NoIntegrity(string package) =>
        Error("IPM4002", $"{package} has neither integrity nor shasum in the registry metadata; refusing to use unverified bytes (allow with --allow-unverified)");

    public static Diagnostic UnverifiedPackage(string package, string url) =>
        Warning("IPM4003", $"{package} has neither integrity nor shasum; using the bytes downloaded from {url} unverified");

    public static Diagnostic InvalidIntegrity(string package, string value, string why) =>
        Error("IPM4004", $"{package} has unusable integrity metadata '{value}': {why}");

    public static Diagnostic OfflineMissing(IReadOnlyList<string> packages) =>
        Error("IPM4005", $"offline, and {packages.Count} package(s) are not in the cache: {string.Join(", ", packages)}");

    public static Diagnostic DownloadFailed(string package, string url, string why) =>
        Error("IPM4006", $"cannot download {package} from {url}: {why}");

    public static Diagnostic TarballTooLarge(string package, string url, long limit) =>
        Error("IPM4007", $"{package} from {url} is larger than the {limit}-byte download limit");

    public static Diagnostic CacheEntryCorrupt(string package, string path) =>
        Warning("IPM4008", $"cache entry '{path}' for {package} did not match its hash; removed it and fetching it again");

    public static Diagnostic CacheUnusable(string path, string why) =>
        Error("IPM4009", $"cannot use cache folder '{path}': {why}");

    public static Diagnostic CacheEntryChanged(string path, string why) =>
        Error("IPM4010", $"cache entry '{path}' is missing or no longer matches its hash ({why}); run the build again to fetch it anew");

    public static Diagnostic OfflineNeedsMetadata(string package, string registry) =>
        Error("IPM4011", $"offline, and the registry metadata of '{package}' is needed from {registry}: it is neither in the lock file nor in the packument cache (run once without --offline to fill the cache)");
}
