using System.Text;
using System.Text.Json;
using Bundler.Core.Diagnostics;
using Bundler.Core.JavaScript;
using Bundler.Testing;

namespace Bundler.Integration.Tests.JavaScript;

/// <summary>What we made of one file, and what acorn said about it.</summary>
public sealed class OracleEntry(string name, byte[] bytes)
{
    public string Name { get; } = name;

    public byte[] Bytes { get; } = bytes;

    internal JsDocument? Document { get; set; }

    internal MinifiedScript? Minified { get; set; }

    internal IReadOnlyList<SyntaxFinding> Es51Findings { get; set; } = [];

    internal RequireScan? Requires { get; set; }

    /// <summary>acorn's require() calls: line and specifier (null when dynamic), in source order.</summary>
    public List<(int Line, string? Specifier)> AcornRequires { get; } = [];

    /// <summary>Our lexer or minifier threw (the message), which acorn must then also reject.</summary>
    public string? OurError { get; set; }

    public string? Unparseable { get; set; }

    public string? SourceType { get; set; }

    public bool ParsesAsEs5 { get; set; }

    public string? Es5Error { get; set; }

    public string? TokenMismatch { get; set; }

    public string? AstDiff { get; set; }
}

/// <summary>
/// Runs our lexer, minifier and preflight over a set of files in process, then acorn over all of them in ONE node
/// process (tests/Bundler.Integration.Tests/JavaScript/acorn-oracle.js), and keeps both sides' answers.
/// </summary>
public static class AcornOracle
{
    public static List<OracleEntry> Run(IReadOnlyList<(string Name, string Path)> files, TempDirectory temp)
    {
        var entries = new List<OracleEntry>();
        var manifest = new List<Dictionary<string, object>>();
        for (var i = 0; i < files.Count; i++)
        {
            var (name, path) = files[i];
            var entry = new OracleEntry(name, File.ReadAllBytes(path));
            entries.Add(entry);
            var item = new Dictionary<string, object> { ["id"] = i, ["path"] = path };
            manifest.Add(item);
            try
            {
                var doc = JsDocument.Read(entry.Bytes, name);
                entry.Document = doc;
                entry.Minified = Minifier.Minify(doc);
                entry.Es51Findings = SyntaxPreflight.Check(doc, EngineProfile.Es51);
                entry.Requires = RequireScanner.Scan(doc);
                item["tokens"] = temp.Write($"{i}.tokens.json", TokensJson(doc));
                var min = temp.Combine($"{i}.min.js");
                File.WriteAllBytes(min, entry.Minified.Code);
                item["minified"] = min;
            }
            catch (IpmException e)
            {
                entry.OurError = e.Diagnostic.ToString();
            }
        }

        var manifestPath = temp.Write("manifest.json", JsonSerializer.Serialize(new { files = manifest }));
        var resultsPath = temp.Combine("results.json");
        var script = Path.Combine(RepoPaths.Root, "tests", "Bundler.Integration.Tests", "JavaScript", "acorn-oracle.js");
        var acorn = Path.Combine(RepoPaths.Tools, "node_modules", "acorn");
        ProcessRunner.Run("node", [script, acorn, manifestPath, resultsPath], timeout: TimeSpan.FromMinutes(5))
            .EnsureSuccess("node acorn-oracle.js");

        using var results = JsonDocument.Parse(File.ReadAllBytes(resultsPath));
        foreach (var r in results.RootElement.EnumerateArray())
        {
            var e = entries[r.GetProperty("id").GetInt32()];
            e.Unparseable = Str(r, "unparseable");
            e.SourceType = Str(r, "sourceType");
            e.ParsesAsEs5 = r.TryGetProperty("es5", out var es5) && es5.GetBoolean();
            e.Es5Error = Str(r, "es5Error");
            e.TokenMismatch = Str(r, "tokenMismatch");
            e.AstDiff = Str(r, "astDiff");
            if (r.TryGetProperty("requires", out var requires))
            {
                foreach (var call in requires.EnumerateArray())
                {
                    e.AcornRequires.Add((call[0].GetInt32(), call[1].ValueKind == JsonValueKind.String ? call[1].GetString() : null));
                }
            }
        }

        return entries;
    }

    /// <summary>Null when our require() calls are acorn's, else both lists.</summary>
    internal static string? CompareRequires(OracleEntry e)
    {
        var ours = e.Requires!.Static.Select(r => (r.Line, (string?)r.Specifier))
            .Concat(e.Requires.Dynamic.Select(d => (d.Line, (string?)null)))
            .Order().ToList();
        var theirs = e.AcornRequires.Order().ToList();
        return ours.SequenceEqual(theirs) ? null : $"ours [{string.Join(", ", ours)}] acorn [{string.Join(", ", theirs)}]";
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>Kind, start byte, end byte, line per token; kinds as in acorn-oracle.js.</summary>
    internal static string TokensJson(JsDocument doc)
    {
        var sb = new StringBuilder(doc.Tokens.Length * 16);
        sb.Append('[');
        var first = true;
        foreach (var t in doc.Tokens)
        {
            var kind = t.Kind switch
            {
                JsTokenKind.Identifier or JsTokenKind.Keyword => 0,
                JsTokenKind.PrivateName => 1,
                JsTokenKind.Number => 2,
                JsTokenKind.String => 3,
                JsTokenKind.RegExp => 4,
                JsTokenKind.Punctuator => 6,
                _ => 5,
            };
            sb.Append(first ? "" : ",").Append(kind).Append(',').Append(t.Start).Append(',').Append(t.End).Append(',').Append(t.Line);
            first = false;
        }

        return sb.Append(']').ToString();
    }
}
