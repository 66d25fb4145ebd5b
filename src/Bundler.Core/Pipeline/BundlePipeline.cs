using Bundler.Core.Diagnostics;

namespace Bundler.Core.Pipeline;

// CONTRACT STUB: the lead implements this; front ends (CLI, tasks) call only these two methods.

/// <summary>Runs the stages: resolve, lock, fetch, extract, select, generate.</summary>
public static class BundlePipeline
{
    /// <summary>Resolve (or read the lock), write the lock unless locked, and fill the cache. No generation.</summary>
    public static Task<BundleResult> RestoreAsync(BundleRequest request, IBundleLog log, CancellationToken cancellationToken)
        => throw new NotImplementedException();

    /// <summary>Restore, then generate into <see cref="BundleRequest.OutputDirectory"/> (replaced only on success).</summary>
    public static Task<BundleResult> RunAsync(BundleRequest request, IBundleLog log, CancellationToken cancellationToken)
        => throw new NotImplementedException();
}
