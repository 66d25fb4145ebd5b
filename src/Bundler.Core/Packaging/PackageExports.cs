using System.Text.Json;

namespace Bundler.Core.Packaging;

/// <summary>
/// The package root (<c>"."</c>) of a package.json <c>exports</c> field, resolved as Node's <c>require()</c> of a
/// bare package name resolves it (its ESM resolver's PACKAGE_EXPORTS_RESOLVE with the CommonJS conditions).
/// Subpaths (<c>"./feature"</c>) are not resolved: the device resolves deep requires by path.
/// </summary>
internal static class PackageExports
{
    /// <summary>The conditions Node's <c>require()</c> matches, besides <c>default</c>, which always matches.</summary>
    public static readonly IReadOnlySet<string> RequireConditions = new HashSet<string>(StringComparer.Ordinal) { "require", "node", "node-addons" };

    /// <summary>
    /// The package-relative file the root export leads to, with <paramref name="problem"/> null; or null with
    /// <paramref name="problem"/> saying why Node's <c>require()</c> would throw (the file is not checked here).
    /// </summary>
    public static string? ResolveRoot(JsonElement exports, out string? problem)
    {
        problem = null;
        try
        {
            var root = RootTarget(exports);
            var target = root is null ? null : Target(root.Value).File;
            if (target is null)
            {
                problem = "it exports no root (\".\") for require()";
            }

            return target;
        }
        catch (InvalidExportsException e)
        {
            problem = e.Message;
            return null;
        }
    }

    /// <summary>The value of the <c>"."</c> entry, the whole field when it is sugar for one, or null when absent.</summary>
    private static JsonElement? RootTarget(JsonElement exports)
    {
        if (exports.ValueKind is JsonValueKind.String or JsonValueKind.Array)
        {
            return exports;
        }

        if (exports.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var keys = Keys(exports);
        var conditions = keys.Count(k => k.Name.Length == 0 || k.Name[0] != '.');
        if (conditions > 0 && conditions < keys.Count)
        {
            throw new InvalidExportsException("its keys mix subpaths (starting with '.') and conditions");
        }

        if (conditions > 0)
        {
            return exports;
        }

        return keys.FirstOrDefault(k => k.Name == ".") is { Name: not null } dot ? dot.Value : null;
    }

    /// <summary>
    /// Node's RESOLVE_PACKAGE_TARGET for the root: a file, <see cref="Outcome.Null"/> ("not exported": a null
    /// target or an empty array), or <see cref="Outcome.Undefined"/> (no condition matched, so an enclosing
    /// condition object tries its next key). Throws for an invalid target or configuration.
    /// </summary>
    private static Outcome Target(JsonElement target)
    {
        switch (target.ValueKind)
        {
            case JsonValueKind.String:
                return new Outcome(StringTarget(target.GetString()!), false);
            case JsonValueKind.Array:
                return ArrayTarget(target);
            case JsonValueKind.Object:
                var keys = Keys(target);
                if (keys.FirstOrDefault(k => IsArrayIndex(k.Name)) is { Name: { } numeric })
                {
                    throw new InvalidExportsException($"a condition object has the numeric key '{numeric}'");
                }

                foreach (var (name, value) in keys)
                {
                    if (name == "default" || RequireConditions.Contains(name))
                    {
                        var outcome = Target(value);
                        if (!outcome.IsUndefined)
                        {
                            return outcome;
                        }
                    }
                }

                return Outcome.Undefined;
            case JsonValueKind.Null:
                return Outcome.Null;
            default:
                throw new InvalidExportsException($"the target {target.GetRawText()} is not a string, array, object or null", isTarget: true);
        }
    }

    /// <summary>Fallbacks: the first entry that resolves; invalid targets are skipped, other errors are not.</summary>
    private static Outcome ArrayTarget(JsonElement target)
    {
        if (target.GetArrayLength() == 0)
        {
            return Outcome.Null;
        }

        InvalidExportsException? last = null;
        var sawNull = false;
        foreach (var item in target.EnumerateArray())
        {
            Outcome outcome;
            try
            {
                outcome = Target(item);
            }
            catch (InvalidExportsException e) when (e.IsTarget)
            {
                (last, sawNull) = (e, false);
                continue;
            }

            if (outcome.File is not null)
            {
                return outcome;
            }

            // Node clears its remembered error on a null entry: the array is then "not exported", not invalid.
            if (!outcome.IsUndefined)
            {
                (last, sawNull) = (null, true);
            }
        }

        return last is not null ? throw last : sawNull ? Outcome.Null : Outcome.Undefined;
    }

    private static string StringTarget(string target)
    {
        if (!target.StartsWith("./", StringComparison.Ordinal))
        {
            throw new InvalidExportsException($"the target '{target}' does not start with './'", isTarget: true);
        }

        var path = target[2..];
        foreach (var segment in path.Split('/', '\\'))
        {
            var decoded = Uri.UnescapeDataString(segment);
            if (decoded is "." or ".." || decoded.Equals("node_modules", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidExportsException($"the target '{target}' has a '.', '..' or 'node_modules' segment", isTarget: true);
            }
        }

        // The target is a URL: a query or fragment is not part of the file name.
        var cut = path.IndexOfAny(['?', '#']);
        path = cut < 0 ? path : path[..cut];
        if (path.Contains("%2f", StringComparison.OrdinalIgnoreCase) || path.Contains("%5c", StringComparison.OrdinalIgnoreCase))
        {
            throw new InvalidExportsException($"the target '{target}' encodes a '/' or '\\'");
        }

        // A folder (trailing slash) is never a file; keep the slash so no file matches it.
        var file = PackageMain.Normalize(Uri.UnescapeDataString(path));
        return path.EndsWith('/') || path.EndsWith('\\') || file.Length == 0 ? file + "/" : file;
    }

    /// <summary>An object's keys as JavaScript sees them after JSON.parse: first position, last value.</summary>
    private static List<(string Name, JsonElement Value)> Keys(JsonElement obj)
    {
        var keys = new List<(string Name, JsonElement Value)>();
        foreach (var p in obj.EnumerateObject())
        {
            var at = keys.FindIndex(k => k.Name == p.Name);
            if (at >= 0)
            {
                keys[at] = (p.Name, p.Value);
            }
            else
            {
                keys.Add((p.Name, p.Value));
            }
        }

        return keys;
    }

    private static bool IsArrayIndex(string key) =>
        key.Length is > 0 and <= 10 && key.All(char.IsAsciiDigit) && (key.Length == 1 || key[0] != '0')
        && ulong.Parse(key, System.Globalization.CultureInfo.InvariantCulture) < 0xFFFF_FFFF;

    /// <summary>A target's result; both null and undefined mean "not exported" for the root itself.</summary>
    private readonly record struct Outcome(string? File, bool IsUndefined)
    {
        public static readonly Outcome Null = new(null, false);
        public static readonly Outcome Undefined = new(null, true);
    }

    /// <summary>What Node throws for an exports field it cannot use; <see cref="IsTarget"/> lets an array try its next entry.</summary>
    private sealed class InvalidExportsException(string message, bool isTarget = false) : Exception(message)
    {
        public bool IsTarget { get; } = isTarget;
    }
}
