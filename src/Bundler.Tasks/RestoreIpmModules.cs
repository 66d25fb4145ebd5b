using Bundler.Core.Diagnostics;
using Bundler.Core.Pipeline;
using Microsoft.Build.Framework;

namespace Bundler.Tasks;

/// <summary>
/// Resolves the <c>IpmModule</c> items (or reads the lock file), writes the lock file unless locked, and fills
/// the package cache. Generates nothing. Run by the <c>IpmRestore</c> target.
/// </summary>
public sealed class RestoreIpmModules : IpmTask
{
    /// <summary>Creates the task as MSBuild does.</summary>
    public RestoreIpmModules()
        : this(BundlePipeline.RestoreAsync)
    {
    }

    internal RestoreIpmModules(Func<BundleRequest, IBundleLog, CancellationToken, Task<BundleResult>> core)
        : base(core)
    {
    }

    /// <summary>The lock file that now describes the resolved packages.</summary>
    [Output]
    public string? LockFilePath { get; set; }

    private protected override string Activity => "restoring ipm modules";

    private protected override BundleRequest? Complete(BundleRequest request, IBundleLog log) => request;

    private protected override bool Finish(BundleResult result, IBundleLog log)
    {
        LockFilePath = result.LockFile;
        return true;
    }
}
