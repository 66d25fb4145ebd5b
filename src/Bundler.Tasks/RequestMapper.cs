using System.Globalization;
using Bundler.Core.Diagnostics;
using Bundler.Core.Pipeline;

namespace Bundler.Tasks;

/// <summary>Task parameters to a <see cref="BundleRequest"/>; checks only what MSBuild alone can get wrong.</summary>
internal static class RequestMapper
{
    public static BundleRequest? Create(IpmTask task, IBundleLog log)
    {
        var modules = ModuleItems.ToRequests(task.Modules, log);
        var jobsOk = TryParsePositive("IpmJobs", task.Jobs, int.MaxValue, log, out var jobs);
        if (modules is null || !jobsOk)
        {
            return null;
        }

        WarnOnCredentials("IpmRegistry", task.Registry, log);
        WarnOnCredentials("IpmIpfsGateway", task.IpfsGateway, log);
        var request = new BundleRequest
        {
            Modules = modules,
            ProjectDirectory = Path.GetDirectoryName(Path.GetFullPath(task.ProjectFile))!,
            // Restore never generates; GenerateIpmSources sets the real folder.
            OutputDirectory = string.Empty,
            Registry = NullIfEmpty(task.Registry),
            LockFile = NullIfEmpty(task.LockFile),
            Locked = task.Locked,
            Offline = task.Offline,
            PreferOffline = task.PreferOffline,
            CacheDirectory = NullIfEmpty(task.CacheDirectory),
            IpfsGateway = NullIfEmpty(task.IpfsGateway),
            AllowUnverified = task.AllowUnverified,
        };
        return jobs is null ? request : request with { Jobs = (int)jobs.Value };
    }

    public static string? NullIfEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>Empty means "not set" (null); anything else must be a positive whole number.</summary>
    public static bool TryParsePositive(string property, string? text, long max, IBundleLog log, out long? value)
    {
        value = null;
        var trimmed = NullIfEmpty(text);
        if (trimmed is null)
        {
            return true;
        }

        if (long.TryParse(trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) && parsed > 0 && parsed <= max)
        {
            value = parsed;
            return true;
        }

        log.Report(Messages.PropertyInvalid(property, trimmed, "a positive whole number"));
        return false;
    }

    /// <summary>A user:password in a URL property would be printed by every detailed or binary build log.</summary>
    public static void WarnOnCredentials(string where, string? url, IBundleLog log, string? file = null, int line = 0)
    {
        if (url is not null && Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri) && uri.UserInfo.Length > 0)
        {
            log.Report(Messages.CredentialsInBuildProperty(where) with { File = file, Line = line });
        }
    }
}
