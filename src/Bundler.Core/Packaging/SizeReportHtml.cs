using System.Text;

namespace Bundler.Core.Packaging;

/// <summary>
/// <c>ipm-report.html</c>: one self-contained page (inline CSS and script, a Content-Security-Policy that forbids
/// every load) with a squarified treemap of packages and files by shipped bytes and a sortable table. The page is
/// Report/ipm-report.html, embedded in the assembly; the report's JSON is placed into its data element.
/// </summary>
internal static class SizeReportHtml
{
    private const string Marker = "/*IPM-REPORT-DATA*/";

    private static readonly Lazy<string> Page = new(() =>
    {
        using var stream = typeof(SizeReportHtml).Assembly.GetManifestResourceStream("Bundler.Core.Packaging.Report.ipm-report.html")
            ?? throw new InvalidOperationException("the report page is not embedded in the assembly");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
    });

    /// <summary>The page with <paramref name="json"/> (from <see cref="SizeReportJson.Write"/>) inside it.</summary>
    public static byte[] Write(byte[] json)
    {
        // The JSON writer escapes '<', '>' and '&', so the data cannot close the script element it sits in.
        var text = Encoding.UTF8.GetString(json).TrimEnd('\n');
        return Encoding.UTF8.GetBytes(Page.Value.Replace(Marker, text, StringComparison.Ordinal));
    }
}
