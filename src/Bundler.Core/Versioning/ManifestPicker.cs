namespace Bundler.Core.Versioning;

/// <summary>One version listed in a packument, as the picker needs it.</summary>
/// <param name="Version">The packument key, exactly as the registry wrote it.</param>
/// <param name="Deprecated">True when the manifest's <c>deprecated</c> is truthy (an empty string is not).</param>
public sealed record VersionCandidate(string Version, bool Deprecated);

/// <summary>
/// Chooses a version from a packument as npm-pick-manifest (11.x) does, without its engine, time (<c>before</c>),
/// staged and policy rules: the <c>latest</c> dist-tag wins when it satisfies the range and is not deprecated;
/// otherwise the highest satisfying non-deprecated version, then the highest deprecated one. Versions npm cannot
/// parse never satisfy a range (see <see cref="Unparseable"/>) and never make the picker fail.
/// </summary>
public static class ManifestPicker
{
    private const string DefaultTag = "latest";

    /// <summary>
    /// Returns the packument key of the chosen version, or null when nothing satisfies <paramref name="spec"/>.
    /// <paramref name="spec"/> is a range, an exact version, or a dist-tag name (empty means <c>*</c>).
    /// Throws <see cref="FormatException"/> when the spec is neither a valid range nor a possible tag name.
    /// </summary>
    /// <remarks>
    /// npm-package-arg decides what a spec is, in this order: file paths, URLs and git (anything starting with
    /// '.', holding '/', <c>scheme:</c>, or ending in .tgz/.tar/.tar.gz) are not registry specs at all and throw
    /// here; then a loose version (exact key lookup of its normalized form, deprecated or not), a loose range,
    /// and finally a tag when <c>encodeURIComponent(tag) == tag</c>. The one key that may come back unparseable is
    /// <c>latest</c>'s, for the spec <c>*</c> or empty, which npm takes without checking it.
    /// </remarks>
    public static string? Pick(string spec, IReadOnlyDictionary<string, string> distTags, IReadOnlyList<VersionCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(distTags);
        ArgumentNullException.ThrowIfNull(candidates);

        if (spec.Length == 0)
        {
            return PickFromRange(NpmRange.Parse("*"), "*", distTags, candidates);
        }

        if (!IsRegistrySpec(spec))
        {
            throw new FormatException($"'{spec}' is a file, directory, URL or git spec, not a version, range or tag");
        }

        var trimmed = JsText.Trim(spec);
        if (NpmVersion.Create(trimmed, loose: true) is not null)
        {
            // An exact version is looked up by its cleaned form only: "v1.0.0" finds the key "1.0.0".
            return Find(candidates, NpmVersion.Clean(spec)!)?.Version;
        }

        if (NpmRange.TryParse(trimmed, loose: true, out var range))
        {
            return PickFromRange(range!, spec, distTags, candidates);
        }

        if (!IsTagName(trimmed))
        {
            throw new FormatException($"'{spec}' is neither a valid version range nor a dist-tag name");
        }

        // npm looks the tag up as written, untrimmed.
        return distTags.TryGetValue(spec, out var tagged) ? Find(candidates, tagged)?.Version : null;
    }

    /// <summary>The packument keys npm cannot parse as versions; the picker skips them, callers may warn.</summary>
    public static IReadOnlyList<string> Unparseable(IReadOnlyList<VersionCandidate> candidates)
    {
        ArgumentNullException.ThrowIfNull(candidates);
        var result = new List<string>();
        foreach (var c in candidates)
        {
            if (NpmVersion.Create(c.Version, loose: true) is null)
            {
                result.Add(c.Version);
            }
        }

        return result;
    }

    private static string? PickFromRange(NpmRange range, string rangeText, IReadOnlyDictionary<string, string> distTags,
        IReadOnlyList<VersionCandidate> candidates)
    {
        if (distTags.TryGetValue(DefaultTag, out var latest)
            && (rangeText == "*" || range.IsSatisfiedBy(latest))
            && Find(candidates, latest) is { Deprecated: false } preferred)
        {
            return preferred.Version;
        }

        VersionCandidate? best = null;
        NpmVersion? bestVersion = null;
        foreach (var c in candidates)
        {
            var v = NpmVersion.Create(c.Version, loose: true);
            if (v is null || !range.IsSatisfiedBy(v))
            {
                continue;
            }

            // Not deprecated first, then the highest version; among equal ones the first listed (a stable sort).
            var better = best is null
                || (best.Deprecated && !c.Deprecated)
                || (best.Deprecated == c.Deprecated && v.CompareTo(bestVersion) > 0);
            if (better)
            {
                best = c;
                bestVersion = v;
            }
        }

        return best?.Version;
    }

    private static VersionCandidate? Find(IReadOnlyList<VersionCandidate> candidates, string key)
    {
        foreach (var c in candidates)
        {
            if (string.Equals(c.Version, key, StringComparison.Ordinal))
            {
                return c;
            }
        }

        return null;
    }

    /// <summary>npm-package-arg's resolve(): what is not a file, directory, URL or git spec is a registry spec.</summary>
    private static bool IsRegistrySpec(string spec)
    {
        if (spec[0] == '.' || spec.Contains('/', StringComparison.Ordinal))
        {
            return false;
        }

        // isURL: /^(?:git[+])?[a-z]+:/i, which also covers file: and npm: aliases.
        var i = spec.StartsWith("git+", StringComparison.OrdinalIgnoreCase) ? 4 : 0;
        var letters = i;
        while (letters < spec.Length && char.IsAsciiLetter(spec[letters]))
        {
            letters++;
        }

        if (letters > i && letters < spec.Length && spec[letters] == ':')
        {
            return false;
        }

        return !(spec.EndsWith(".tgz", StringComparison.OrdinalIgnoreCase)
            || spec.EndsWith(".tar", StringComparison.OrdinalIgnoreCase)
            || spec.EndsWith(".tar.gz", StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>encodeURIComponent leaves exactly these characters alone.</summary>
    private static bool IsTagName(string tag)
    {
        foreach (var c in tag)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('-' or '_' or '.' or '!' or '~' or '*' or '\'' or '(' or ')'))
            {
                return false;
            }
        }

        return true;
    }
}
