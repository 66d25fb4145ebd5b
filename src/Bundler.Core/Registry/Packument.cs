namespace Bundler.Core.Registry;

/// <summary>Where a version's archive lives and how to verify it (the manifest's <c>dist</c>).</summary>
public sealed record Dist
{
    public Uri? Tarball { get; init; }

    /// <summary>Subresource-integrity string, usually <c>sha512-...</c>.</summary>
    public string? Integrity { get; init; }

    /// <summary>SHA-1 hex of the tarball.</summary>
    public string? Shasum { get; init; }

    /// <summary>"JS Registry" style: a zip archive instead of (or beside) the tarball.</summary>
    public Uri? Zip { get; init; }

    /// <summary>SHA-1 hex of <see cref="Zip"/>.</summary>
    public string? ZipShasum { get; init; }

    /// <summary>IPFS content id of the tarball, served by IPFS-backed mirrors.</summary>
    public string? Cid { get; init; }

    /// <summary>Where an IPFS-backed mirror copied the tarball from (<c>dist.source</c>); used when <see cref="Tarball"/> is missing.</summary>
    public Uri? Source { get; init; }
}

/// <summary>One version of a package as the registry describes it. Only the fields the bundler uses.</summary>
public sealed record PackageManifest
{
    public required string Name { get; init; }

    /// <summary>The packument key of this version, as the registry spells it.</summary>
    public required string Version { get; init; }

    public IReadOnlyDictionary<string, string> Dependencies { get; init; } = Empty;

    public IReadOnlyDictionary<string, string> OptionalDependencies { get; init; } = Empty;

    public IReadOnlyDictionary<string, string> PeerDependencies { get; init; } = Empty;

    /// <summary>Names of peer dependencies marked optional in <c>peerDependenciesMeta</c>.</summary>
    public IReadOnlyList<string> OptionalPeers { get; init; } = [];

    /// <summary>Names listed in <c>bundleDependencies</c> (or <c>bundledDependencies</c>).</summary>
    public IReadOnlyList<string> BundleDependencies { get; init; } = [];

    /// <summary>The deprecation message, when the version is deprecated.</summary>
    public string? Deprecated { get; init; }

    public Dist Dist { get; init; } = new();

    public static readonly IReadOnlyDictionary<string, string> Empty =
        new Dictionary<string, string>(StringComparer.Ordinal);

    public static readonly IReadOnlyDictionary<string, PackageManifest> EmptyVersions =
        new Dictionary<string, PackageManifest>(StringComparer.Ordinal);
}

/// <summary>A package document: its dist-tags and every version's manifest.</summary>
public sealed record Packument
{
    public required string Name { get; init; }

    public IReadOnlyDictionary<string, string> DistTags { get; init; } = PackageManifest.Empty;

    /// <summary>Manifests keyed by version, ordinally sorted.</summary>
    public required IReadOnlyDictionary<string, PackageManifest> Versions { get; init; }

    /// <summary>Where the document was read from, for messages and for resolving relative tarball URLs.</summary>
    public required Uri Source { get; init; }

    /// <summary>
    /// Set when the document has no versions but a top-level <c>url</c>: the package is hosted on another
    /// registry, at this packument URL or registry base (absolute; a relative <c>url</c> is resolved against <see cref="Source"/>).
    /// </summary>
    public Uri? HostedAt { get; init; }
}
