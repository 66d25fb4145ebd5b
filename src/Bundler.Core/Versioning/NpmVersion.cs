namespace Bundler.Core.Versioning;

// CONTRACT STUB: the Versioning owner replaces the body; the public surface below is what other stages use.

/// <summary>A version as npm reads it (node-semver, loose where npm is loose).</summary>
public sealed class NpmVersion : IComparable<NpmVersion>, IEquatable<NpmVersion>
{
    private NpmVersion()
    {
    }

    public long Major { get; private init; }

    public long Minor { get; private init; }

    public long Patch { get; private init; }

    public IReadOnlyList<string> Prerelease { get; private init; } = [];

    public IReadOnlyList<string> Build { get; private init; } = [];

    public bool IsPrerelease => Prerelease.Count > 0;

    public static bool TryParse(string? text, out NpmVersion? version) => throw new NotImplementedException();

    public static NpmVersion Parse(string text) => throw new NotImplementedException();

    public int CompareTo(NpmVersion? other) => throw new NotImplementedException();

    public bool Equals(NpmVersion? other) => throw new NotImplementedException();

    public override bool Equals(object? obj) => Equals(obj as NpmVersion);

    public override int GetHashCode() => throw new NotImplementedException();

    public override string ToString() => throw new NotImplementedException();
}
