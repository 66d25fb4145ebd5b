using Bundler.Core.Diagnostics;
using Bundler.Core.Registry.Http;

namespace Bundler.Core.Registry;

/// <summary>Turns a registry setting (URL or folder) into a package source, one instance per distinct value.</summary>
public sealed class RegistrySources
{
    private readonly Dictionary<string, IPackageSource> _sources = new(StringComparer.Ordinal);
    private readonly HttpTransport _transport;
    private readonly PackumentCache? _cache;
    private readonly IBundleLog _log;

    /// <summary>Sources over <paramref name="transport"/>; http(s) registries cache packuments in <paramref name="cache"/> when given.</summary>
    public RegistrySources(HttpTransport transport, PackumentCache? cache = null, IBundleLog? log = null)
    {
        _transport = transport;
        _cache = cache;
        _log = log ?? NullBundleLog.Instance;
    }

    /// <summary>The source for a registry value: http(s) URL, <c>file:</c> URL, or a folder path.</summary>
    public IPackageSource Get(string registry)
    {
        lock (_sources)
        {
            if (!_sources.TryGetValue(registry, out var source))
            {
                source = Create(registry);
                _sources[registry] = source;
            }

            return source;
        }
    }

    private IPackageSource Create(string registry)
    {
        if (Uri.TryCreate(registry, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
        {
            return new HttpRegistry(uri, _transport, _cache, _log);
        }

        var folder = Uri.TryCreate(registry, UriKind.Absolute, out var f) && f.IsFile ? f.LocalPath : registry;
        if (!Directory.Exists(folder))
        {
            throw new IpmException(Messages.BadRegistry(registry, "not an http(s) URL and not an existing folder"));
        }

        return new FolderRegistry(folder);
    }
}
