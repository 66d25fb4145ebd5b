using System.Globalization;
using Bundler.Core.Diagnostics;

namespace Bundler.Core.Generation;

/// <summary>
/// Turns a <see cref="ModuleTable"/> into the values templates see (documented in templates/README.md).
/// Everything a template needs in C syntax (literals, comments, identifiers) is computed here, so templates
/// stay free of byte-level logic and each template set renders the same, checked encoding.
/// </summary>
internal static class TemplateData
{
    /// <summary>Indentation of each line of a file's data literal.</summary>
    public const string DataIndent = "    ";

    /// <summary>Validates the table and builds the root template context.</summary>
    public static Dictionary<string, object?> Build(ModuleTable table)
    {
        Validate(table);
        var files = table.Files.OrderBy(f => f.VirtualPath, Utf8Order.Instance).ToList();
        var packages = table.Packages.OrderBy(p => p.Directory, Utf8Order.Instance).ToList();
        var fileIndex = files.Select((f, i) => (f.VirtualPath, i)).ToDictionary(x => x.VirtualPath, x => x.i, StringComparer.Ordinal);
        var symbols = CNames.Symbols(files.Select(f => f.VirtualPath), "ipm_");

        var packageList = packages.Select((p, i) => new Dictionary<string, object?>(IotjsBuiltins.Values(p), StringComparer.Ordinal)
        {
            ["index"] = i,
            ["name"] = p.Name,
            ["version"] = p.Version,
            ["directory"] = p.Directory,
            ["main"] = p.Main,
            ["mainIndex"] = p.Main is null ? -1 : fileIndex[p.Main],
            ["nameLiteral"] = CStringLiteral.EncodeInline(p.Name),
            ["versionLiteral"] = CStringLiteral.EncodeInline(p.Version),
            ["directoryLiteral"] = CStringLiteral.EncodeInline(p.Directory),
            ["comment"] = CNames.Comment($"{p.Name}@{p.Version} {p.Directory}"),
        }).ToList();

        var fileList = new List<Dictionary<string, object?>>(files.Count);
        long dataBytes = 0;
        for (var i = 0; i < files.Count; i++)
        {
            var f = files[i];
            var owner = Owner(f.VirtualPath, packages);
            var directory = VirtualPath.Directory(f.VirtualPath);
            dataBytes += f.Content.Length;
            fileList.Add(new Dictionary<string, object?>
            {
                ["index"] = i,
                ["path"] = f.VirtualPath,
                ["pathLiteral"] = CStringLiteral.EncodeInline(f.VirtualPath),
                ["pathComment"] = CNames.Comment(f.VirtualPath),
                ["directory"] = directory,
                ["directoryLiteral"] = CStringLiteral.EncodeInline(directory),
                ["symbol"] = symbols[f.VirtualPath],
                ["size"] = f.Content.Length,
                // C99 has no zero-length arrays: an empty file gets a one-byte array that its size (0) does not count.
                ["arraySize"] = Math.Max(1, f.Content.Length),
                ["isEmpty"] = f.Content.Length == 0,
                ["dataLiteral"] = CStringLiteral.Encode(f.Content, DataIndent),
                ["packageIndex"] = owner,
                ["packageComment"] = owner < 0 ? "no package" : (string)packageList[owner]["comment"]!,
                ["isJson"] = f.VirtualPath.EndsWith(".json", StringComparison.Ordinal),
            });
        }

        var longest = files.Select(f => Utf8Length(f.VirtualPath))
            .Concat(packages.Select(p => Utf8Length(p.Directory)))
            .DefaultIfEmpty(1)
            .Max();
        return new Dictionary<string, object?>
        {
            ["generator"] = table.Generator,
            ["generatorComment"] = CNames.Comment(table.Generator),
            ["generatorLiteral"] = CStringLiteral.EncodeInline(table.Generator),
            ["lockDigest"] = table.LockDigest,
            ["lockDigestComment"] = CNames.Comment(table.LockDigest),
            ["lockDigestLiteral"] = CStringLiteral.EncodeInline(table.LockDigest),
            ["files"] = fileList,
            ["packages"] = packageList,
            ["builtins"] = packageList.Where(p => p["builtinName"] is not null)
                .Select(p => new Dictionary<string, object?>(StringComparer.Ordinal)
                {
                    ["name"] = p["builtinName"],
                    ["enableMacro"] = p["builtinEnableMacro"],
                    ["packageIndex"] = p["index"],
                    ["comment"] = p["comment"],
                })
                .ToList(),
            ["fileCount"] = files.Count,
            ["packageCount"] = packages.Count,
            ["dataBytes"] = dataBytes.ToString(CultureInfo.InvariantCulture),
            ["entry"] = table.Entry,
            ["entryIndex"] = table.Entry is null ? -1 : fileIndex[table.Entry],
            ["entryComment"] = table.Entry is null ? "none" : CNames.Comment(table.Entry),
            ["longestPath"] = longest,

            // Room for the longest path plus "/index.json" and some slack, in whole 64-byte steps.
            ["pathMax"] = Math.Max(256, (longest + 64 + 63) / 64 * 64),
        };
    }

    /// <summary>
    /// Bytes the table puts in flash on a 32-bit target: data with NULs, paths, names, 16-byte table rows,
    /// and 128 bytes for the sentinel rows, counts and the resolver's string constants.
    /// </summary>
    public static long EstimateFlashBytes(ModuleTable table) =>
        table.Files.Sum(f => f.Content.Length + FileTableBytes(f))
        + table.Packages.Sum(PackageTableBytes)
        + FixedTableBytes(table);

    /// <summary>What a file costs besides its bytes: its path with NUL, its table row, the byte of an empty file.</summary>
    public static long FileTableBytes(ModuleFile f) => (f.Content.Length == 0 ? 1 : 0) + Utf8Length(f.VirtualPath) + 1 + 16;

    /// <summary>A package's row: name, version and folder with NULs, and the row itself.</summary>
    public static long PackageTableBytes(ModulePackage p) => (long)Utf8Length(p.Name) + Utf8Length(p.Version) + Utf8Length(p.Directory) + 3 + 16;

    /// <summary>What no file or package owns: sentinels, counts, resolver strings, the digest and generator name.</summary>
    public static long FixedTableBytes(ModuleTable table) => 128 + Utf8Length(table.LockDigest) + 1 + Utf8Length(table.Generator) + 1;

    private static void Validate(ModuleTable table)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in table.Files)
        {
            CheckPath(f.VirtualPath, "file");
            if (!paths.Add(f.VirtualPath))
            {
                throw new IpmException(Messages.DuplicateVirtualPath(f.VirtualPath));
            }
        }

        var directories = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in table.Packages)
        {
            CheckPath(p.Directory, $"package {p.Name}@{p.Version} directory");
            if (!directories.Add(p.Directory))
            {
                throw new IpmException(Messages.DuplicatePackageDirectory(p.Directory));
            }

            if (p.Main is not null && !paths.Contains(p.Main))
            {
                throw new IpmException(Messages.MainNotInTable($"{p.Name}@{p.Version}", p.Main));
            }
        }

        if (table.Entry is not null && !paths.Contains(table.Entry))
        {
            throw new IpmException(Messages.EntryNotInTable(table.Entry));
        }

        CheckUtf8(table.LockDigest, "the lock digest");
        CheckUtf8(table.Generator, "the generator name");
        foreach (var p in table.Packages)
        {
            CheckUtf8(p.Name, $"package name '{p.Name}'");
            CheckUtf8(p.Version, $"version of package '{p.Name}'");
        }
    }

    private static void CheckPath(string path, string what)
    {
        var problem = VirtualPath.Problem(path);
        if (problem is not null)
        {
            throw new IpmException(Messages.InvalidVirtualPath(path, $"{what}: {problem}"));
        }

        CheckUtf8(path, $"bundle path '{path}'");
    }

    private static void CheckUtf8(string text, string what)
    {
        try
        {
            _ = CStringLiteral.Utf8.GetByteCount(text);
        }
        catch (ArgumentException)
        {
            throw new IpmException(Messages.InvalidTableText(what, "it is not valid Unicode (lone surrogate)"));
        }
    }

    /// <summary>Index of the innermost package holding <paramref name="path"/> (packages sorted), or -1.</summary>
    private static int Owner(string path, List<ModulePackage> packages)
    {
        var best = -1;
        for (var i = 0; i < packages.Count; i++)
        {
            if (VirtualPath.IsUnder(path, packages[i].Directory)
                && (best < 0 || packages[i].Directory.Length > packages[best].Directory.Length))
            {
                best = i;
            }
        }

        return best;
    }

    private static int Utf8Length(string s) => CStringLiteral.Utf8.GetByteCount(s);
}

/// <summary>
/// Orders strings by their UTF-8 bytes, which is the order C's <c>strcmp</c> sees, so the generated tables
/// can be binary-searched. (UTF-16 ordinal order differs for characters beyond U+FFFF.)
/// </summary>
internal sealed class Utf8Order : IComparer<string>
{
    public static readonly Utf8Order Instance = new();

    public int Compare(string? x, string? y)
    {
        if (x is null || y is null)
        {
            return x is null ? (y is null ? 0 : -1) : 1;
        }

        return CStringLiteral.Utf8.GetBytes(x).AsSpan().SequenceCompareTo(CStringLiteral.Utf8.GetBytes(y));
    }
}
