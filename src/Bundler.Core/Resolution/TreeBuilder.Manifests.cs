using Bundler.Core.Diagnostics;
using Bundler.Core.Registry;
using Bundler.Core.Versioning;

namespace Bundler.Core.Resolution;

/// <summary>Turning a spec into a node: a registry version, a local folder, a tarball URL, or a failure node.</summary>
internal sealed partial class TreeBuilder
{
    private readonly HashSet<string> _warnedUnparseable = new(StringComparer.Ordinal);

    /// <summary>A detached node for <paramref name="spec"/> as <paramref name="from"/> asks for it; a failure node
    /// (carrying the error) when it cannot be loaded, so an optional dependency can still be dropped later.</summary>
    private async Task<TreeNode> CreateNodeAsync(TreeNode from, PackageSpec spec, CancellationToken cancellationToken)
    {
        var chain = from.Chain.Length == 0 ? spec.ToString() : $"{from.Chain} > {spec}";
        try
        {
            return spec.Kind switch
            {
                SpecKind.Git => throw new IpmException(Messages.GitSpecUnsupported(spec.Name, spec.Raw, from.Chain)),
                SpecKind.Directory => _locals.CreateNode(spec, from, chain),
                SpecKind.Tarball => await FromTarballAsync(from, spec, chain, cancellationToken).ConfigureAwait(false),
                _ => await FromRegistryAsync(from, spec, chain, cancellationToken).ConfigureAwait(false),
            };
        }
        catch (IpmException ex)
        {
            return new TreeNode(spec.Name, spec.PackageName, string.Empty, [])
            {
                Error = ex.Diagnostic,
                Chain = chain,
                RequiredBy = from.Chain,
                RequestedSpec = spec.Raw,
            };
        }
    }

    private async Task<TreeNode> FromRegistryAsync(TreeNode from, PackageSpec spec, string chain, CancellationToken cancellationToken)
    {
        var name = spec.PackageName;
        Packument? packument;
        try
        {
            packument = await _packuments.GetAsync(name, cancellationToken).ConfigureAwait(false);
        }
        catch (IpmException ex) when (ex.Code.StartsWith("IPM2", StringComparison.Ordinal))
        {
            // The read is shared by every requirement of this name; the message gets the one that waited for it.
            throw new IpmException(Messages.ForRequirement(ex.Diagnostic, spec.Range, from.Chain), ex);
        }

        if (packument is null)
        {
            throw new IpmException(Messages.PackageNotFound(name, spec.Range, _packuments.SourceFor(name).Display, from.Chain));
        }

        var candidates = new List<VersionCandidate>();
        foreach (var (version, listed) in packument.Versions)
        {
            if (NpmVersion.TryParse(version, out _))
            {
                candidates.Add(new VersionCandidate(version, listed.Deprecated is not null));
            }
            else if (_warnedUnparseable.Add(name + "@" + version))
            {
                Log.Report(Messages.UnparseableVersion(name, version));
            }
        }

        string? picked;
        try
        {
            picked = ManifestPicker.Pick(spec.Range, packument.DistTags, candidates);
        }
        catch (FormatException)
        {
            throw new IpmException(Messages.InvalidVersionRange(spec.Range, name, from.Chain));
        }

        if (picked is null)
        {
            var sorted = candidates.Select(c => NpmVersion.Parse(c.Version)).Order().Select(v => v.ToString());
            throw new IpmException(Messages.NoMatchingVersion(name, spec.Range, from.Chain, sorted));
        }

        var manifest = packument.Versions[picked];
        return new TreeNode(spec.Name, name, picked, Declare(manifest, baseDirectory: null))
        {
            Manifest = manifest,
            Chain = chain,
            RequiredBy = from.Chain,
            RequestedSpec = spec.Raw,
            BundleDependencies = manifest.BundleDependencies,
        };
    }

    /// <summary>npm downloads a tarball URL dependency to read its package.json; so do we, through the fetch stage.</summary>
    private async Task<TreeNode> FromTarballAsync(TreeNode from, PackageSpec spec, string chain, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(spec.Range, UriKind.Absolute, out var url))
        {
            throw new IpmException(Messages.BadSpec($"{spec.Name}@{spec.Raw}", "not a valid URL"));
        }

        if (_tarballs is null)
        {
            throw new IpmException(Messages.TarballSpecUnavailable(spec.Name, Redact.Url(url), from.Chain));
        }

        var (manifest, integrity) = await _tarballs.ReadAsync(url, cancellationToken).ConfigureAwait(false);
        return new TreeNode(spec.Name, manifest.Name, manifest.Version, Declare(manifest, baseDirectory: null))
        {
            Manifest = manifest,
            Resolved = spec.Range,
            Integrity = integrity,
            Chain = chain,
            RequiredBy = from.Chain,
            RequestedSpec = spec.Raw,
            BundleDependencies = manifest.BundleDependencies,
        };
    }

    /// <summary>A package's dependencies in arborist's edge order: peers, optional peers, prod, optional (a later kind
    /// replaces an earlier one of the same name, so a dependency also listed as optional is optional).</summary>
    internal static List<Declared> Declare(PackageManifest m, string? baseDirectory) =>
        Declare(m.Dependencies, m.OptionalDependencies, m.PeerDependencies, m.OptionalPeers, baseDirectory);

    internal static List<Declared> Declare(IReadOnlyDictionary<string, string> deps, IReadOnlyDictionary<string, string> optional,
        IReadOnlyDictionary<string, string> peers, IReadOnlyList<string> optionalPeers, string? baseDirectory)
    {
        PackageSpec Spec(string n, string s) => LocalPackages.Anchor(PackageSpec.Parse(n, s), baseDirectory);

        var result = new List<Declared>();
        var peerOptional = new HashSet<string>(optionalPeers, StringComparer.Ordinal);
        result.AddRange(peers.Where(p => !peerOptional.Contains(p.Key)).Select(p => new Declared(Spec(p.Key, p.Value), EdgeType.Peer)));
        result.AddRange(peers.Where(p => peerOptional.Contains(p.Key)).Select(p => new Declared(Spec(p.Key, p.Value), EdgeType.PeerOptional)));
        result.AddRange(deps.Select(p => new Declared(Spec(p.Key, p.Value), EdgeType.Prod)));
        result.AddRange(optional.Select(p => new Declared(Spec(p.Key, p.Value), EdgeType.Optional)));
        return result;
    }
}
