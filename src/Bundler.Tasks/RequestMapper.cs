using System.Globalization;
using Bundler.Core.Diagnostics;
using Bundler.Core.Pipeline;

namespace Bundler.Tasks;

/// <summary>Task parameters to a <see cref="BundleRequest"/>; checks only what MSBuild alone can get wrong.</summary>
internal static class RequestMapper
{
    public static BundleRequest? Create(IpmTask task, IBundleLog log)
    {
        var projectDirectory = Path.GetDirectoryName(Path.GetFullPath(task.ProjectFile))!;
        var modules = ModuleItems.ToRequests(task.Modules, projectDirectory, log);
        var jobsOk = TryParsePositive("IpmJobs", task.Jobs, int.MaxValue, log, out var jobs);
        var gatewayOk = TryParseHttpUrl("IpmIpfsGateway", task.IpfsGateway, log);
        if (modules is null || !jobsOk || !gatewayOk)
        {
            return null;
        }

        WarnOnCredentials("IpmRegistry", task.Registry, log);
        WarnOnCredentials("IpmIpfsGateway", task.IpfsGateway, log);
        var request = new BundleRequest
        {
            Modules = modules,
            ProjectDirectory = projectDirectory,
            // Requirement chains in messages start at the project: "firmware > echotest@^0.0.1".
            RootName = Path.GetFileNameWithoutExtension(task.ProjectFile),
            // Restore never generates; GenerateIpmSources sets the real folder.
            OutputDirectory = string.Empty,
            Registry = NullIfEmpty(task.Registry),
            LockFile = FullPath(task.LockFile, projectDirectory),
            Locked = task.Locked,
            Offline = task.Offline,
            PreferOffline = task.PreferOffline,
            CacheDirectory = FullPath(task.CacheDirectory, projectDirectory),
            IpfsGateway = NullIfEmpty(task.IpfsGateway),
            AllowUnverified = task.AllowUnverified,
        };
        return jobs is null ? request : request with { Jobs = (int)jobs.Value };
    }

    /// <summary>A path property relative to the project, as MSBuild users expect (the core would take the current directory).</summary>
    public static string? FullPath(string? path, string projectDirectory) =>
        NullIfEmpty(path) is { } p ? Path.GetFullPath(p, projectDirectory) : null;

    /// <summary>A registry given as a folder path is relative to the project; URLs stay as they are.</summary>
    public static string? RegistryLocation(string? registry, string projectDirectory) =>
        NullIfEmpty(registry) is not { } r ? null
        : Uri.TryCreate(r, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "file" ? r
        : Path.GetFullPath(r, projectDirectory);

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

    /// <summary>Empty means "not set"; anything else must be an absolute http(s) URL.</summary>
    public static bool TryParseHttpUrl(string property, string? text, IBundleLog log)
    {
        var trimmed = NullIfEmpty(text);
        if (trimmed is null || (Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
        {
            return true;
        }

        log.Report(Messages.PropertyInvalid(property, trimmed, "an http(s) URL"));
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
