namespace Bundler.Core.Versioning;

// CONTRACT STUB: the Versioning owner replaces the body; the public surface below is what other stages use.

/// <summary>A node-semver range (comparator sets joined by <c>||</c>).</summary>
public sealed class NpmRange
{
    private NpmRange(string text)
    {
        Text = text;
    }

    /// <summary>The range as written.</summary>
    public string Text { get; }

    public static bool TryParse(string? text, out NpmRange? range) => throw new NotImplementedException();

    /// <summary>Parses or throws <see cref="FormatException"/>.</summary>
    public static NpmRange Parse(string text) => throw new NotImplementedException();

    public bool IsSatisfiedBy(NpmVersion version) => throw new NotImplementedException();

    public NpmVersion? MaxSatisfying(IEnumerable<NpmVersion> versions) => throw new NotImplementedException();

    /// <summary>The normalized form node-semver prints for <c>new Range(x).range</c>.</summary>
    public override string ToString() => throw new NotImplementedException();
}
