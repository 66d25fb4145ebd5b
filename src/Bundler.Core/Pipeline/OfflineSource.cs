using Bundler.Core.Diagnostics;
using Bundler.Core.Registry;

namespace Bundler.Core.Pipeline;

/// <summary>
/// An http(s) registry seen by an offline run: ipm caches archives but not packuments, so any packument the lock
/// does not make unnecessary is an error (IPM4011) instead of a request. Folder registries stay usable.
/// </summary>
internal sealed class OfflineSource(IPackageSource online) : IPackageSource
{
    public string Display => online.Display;

    public Task<Packument?> GetPackumentAsync(string name, CancellationToken cancellationToken) =>
        Task.FromException<Packument?>(new IpmException(Messages.OfflineNeedsMetadata(name, online.Display)));
}
