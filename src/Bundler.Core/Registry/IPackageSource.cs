namespace Bundler.Core.Registry;

/// <summary>Somewhere packuments come from: an http(s) registry or a static folder.</summary>
public interface IPackageSource
{
    /// <summary>Printable location (no credentials), used in messages.</summary>
    string Display { get; }

    /// <summary>The packument of <paramref name="name"/>, or null when the source does not have the package.</summary>
    Task<Packument?> GetPackumentAsync(string name, CancellationToken cancellationToken);
}
