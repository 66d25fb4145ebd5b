using Bundler.Core.Versioning;

namespace Bundler.Core.Resolution;

internal enum EdgeType
{
    Prod,
    Optional,
    Peer,
    PeerOptional,
}

/// <summary>A dependency a package declares, before it is tied to a node.</summary>
internal sealed record Declared(PackageSpec Spec, EdgeType Type);

/// <summary>
/// A dependency of one node, as arborist's Edge: it points at whatever <see cref="From"/> resolves its name to now,
/// so it follows the tree as nodes move. <see cref="PeerConflicted"/> is the one piece of state it carries.
/// </summary>
internal sealed class Edge
{
    public Edge(TreeNode from, PackageSpec spec, EdgeType type)
    {
        From = from;
        Spec = spec;
        Type = type;
    }

    public TreeNode From { get; }

    public PackageSpec Spec { get; }

    public EdgeType Type { get; }

    public string Name => Spec.Name;

    public bool IsPeer => Type is EdgeType.Peer or EdgeType.PeerOptional;

    public bool IsOptional => Type is EdgeType.Optional or EdgeType.PeerOptional;

    /// <summary>Set when a peer requirement was knowingly left unmet (arborist's peerConflicted).</summary>
    public bool PeerConflicted { get; set; }

    public TreeNode? To => From.Resolve(Name);

    /// <summary>A name the dependent ships in its own tarball: never ours to place, always fine.</summary>
    public bool IsBundled => From.Parent is not null && From.LocalPath is null && From.BundleDependencies.Contains(Name, StringComparer.Ordinal);

    /// <summary>arborist's <c>edge.valid</c>: missing only when optional, not a peer nested inside its dependent, satisfied.</summary>
    public bool Valid
    {
        get
        {
            var to = To;
            if (to is null)
            {
                return IsOptional || IsBundled;
            }

            if (IsPeer && ReferenceEquals(to.Parent, From) && !From.IsTop)
            {
                return false;
            }

            return SatisfiedBy(to);
        }
    }

    public bool SatisfiedBy(TreeNode node) => string.Equals(node.Name, Name, StringComparison.Ordinal) && DepValid(node, Spec);

    /// <summary>
    /// arborist's dep-valid: '*' (and an empty spec) accepts any version, prereleases too; ranges are checked loosely;
    /// a dist-tag accepts any registry version; an alias checks only its range (not the package name, as npm does).
    /// </summary>
    internal static bool DepValid(TreeNode node, PackageSpec spec)
    {
        if (node.Error is not null)
        {
            return false;
        }

        switch (spec.Kind)
        {
            case SpecKind.Directory:
                return node.LocalPath is not null && string.Equals(node.LocalPath, spec.Range, StringComparison.Ordinal);
            case SpecKind.Tarball:
                return string.Equals(node.Resolved, spec.Range, StringComparison.Ordinal);
            case SpecKind.Git:
                return false;
        }

        var range = spec.Range.Trim();
        if (range.Length == 0 || range == "*")
        {
            return true;
        }

        if (NpmRange.TryParse(range, loose: true, out var parsed))
        {
            return NpmVersion.TryParse(node.Version, out var v) && parsed!.IsSatisfiedBy(v!);
        }

        return node.LocalPath is null;
    }

    public override string ToString() => $"{From.Chain} > {Spec}";
}
