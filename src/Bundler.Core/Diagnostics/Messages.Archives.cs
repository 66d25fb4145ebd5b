namespace Bundler.Core.Diagnostics;

// Archive extraction (IPM5xxx). Entry names passed here are already made printable (see Archives.EntryNames.Display).
public static partial class Messages
{
    public static Diagnostic UnsupportedEntryType(string package, string entry, string kind) =>
        Error("IPM5001", $"{package}: archive entry '{entry}' is {kind}; only regular files and folders are extracted");

    public static Diagnostic UnsafeEntryPath(string package, string entry, string why) =>
        Error("IPM5002", $"{package}: archive entry '{entry}' has an unsafe path: {why}");

    public static Diagnostic EntryNameCollision(string package, string entry, string other, string how) =>
        Error("IPM5003", $"{package}: archive entries '{other}' and '{entry}' collide ({how})");

    public static Diagnostic DuplicateEntry(string package, string entry) =>
        Error("IPM5004", $"{package}: archive entry '{entry}' appears more than once");

    public static Diagnostic EntryTooDeep(string package, string entry, int depth, int max) =>
        Error("IPM5005", $"{package}: archive entry '{entry}' is {depth} folders deep (limit {max})");

    public static Diagnostic EntryPathTooLong(string package, string entry, int bytes, int max) =>
        Error("IPM5006", $"{package}: archive entry '{entry}' has a {bytes}-byte path (limit {max})");

    public static Diagnostic EntrySegmentTooLong(string package, string entry, int bytes, int max) =>
        Error("IPM5006", $"{package}: archive entry '{entry}' has a {bytes}-byte file or folder name (limit {max})");

    public static Diagnostic TooManyEntries(string package, int max) =>
        Error("IPM5007", $"{package}: archive has more than {max} entries");

    public static Diagnostic ArchiveTooLarge(string package, long max) =>
        Error("IPM5008", $"{package}: archive unpacks to more than {max} bytes");

    public static Diagnostic CompressionRatioTooHigh(string package, long unpacked, long compressed, double max) =>
        Error("IPM5009", $"{package}: archive expands {compressed} compressed bytes to {unpacked} bytes, more than {max}:1 (a decompression bomb?)");

    public static Diagnostic BadTarHeader(string package, string entry, string why) =>
        Error("IPM5010", $"{package}: tar header of '{entry}' is not acceptable: {why}");

    public static Diagnostic CorruptArchive(string package, string why) =>
        Error("IPM5011", $"{package}: archive is corrupt or not in the expected format: {why}");

    public static Diagnostic ManifestMismatch(string package, string field, string expected, string actual) =>
        Error("IPM5012", $"{package}: package.json has {field} '{actual}' but '{expected}' was requested");

    public static Diagnostic ManifestMissing(string package, string why) =>
        Error("IPM5013", $"{package}: package.json is missing or unreadable: {why}");

    public static Diagnostic ExtractionFailed(string package, string destination, string why) =>
        Error("IPM5014", $"{package}: cannot extract into '{destination}': {why}");
}
