using System.Globalization;

namespace Bundler.Core.Packaging;

/// <summary>One file of a package, shipped or not.</summary>
/// <param name="Path">Its virtual path.</param>
/// <param name="RawBytes">Its size as published.</param>
/// <param name="Reason">Why it ships (see <see cref="PruneResult.Shipped"/>), or null when pruned.</param>
/// <param name="ShippedBytes">Bytes in flash after minification; 0 when pruned.</param>
/// <param name="TableBytes">Its path and row in the file table; 0 when pruned.</param>
internal sealed record FileSize(string Path, long RawBytes, string? Reason, long ShippedBytes, long TableBytes)
{
    public bool Shipped => Reason is not null;

    /// <summary>Its size after pruning and before minification.</summary>
    public long PrunedBytes => Shipped ? RawBytes : 0;
}

/// <summary>One installed package (or the application's own files), with every file it has.</summary>
/// <param name="Name">The package name, or the project's name for the application.</param>
/// <param name="Version">Empty for the application.</param>
/// <param name="Directory">Its folder in the bundle; <c>/</c> for the application.</param>
/// <param name="IsApplication">The project's own files (the entry and what it requires), not a package.</param>
/// <param name="PackageTableBytes">Its row in the package table (name, version, folder); 0 for the application.</param>
/// <param name="Fallback">Shipped with its default file set because of a computed require.</param>
/// <param name="Files">Every file it has, shipped or pruned.</param>
internal sealed record PackageSize(string Name, string Version, string Directory, bool IsApplication, bool Fallback, long PackageTableBytes, IReadOnlyList<FileSize> Files)
{
    public string Label => IsApplication ? Name + " (application)" : $"{Name}@{Version}";

    public int RawFiles => Files.Count;

    public long RawBytes => Files.Sum(f => f.RawBytes);

    public int PrunedFiles => Files.Count(f => f.Shipped);

    public long PrunedBytes => Files.Sum(f => f.PrunedBytes);

    public long ShippedBytes => Files.Sum(f => f.ShippedBytes);

    public long TableBytes => PackageTableBytes + Files.Sum(f => f.TableBytes);

    public long FlashBytes => ShippedBytes + TableBytes;
}

/// <summary>
/// Where the flash goes, per package and file: raw, after pruning, after minification, plus table overhead.
/// <see cref="FlashBytes"/> equals the generator's flash estimate for the same table.
/// </summary>
/// <param name="Generator">What generated the bundle.</param>
/// <param name="LockDigest">The lock digest the bundle was generated from.</param>
/// <param name="Minified">Whether JavaScript was minified.</param>
/// <param name="Budget">The flash budget, or null.</param>
/// <param name="Packages">Every package, and the application when it has files.</param>
/// <param name="FixedTableBytes">Table bytes no package owns: sentinels, counts, digest, generator name.</param>
/// <param name="CoreModules">Built-in modules the bundle asks for (name, first <c>file:line</c>).</param>
internal sealed record SizeReport(
    string Generator,
    string LockDigest,
    bool Minified,
    long? Budget,
    long FixedTableBytes,
    IReadOnlyList<PackageSize> Packages,
    IReadOnlyDictionary<string, string> CoreModules)
{
    public const string JsonFileName = "ipm-report.json";

    public const string HtmlFileName = "ipm-report.html";

    public long RawBytes => Packages.Sum(p => p.RawBytes);

    public long PrunedBytes => Packages.Sum(p => p.PrunedBytes);

    public long ShippedBytes => Packages.Sum(p => p.ShippedBytes);

    public long TableBytes => FixedTableBytes + Packages.Sum(p => p.TableBytes);

    public long FlashBytes => ShippedBytes + TableBytes;

    /// <summary>The biggest packages by flash, each with its biggest file, for the over-budget error.</summary>
    public string LargestContributors(int count) => string.Join(", ", Packages
        .OrderByDescending(p => p.FlashBytes).ThenBy(p => p.Directory, StringComparer.Ordinal)
        .Take(count)
        .Select(p =>
        {
            var biggest = p.Files.Where(f => f.Shipped).OrderByDescending(f => f.ShippedBytes).ThenBy(f => f.Path, StringComparer.Ordinal).FirstOrDefault();
            return biggest is null ? $"{p.Label} {p.FlashBytes}" : $"{p.Label} {p.FlashBytes} (largest file {biggest.Path} {biggest.ShippedBytes})";
        }));

    /// <summary>The summary table: the biggest packages by flash, then totals. Bytes, right-aligned.</summary>
    public IReadOnlyList<string> SummaryLines(int maxRows)
    {
        var rows = Packages.OrderByDescending(p => p.FlashBytes).ThenBy(p => p.Directory, StringComparer.Ordinal).ToList();
        var shown = rows.Take(maxRows).ToList();
        var width = Math.Clamp(shown.Select(p => p.Label.Length).DefaultIfEmpty(0).Max(), 7, 40);
        var lines = new List<string>
        {
            $"ipm: flash by package in bytes: raw, after pruning, after {(Minified ? "minification" : "pruning (not minified)")}, table overhead (details in {HtmlFileName})",
            Row("package", "files", "raw", "pruned", Minified ? "minified" : "shipped", "table", "flash", width),
        };
        foreach (var p in shown)
        {
            lines.Add(Row(p.Label, $"{p.PrunedFiles}/{p.RawFiles}", N(p.RawBytes), N(p.PrunedBytes), N(p.ShippedBytes), N(p.TableBytes), N(p.FlashBytes), width));
        }

        if (rows.Count > shown.Count)
        {
            lines.Add($"ipm:   ... {rows.Count - shown.Count} more packages in {HtmlFileName}");
        }

        lines.Add(Row("(tables)", "", "", "", "", N(FixedTableBytes), N(FixedTableBytes), width));
        lines.Add(Row("total", $"{Packages.Sum(p => p.PrunedFiles)}/{Packages.Sum(p => p.RawFiles)}", N(RawBytes), N(PrunedBytes), N(ShippedBytes), N(TableBytes), N(FlashBytes), width));
        return lines;
    }

    private static string Row(string label, string files, string raw, string pruned, string shipped, string table, string flash, int width)
    {
        var name = label.Length > width ? label[..(width - 3)] + "..." : label;
        return $"ipm:   {name.PadRight(width)} {files,11} {raw,10} {pruned,10} {shipped,10} {table,8} {flash,10}";
    }

    private static string N(long value) => value.ToString(CultureInfo.InvariantCulture);
}
