namespace Bundler.Core.Archives;

/// <summary>
/// What one package archive may unpack to. The defaults are far above any real npm package and far below what
/// could exhaust a build machine; every limit is checked against bytes actually read, not sizes the archive claims.
/// </summary>
public sealed record ExtractionLimits
{
    public static ExtractionLimits Default { get; } = new();

    /// <summary>Entries (files and folders); default 20,000.</summary>
    public int MaxEntries { get; init; } = 20_000;

    /// <summary>Total bytes of all files; default 512 MiB.</summary>
    public long MaxUnpackedBytes { get; init; } = 512L * 1024 * 1024;

    /// <summary>Path segments below the package's top folder; default 64.</summary>
    public int MaxDepth { get; init; } = 64;

    /// <summary>UTF-8 bytes of an entry's full name; default 1,024.</summary>
    public int MaxPathBytes { get; init; } = 1024;

    /// <summary>UTF-8 bytes of one path segment; default 255, what ext4, APFS and NTFS allow.</summary>
    public int MaxSegmentBytes { get; init; } = 255;

    /// <summary>Unpacked bytes per compressed byte, checked once <see cref="RatioGraceBytes"/> are unpacked; default 100.</summary>
    public double MaxCompressionRatio { get; init; } = 100;

    /// <summary>Unpacked bytes before the ratio is checked (small files compress extremely well); default 1 MiB.</summary>
    public long RatioGraceBytes { get; init; } = 1024 * 1024;

    /// <summary>Size of one PAX extended header or GNU long-name record; default 64 KiB.</summary>
    public int MaxExtendedHeaderBytes { get; init; } = 64 * 1024;
}
