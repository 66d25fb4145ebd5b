namespace Bundler.Core.Versioning;

// CONTRACT STUB: the Versioning owner replaces the body; the public surface below is what other stages use.

/// <summary>One version listed in a packument, as the picker needs it.</summary>
public sealed record VersionCandidate(string Version, bool Deprecated);

/// <summary>Chooses a version from a packument as npm-pick-manifest does.</summary>
public static class ManifestPicker
{
    /// <summary>
    /// Returns the packument key of the chosen version, or null when nothing satisfies <paramref name="spec"/>.
    /// <paramref name="spec"/> is a range, an exact version, or a dist-tag name (empty means <c>*</c>).
    /// Throws <see cref="FormatException"/> when the spec is neither a valid range nor a possible tag name.
    /// </summary>
    public static string? Pick(string spec, IReadOnlyDictionary<string, string> distTags, IReadOnlyList<VersionCandidate> candidates)
        => throw new NotImplementedException();
}
