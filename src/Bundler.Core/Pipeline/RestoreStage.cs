using Bundler.Core.Diagnostics;
using Bundler.Core.Registry;
using Bundler.Core.Registry.Http;
using Bundler.Core.Resolution;

namespace Bundler.Core.Pipeline;

/// <summary>Configuration, registry selection, resolution and the lock: the part of a run before any archive is read.</summary>
internal sealed class RestoreStage : IDisposable
{
    private readonly BundleRequest _request;
    private readonly IBundleLog _log;
    private readonly HttpMessageHandler _handler;
    private readonly bool _ownsHandler;

    public RestoreStage(BundleRequest request, IBundleLog log)
    {
        _request = request;
        _log = log;
        Config = NpmConfig.Load(request.ProjectDirectory, log);
        if (request.Registry is not null)
        {
            Config.Set("registry", request.Registry, request.ProjectDirectory);
        }

        _ownsHandler = request.HttpHandler is null;
        _handler = request.HttpHandler ?? new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            AutomaticDecompression = System.Net.DecompressionMethods.All,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
            MaxConnectionsPerServer = Math.Max(2, request.Jobs),
        };
        Transport = new HttpTransport(_handler, Config, new TransportOptions(), log);
        var mode = request.Offline ? PackumentCacheMode.Offline : request.PreferOffline ? PackumentCacheMode.PreferOffline : PackumentCacheMode.Revalidate;
        PackumentCache = new PackumentCache(request.CacheDirectory ?? Fetching.ContentCache.DefaultRoot, mode);
        Sources = new RegistrySources(Transport, PackumentCache, log);
        LockPath = request.LockFile ?? Path.Combine(request.ProjectDirectory, LockFile.DefaultName);
    }

    public NpmConfig Config { get; }

    public HttpTransport Transport { get; }

    public RegistrySources Sources { get; }

    /// <summary>Packuments of http(s) registries, in the cache folder the archives use.</summary>
    public PackumentCache PackumentCache { get; }

    public string LockPath { get; }

    /// <summary>The package source for a name: the item's own registry, then .npmrc scope, --registry, .npmrc default.</summary>
    public IPackageSource SourceFor(string name)
    {
        var module = _request.Modules.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.Ordinal) && m.Registry is not null);
        var registry = module?.Registry ?? Config.RegistryFor(name) ?? throw new IpmException(Messages.NoRegistry(name));
        return Sources.Get(registry);
    }

    /// <summary>The root requirements: one entry per declared module (local folders become <c>file:</c> specs).</summary>
    public SortedDictionary<string, string> Requires()
    {
        var requires = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var m in _request.Modules)
        {
            var (name, spec) = Normalize(m);
            if (!requires.TryAdd(name, spec))
            {
                // Include="../app" and Include="app" Version="file:../app" are the same package twice.
                throw new IpmException(Messages.ModuleDeclaredTwice(name) with { File = m.SourceFile, Line = m.SourceLine });
            }
        }

        return requires;
    }

    // A folder given without a package name (Include="../app"; ModuleRequest("", "file:../app")) takes its name
    // from that folder's package.json, as `npm install ../app` does. A path in Name is accepted the same way.
    private (string Name, string Spec) Normalize(ModuleRequest m)
    {
        var folder = m.Name.Length == 0 && m.Spec.StartsWith("file:", StringComparison.Ordinal) ? m.Spec[5..]
            : ModuleRequest.IsLocalPath(m.Name) ? m.Name
            : null;
        if (folder is null)
        {
            if (!PackageNames.IsValid(m.Name))
            {
                var why = m.Name.Length == 0 ? "a module needs a package name or a 'file:' folder" : $"'{m.Name}' is not a valid package name";
                throw new IpmException(Messages.BadSpec(m.Name.Length == 0 ? m.Spec : m.Name, why) with { File = m.SourceFile, Line = m.SourceLine });
            }

            return (m.Name, m.Spec.Length == 0 ? "*" : m.Spec);
        }

        var dir = folder.StartsWith("~/", StringComparison.Ordinal)
            ? Path.GetFullPath(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), folder[2..]))
            : Path.GetFullPath(folder, _request.ProjectDirectory);
        var manifest = Path.Combine(dir, "package.json");
        if (!File.Exists(manifest))
        {
            throw new IpmException(Messages.LocalPackageMissing(folder, dir, _request.RootName) with { File = m.SourceFile, Line = m.SourceLine });
        }

        var name = LocalPackages.ReadManifest(manifest, Path.GetFileName(Path.TrimEndingDirectorySeparator(dir))).Name;
        return (name, "file:" + Path.GetRelativePath(_request.ProjectDirectory, dir).Replace('\\', '/'));
    }

    /// <summary>Resolves, honouring the lock: a matching lock reads no packument; --locked refuses any change.</summary>
    public async Task<ResolvedTree> ResolveAsync(CancellationToken cancellationToken)
    {
        var requires = Requires();
        ResolvedTree? previous = null;
        if (File.Exists(LockPath))
        {
            previous = LockFile.Read(LockPath).Tree;
        }
        else if (_request.Locked)
        {
            throw new IpmException(Messages.LockMissing(LockPath));
        }

        if (_request.Locked && previous is not null && LockDiff.Describe(previous.Requires, requires) is { } change)
        {
            throw new IpmException(Messages.LockMismatch(LockPath, change));
        }

        var resolver = new Resolver(SourceFor, _log, new TarballManifests(Transport, _request.ExtractionLimits));
        var tree = await resolver.ResolveAsync(requires, previous, new ResolveOptions { ProjectDirectory = _request.ProjectDirectory, RootName = _request.RootName }, cancellationToken).ConfigureAwait(false);
        if (_request.Locked && previous is not null && LockDiff.DescribeTree(previous, tree) is { } treeChange)
        {
            throw new IpmException(Messages.LockMismatch(LockPath, treeChange));
        }

        _log.Summary($"ipm: resolved {tree.Packages.Count} packages ({resolver.PackumentReads} {(resolver.PackumentReads == 1 ? "packument" : "packuments")} read{(PackumentCache.Hits > 0 ? $", {PackumentCache.Hits} from cache" : "")}{(previous is null ? "" : ", lock " + Path.GetFileName(LockPath))})");
        return tree;
    }

    public void Dispose()
    {
        Transport.Dispose();
        if (_ownsHandler)
        {
            _handler.Dispose();
        }
    }
}
