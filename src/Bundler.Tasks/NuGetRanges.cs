using NuGet.Versioning;

namespace Bundler.Tasks;

/// <summary>
/// Translates a NuGet interval range (<c>[1.0,2.0)</c>, <c>[1.2.3]</c>, <c>(,2.0]</c>) into the npm range that
/// admits the same versions, for the hint of IPM9002. Bare NuGet versions (<c>1.0</c>, meaning "1.0 or later" to
/// NuGet) are never translated: npm reads them as its own ranges (<c>1.0</c> is <c>1.0.x</c>) and the item keeps
/// npm's meaning.
/// </summary>
internal static class NuGetRanges
{
    /// <summary>The npm equivalent of an interval range, or null when NuGet cannot parse it or npm has no way to say it.</summary>
    public static string? ToNpm(string nuget)
    {
        if (!VersionRange.TryParse(nuget, out var range))
        {
            return null;
        }

        var min = range.HasLowerBound ? Npm(range.MinVersion!) : "";
        var max = range.HasUpperBound ? Npm(range.MaxVersion!) : "";
        if (min is null || max is null)
        {
            return null;
        }

        if (range.HasLowerAndUpperBounds && range.IsMinInclusive && range.IsMaxInclusive && min == max)
        {
            return min;
        }

        var parts = new List<string>(2);
        if (range.HasLowerBound)
        {
            parts.Add((range.IsMinInclusive ? ">=" : ">") + min);
        }

        if (range.HasUpperBound)
        {
            parts.Add((range.IsMaxInclusive ? "<=" : "<") + max);
        }

        return parts.Count == 0 ? "*" : string.Join(' ', parts);
    }

    // npm versions have three parts; a fourth (NuGet's revision) has no npm spelling unless it is zero.
    private static string? Npm(NuGetVersion version) =>
        version.Revision != 0 ? null : version.IsPrerelease
            ? $"{version.Major}.{version.Minor}.{version.Patch}-{version.Release}"
            : $"{version.Major}.{version.Minor}.{version.Patch}";
}
