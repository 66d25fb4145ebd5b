using Bundler.Core.Diagnostics;
using Bundler.Core.Pipeline;
using Microsoft.Build.Framework;
using MSBuildTask = Microsoft.Build.Utilities.Task;

namespace Bundler.Tasks;

/// <summary>
/// What both ipm tasks share: the <c>IpmModule</c> items and the restore settings, turned into one
/// <see cref="BundleRequest"/> and one core call. Derived tasks add their own parameters and outputs.
/// </summary>
public abstract class IpmTask : MSBuildTask, ICancelableTask
{
    // A task object lives for one Execute, and MSBuild may call Cancel from another thread meanwhile;
    // a token source that is never disposed is the documented-safe way to share that signal.
    private readonly CancellationTokenSource _cancel = new();
    private readonly Func<BundleRequest, IBundleLog, CancellationToken, Task<BundleResult>> _core;

    private protected IpmTask(Func<BundleRequest, IBundleLog, CancellationToken, Task<BundleResult>> core)
    {
        _core = core;
    }

    /// <summary>The <c>IpmModule</c> items: Include is a package name (or a local folder such as <c>../app</c>);
    /// metadata <c>Version</c> (npm range, version, dist-tag, <c>file:</c>, <c>npm:</c> or tarball URL),
    /// <c>Registry</c>, <c>Files</c> and <c>ExcludeFiles</c> (globs separated by ';').</summary>
    [Required]
    public ITaskItem[] Modules { get; set; } = [];

    /// <summary>The project file (<c>$(MSBuildProjectFullPath)</c>): its folder is where relative paths,
    /// <c>.npmrc</c> lookup and the default lock file start, and it is named by diagnostics without a better place.</summary>
    [Required]
    public string ProjectFile { get; set; } = "";

    /// <summary>Registry URL or static folder registry (<c>$(IpmRegistry)</c>); empty: from <c>.npmrc</c>.</summary>
    public string? Registry { get; set; }

    /// <summary>The lock file (<c>$(IpmLockFile)</c>); empty: <c>ipm-lock.json</c> beside the project.</summary>
    public string? LockFile { get; set; }

    /// <summary>Fail when the modules do not match the lock file, and never write it (<c>$(IpmLockedMode)</c>).</summary>
    public bool Locked { get; set; }

    /// <summary>Use only the package cache, never the network (<c>$(IpmOffline)</c>).</summary>
    public bool Offline { get; set; }

    /// <summary>Use cached metadata and tarballs where present, the network for the rest (<c>$(IpmPreferOffline)</c>).</summary>
    public bool PreferOffline { get; set; }

    /// <summary>The content-addressed package cache (<c>$(IpmCacheDir)</c>); empty: the user's cache folder.</summary>
    public string? CacheDirectory { get; set; }

    /// <summary>Concurrent downloads, a positive number (<c>$(IpmJobs)</c>); empty: the core's default.</summary>
    public string? Jobs { get; set; }

    /// <summary>IPFS HTTP gateway tried first for packages whose dist has a <c>cid</c> (<c>$(IpmIpfsGateway)</c>).</summary>
    public string? IpfsGateway { get; set; }

    /// <summary>Accept packages that carry neither integrity nor shasum, with a warning each (<c>$(IpmAllowUnverified)</c>).</summary>
    public bool AllowUnverified { get; set; }

    /// <inheritdoc />
    public void Cancel() => _cancel.Cancel();

    /// <inheritdoc />
    public override bool Execute()
    {
        var log = new MSBuildBundleLog(Log, ProjectFile);
        try
        {
            var request = RequestMapper.Create(this, log);
            request = request is null ? null : Complete(request, log);
            if (request is null || Log.HasLoggedErrors)
            {
                return false;
            }

            // The core is asynchronous; MSBuild's Execute is not and has no synchronization context to deadlock on.
            var result = _core(request, log, _cancel.Token).GetAwaiter().GetResult();
            return Finish(result, log) && !Log.HasLoggedErrors;
        }
        catch (IpmException e)
        {
            log.Report(e.Diagnostic);
        }
        catch (OperationCanceledException) when (_cancel.IsCancellationRequested)
        {
            log.Report(Messages.Cancelled());
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A bug, not a user error: keep the coded one-liner for the log and the stack for the bug report.
            log.Report(Messages.UnexpectedFailure(Activity, $"{e.GetType().Name}: {e.Message}"));
            log.Detail(e.ToString());
        }

        return false;
    }

    /// <summary>What the task does, for "unexpected failure while ..." messages.</summary>
    private protected abstract string Activity { get; }

    /// <summary>Adds the derived task's parameters to the request; null after logging an error.</summary>
    private protected abstract BundleRequest? Complete(BundleRequest request, IBundleLog log);

    /// <summary>Sets outputs from the core's result.</summary>
    private protected abstract bool Finish(BundleResult result, IBundleLog log);
}
