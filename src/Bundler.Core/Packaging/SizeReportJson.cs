using System.Text;
using System.Text.Json;

namespace Bundler.Core.Packaging;

/// <summary>
/// <c>ipm-report.json</c> (the layout is documented in the README, "Size report"). Packages sorted by folder,
/// files by path; indented with "\n"; the default encoder escapes <c>&lt;</c>, <c>&gt;</c> and <c>&amp;</c>, so the same
/// text can sit inside the HTML report's script element.
/// </summary>
internal static class SizeReportJson
{
    /// <summary>The report's UTF-8 JSON.</summary>
    public static byte[] Write(SizeReport report)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteNumber("schema", 1);
            w.WriteString("generator", report.Generator);
            w.WriteString("lockDigest", report.LockDigest);
            w.WriteBoolean("minified", report.Minified);
            if (report.Budget is { } budget)
            {
                w.WriteNumber("budget", budget);
            }
            else
            {
                w.WriteNull("budget");
            }

            w.WriteStartObject("totals");
            w.WriteNumber("rawFiles", report.Packages.Sum(p => p.RawFiles));
            w.WriteNumber("rawBytes", report.RawBytes);
            w.WriteNumber("prunedFiles", report.Packages.Sum(p => p.PrunedFiles));
            w.WriteNumber("prunedBytes", report.PrunedBytes);
            w.WriteNumber("shippedBytes", report.ShippedBytes);
            w.WriteNumber("tableBytes", report.TableBytes);
            w.WriteNumber("flashBytes", report.FlashBytes);
            w.WriteEndObject();
            w.WriteNumber("fixedTableBytes", report.FixedTableBytes);

            w.WriteStartArray("coreModules");
            foreach (var (name, from) in report.CoreModules.OrderBy(c => c.Key, StringComparer.Ordinal))
            {
                w.WriteStartObject();
                w.WriteString("name", name);
                w.WriteString("from", from);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("packages");
            foreach (var p in report.Packages.OrderBy(p => p.Directory, StringComparer.Ordinal))
            {
                WritePackage(w, p);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        // Utf8JsonWriter indents with the platform's line end; the output is "\n" everywhere.
        var text = Encoding.UTF8.GetString(buffer.ToArray()).Replace("\r\n", "\n", StringComparison.Ordinal) + "\n";
        return Encoding.UTF8.GetBytes(text);
    }

    private static void WritePackage(Utf8JsonWriter w, PackageSize p)
    {
        w.WriteStartObject();
        w.WriteString("name", p.Name);
        w.WriteString("version", p.Version);
        w.WriteString("directory", p.Directory);
        w.WriteBoolean("application", p.IsApplication);
        w.WriteBoolean("fallback", p.Fallback);
        w.WriteNumber("rawFiles", p.RawFiles);
        w.WriteNumber("rawBytes", p.RawBytes);
        w.WriteNumber("prunedFiles", p.PrunedFiles);
        w.WriteNumber("prunedBytes", p.PrunedBytes);
        w.WriteNumber("shippedBytes", p.ShippedBytes);
        w.WriteNumber("tableBytes", p.TableBytes);
        w.WriteNumber("flashBytes", p.FlashBytes);
        w.WriteStartArray("files");
        foreach (var f in p.Files.OrderBy(f => f.Path, StringComparer.Ordinal))
        {
            w.WriteStartObject();
            w.WriteString("path", f.Path);
            if (f.Reason is null)
            {
                w.WriteNull("reason");
            }
            else
            {
                w.WriteString("reason", f.Reason);
            }

            w.WriteNumber("raw", f.RawBytes);
            w.WriteNumber("pruned", f.PrunedBytes);
            w.WriteNumber("shipped", f.ShippedBytes);
            w.WriteNumber("table", f.TableBytes);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }
}
