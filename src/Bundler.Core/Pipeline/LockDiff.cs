using Bundler.Core.Resolution;

namespace Bundler.Core.Pipeline;

/// <summary>Says in words what differs between a lock and the declared modules, for --locked errors.</summary>
internal static class LockDiff
{
    public static string? Describe(IReadOnlyDictionary<string, string> locked, IReadOnlyDictionary<string, string> declared)
    {
        var changes = new List<string>();
        foreach (var (name, spec) in declared)
        {
            if (!locked.TryGetValue(name, out var old))
            {
                changes.Add($"added {name}@{spec}");
            }
            else if (!string.Equals(old, spec, StringComparison.Ordinal))
            {
                changes.Add($"{name} changed from '{old}' to '{spec}'");
            }
        }

        changes.AddRange(locked.Keys.Where(k => !declared.ContainsKey(k)).Select(k => $"removed {k}"));
        return changes.Count == 0 ? null : string.Join("; ", changes.Order(StringComparer.Ordinal));
    }

    public static string? DescribeTree(ResolvedTree before, ResolvedTree after)
    {
        var a = before.Packages.ToDictionary(p => p.Path, p => p.Version, StringComparer.Ordinal);
        var b = after.Packages.ToDictionary(p => p.Path, p => p.Version, StringComparer.Ordinal);
        var changes = b.Where(kv => !a.TryGetValue(kv.Key, out var v) || v != kv.Value).Select(kv => $"{kv.Key}@{kv.Value} would be installed")
            .Concat(a.Keys.Where(k => !b.ContainsKey(k)).Select(k => $"{k} would be removed"))
            .Order(StringComparer.Ordinal).ToList();
        return changes.Count == 0 ? null : string.Join("; ", changes.Take(10));
    }
}
