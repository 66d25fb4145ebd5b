using Bundler.Core.Versioning;

namespace Bundler.Core.Resolution;

/// <summary>The questions arborist's Node answers about two nodes: same package, may one replace the other, dedupe.</summary>
internal sealed partial class TreeNode
{
    public bool IsFailure => Error is not null;

    public bool Satisfies(Edge edge) => string.Equals(Name, edge.Name, StringComparison.Ordinal) && edge.SatisfiedBy(this);

    /// <summary>Same folder name and the same package (integrity, else resolved, else name and version).</summary>
    public bool Matches(TreeNode other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (!string.Equals(other.Name, Name, StringComparison.Ordinal))
        {
            return false;
        }

        if (IntegrityKey is { } mine && other.IntegrityKey is { } theirs)
        {
            return string.Equals(mine, theirs, StringComparison.Ordinal);
        }

        if (ResolvedKey is { } r1 && other.ResolvedKey is { } r2)
        {
            return string.Equals(r1, r2, StringComparison.Ordinal);
        }

        return !IsFailure && !other.IsFailure && string.Equals(PackageName, other.PackageName, StringComparison.Ordinal)
            && string.Equals(Version, other.Version, StringComparison.Ordinal);
    }

    private string? IntegrityKey => Integrity ?? Manifest?.Dist.Integrity ?? FromLock?.Integrity;

    private string? ResolvedKey => Resolved ?? Manifest?.Dist.Tarball?.AbsoluteUri ?? FromLock?.Resolved;

    /// <summary>True when <paramref name="replacement"/> may take this node's place: every dependent outside this
    /// node's own dependency set accepts it. Peers from siblings named in <paramref name="ignorePeers"/> are ignored.</summary>
    public bool CanReplaceWith(TreeNode replacement, IEnumerable<string>? ignorePeers = null)
    {
        if (!string.Equals(replacement.Name, Name, StringComparison.Ordinal) || !string.Equals(replacement.PackageName, PackageName, StringComparison.Ordinal))
        {
            return false;
        }

        var ignore = new HashSet<string>(ignorePeers ?? [], StringComparer.Ordinal);
        var depSet = DepSets.Gather([this], e => !ReferenceEquals(e.To, this) && e.Valid);
        foreach (var edge in EdgesIn())
        {
            if (!IsTop && ReferenceEquals(edge.From.Parent, Parent) && edge.IsPeer && ignore.Contains(edge.From.Name))
            {
                continue;
            }

            if (!depSet.Contains(edge.From) && !edge.SatisfiedBy(replacement))
            {
                return false;
            }
        }

        return true;
    }

    public bool CanReplace(TreeNode current, IEnumerable<string>? ignorePeers = null) => current.CanReplaceWith(this, ignorePeers);

    /// <summary>arborist's canDedupe (preferDedupe off): a deeper copy goes when the one its grandparent sees will do.</summary>
    public bool CanDedupe()
    {
        if (Parent?.Parent is null)
        {
            return false; // a top-level package or a dependency of one
        }

        if (EdgesIn().Count == 0)
        {
            return true;
        }

        var other = Parent.Parent.Resolve(Name);
        if (other is null)
        {
            return false;
        }

        if (other.Matches(this))
        {
            return true;
        }

        if (!other.CanReplace(this))
        {
            return false;
        }

        if (!NpmVersion.TryParse(other.Version, out var ov) || !NpmVersion.TryParse(Version, out var mv))
        {
            return false;
        }

        return ov!.CompareTo(mv) >= 0;
    }
}
