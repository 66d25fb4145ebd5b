using System.Collections;
using System.Text.Json.Nodes;

namespace Bundler.Testing;

/// <summary>
/// Runs the real npm CLI against a test registry, isolated from the machine: its own empty user and global
/// npmrc, its own cache, and no <c>npm_config_*</c> variables inherited. A token goes into that private npmrc
/// (never on the command line, where process listings and timeout messages would show it).
/// </summary>
public static class NpmClient
{
    /// <summary>What npm publish needs when the registry accepts anyone: any token at all.</summary>
    public const string AnonymousToken = "test";

    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(3);

    /// <summary><c>npm publish</c> of a package folder. With no tag npm applies its own rules (npm 11 refuses
    /// prereleases and versions below the highest without one). Returns npm's output.</summary>
    public static ProcessResult Publish(string packageDir, string registryUrl, string token = AnonymousToken, string? tag = null)
    {
        var args = new List<string> { "publish", "--ignore-scripts" };
        if (tag is not null)
        {
            args.AddRange(["--tag", tag]);
        }

        return Run(args, packageDir, registryUrl, token);
    }

    /// <summary><c>npm deprecate name@range message</c>; an empty message removes the deprecation.</summary>
    public static void Deprecate(string name, string versionRange, string message, string registryUrl, string token = AnonymousToken) =>
        Run(["deprecate", $"{name}@{versionRange}", message], null, registryUrl, token);

    /// <summary><c>npm dist-tag add name@version tag</c>.</summary>
    public static void DistTag(string name, string version, string tag, string registryUrl, string token = AnonymousToken) =>
        Run(["dist-tag", "add", $"{name}@{version}", tag], null, registryUrl, token);

    /// <summary><c>npm dist-tag rm name tag</c>.</summary>
    public static void RemoveDistTag(string name, string tag, string registryUrl, string token = AnonymousToken) =>
        Run(["dist-tag", "rm", name, tag], null, registryUrl, token);

    /// <summary>
    /// npm's resolution of a project folder (holding package.json): <c>npm install --package-lock-only</c>, then
    /// the lock's packages. This is the oracle the resolver is compared with. Throws
    /// <see cref="NpmCommandException"/> (with <see cref="NpmCommandException.NpmErrorCode"/>) when npm fails.
    /// </summary>
    public static IReadOnlyList<LockedPackage> LockOnlyInstall(string projectDir, string registryUrl, string? token = null,
        IEnumerable<string>? extraArgs = null)
    {
        Run(["install", "--package-lock-only", "--ignore-scripts", "--no-audit", "--no-fund", .. extraArgs ?? []],
            projectDir, registryUrl, token);
        return PackageLock.Parse(File.ReadAllText(Path.Combine(projectDir, "package-lock.json")));
    }

    /// <summary><see cref="LockOnlyInstall(string, string, string?, IEnumerable{string}?)"/> for a throw-away
    /// project with these dependencies (name -> range, aliases as <c>npm:real@range</c>).</summary>
    public static IReadOnlyList<LockedPackage> LockOnlyInstall(IReadOnlyDictionary<string, string> dependencies, string registryUrl,
        string? token = null, IEnumerable<string>? extraArgs = null)
    {
        var deps = new JsonObject();
        foreach (var (name, range) in dependencies.OrderBy(d => d.Key, StringComparer.Ordinal))
        {
            deps[name] = range;
        }

        var manifest = new JsonObject { ["name"] = "ipm-oracle-project", ["version"] = "1.0.0", ["private"] = true, ["dependencies"] = deps };
        using var project = new TempDirectory("ipm-npm-project");
        project.Write("package.json", manifest.ToJsonString() + "\n");
        return LockOnlyInstall(project.Path, registryUrl, token, extraArgs);
    }

    /// <summary>Any npm command against <paramref name="registryUrl"/>; throws <see cref="NpmCommandException"/> on failure.</summary>
    public static ProcessResult Run(IReadOnlyList<string> args, string? workingDirectory, string registryUrl, string? token,
        TimeSpan? timeout = null)
    {
        SecretMasker.Register(token);
        using var home = new TempDirectory("ipm-npm");
        var userConfig = home.Write("user.npmrc", token is null ? "" : $"{AuthTokenKey(registryUrl)}={token}\n");
        var globalConfig = home.Write("global.npmrc", "");
        var env = IsolatedEnvironment(userConfig, globalConfig, home.Combine("cache"));
        var result = ProcessRunner.Run(ToolLocator.Npm, [.. args, "--registry", registryUrl],
            workingDirectory ?? home.Path, env, timeout ?? DefaultTimeout);
        if (result.ExitCode != 0)
        {
            throw new NpmCommandException(string.Join(' ', args), result);
        }

        return result;
    }

    /// <summary>The npmrc key for a registry's token: <c>//host:port/path/:_authToken</c>.</summary>
    public static string AuthTokenKey(string registryUrl)
    {
        var uri = new Uri(registryUrl);
        var path = uri.AbsolutePath.EndsWith('/') ? uri.AbsolutePath : uri.AbsolutePath + "/";
        return $"//{uri.Authority}{path}:_authToken";
    }

    private static Dictionary<string, string?> IsolatedEnvironment(string userConfig, string globalConfig, string cache)
    {
        var env = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry e in Environment.GetEnvironmentVariables())
        {
            if (e.Key is string key && key.StartsWith("npm_config_", StringComparison.OrdinalIgnoreCase))
            {
                env[key] = null;
            }
        }

        env["npm_config_userconfig"] = userConfig;
        env["npm_config_globalconfig"] = globalConfig;
        env["npm_config_cache"] = cache;
        env["npm_config_update_notifier"] = "false";
        env["npm_config_fund"] = "false";
        env["npm_config_audit"] = "false";
        // The registry is on this machine: proxies never apply, and a failing request should fail fast.
        env["npm_config_noproxy"] = "127.0.0.1,localhost";
        env["npm_config_fetch_retries"] = "1";
        env["npm_config_fetch_retry_mintimeout"] = "1000";
        env["npm_config_fetch_retry_maxtimeout"] = "2000";
        return env;
    }
}
