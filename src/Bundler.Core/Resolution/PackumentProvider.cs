using System.Collections.Concurrent;
using Bundler.Core.Registry;

namespace Bundler.Core.Resolution;

/// <summary>Reads each packument once per run (concurrently, cached by name), from the source configured for it.</summary>
internal sealed class PackumentProvider
{
    private readonly Func<string, IPackageSource> _sourceFor;
    private readonly ConcurrentDictionary<string, Lazy<Task<Packument?>>> _cache = new(StringComparer.Ordinal);
    private int _reads;

    public PackumentProvider(Func<string, IPackageSource> sourceFor)
    {
        _sourceFor = sourceFor;
    }

    /// <summary>How many packuments were actually read (the lock path must read none).</summary>
    public int Reads => _reads;

    public IPackageSource SourceFor(string name) => _sourceFor(name);

    public Task<Packument?> GetAsync(string name, CancellationToken cancellationToken) =>
        _cache.GetOrAdd(name, n => new Lazy<Task<Packument?>>(() =>
        {
            Interlocked.Increment(ref _reads);
            return _sourceFor(n).GetPackumentAsync(n, cancellationToken);
        })).Value;

    /// <summary>Starts reads without waiting, so a node's dependencies download in parallel.</summary>
    public void Prefetch(IEnumerable<string> names, CancellationToken cancellationToken)
    {
        foreach (var n in names)
        {
            _ = GetAsync(n, cancellationToken).ContinueWith(t => _ = t.Exception, TaskScheduler.Default);
        }
    }
}
