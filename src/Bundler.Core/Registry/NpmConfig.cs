using Bundler.Core.Diagnostics;
using Bundler.Core.Registry.Http;

namespace Bundler.Core.Registry;

/// <summary>
/// Registry and credential settings read as npm reads them, weakest first: the user's <c>~/.npmrc</c> (or
/// <c>npm_config_userconfig</c>), every <c>.npmrc</c> from the filesystem root down to the project directory
/// (nearer wins), <c>npm_config_*</c> environment variables, then explicit overrides (command line, MSBuild).
/// Files follow npm's ini rules and <c>${VAR}</c> expansion (<see cref="Npmrc"/>). Credentials are keyed by
/// "nerf dart" (<c>//host[:port]/path/</c>) and only handed out for URLs under that host and path
/// (<see cref="For"/>). Values are never printed: messages name keys and files only.
/// </summary>
public sealed partial class NpmConfig : ICredentialSource
{
    private static readonly string[] UnscopedCredentialKeys = ["_auth", "_authToken", "_authtoken", "username", "_password"];
    private readonly Dictionary<string, Setting> _values = new(StringComparer.Ordinal);

    /// <summary>An empty configuration (no registry, no credentials).</summary>
    public NpmConfig()
    {
    }

    /// <summary>
    /// Loads every source ipm reads, from the user's file through the project directory's parents to the
    /// environment. <paramref name="environment"/> and <paramref name="userHome"/> replace the process's (tests).
    /// </summary>
    public static NpmConfig Load(string projectDirectory, IBundleLog log, IReadOnlyDictionary<string, string?>? environment = null, string? userHome = null)
    {
        var env = environment ?? Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal);
        var home = userHome ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var cwd = Environment.CurrentDirectory;
        var envSettings = EnvironmentSettings(env, log);

        // Project files are read first because one of them may name the user file (npm resolves userconfig the same way).
        var projectFiles = new List<(string Path, List<KeyValuePair<string, string?>> Pairs)>();
        for (var d = new DirectoryInfo(Path.GetFullPath(projectDirectory)); d is not null; d = d.Parent)
        {
            var rc = Path.Combine(d.FullName, ".npmrc");
            if (ReadFile(rc, env, log) is { } pairs)
            {
                projectFiles.Add((rc, pairs));
            }
        }

        projectFiles.Reverse();
        var userRc = envSettings.LastOrDefault(kv => kv.Key == "userconfig").Value
            ?? projectFiles.SelectMany(f => f.Pairs).LastOrDefault(kv => kv.Key == "userconfig").Value;
        userRc = userRc is null ? Path.Combine(home, ".npmrc") : ExpandHome(userRc, home, cwd);

        var config = new NpmConfig();
        var unscoped = new List<(string Source, string Key)>();
        if (ReadFile(userRc, env, log) is { } user)
        {
            config.Apply(user, Path.GetDirectoryName(userRc)!, userRc, unscoped);
        }

        foreach (var (path, pairs) in projectFiles)
        {
            // npm skips a project file that is the user file (a project in the home folder).
            if (!string.Equals(path, userRc, StringComparison.Ordinal))
            {
                config.Apply(pairs, Path.GetDirectoryName(path)!, path, unscoped);
            }
        }

        config.Apply(envSettings, cwd, "environment", unscoped);
        config.WarnUnscoped(unscoped, log);
        return config;
    }

    /// <summary>Sets a key as a later (stronger) source would. <paramref name="baseDirectory"/> anchors relative folder registries.</summary>
    public void Set(string key, string value, string baseDirectory) => _values[key] = new Setting(value, baseDirectory, "override");

    /// <summary>Where the effective value of <paramref name="key"/> came from (a file path, "environment", "override"), or null.</summary>
    public string? SourceOf(string key) => _values.TryGetValue(key, out var s) ? s.Source : null;

    /// <summary>The raw effective value; may be a secret, so never for messages.</summary>
    internal string? Get(string key) => _values.TryGetValue(key, out var s) ? s.Value : null;

    /// <summary>
    /// The registry for a package, as npm picks it: its scope's <c>@scope:registry</c>, else the registry of the
    /// configured <c>scope</c>, else <c>registry</c>. Null when none is configured (ipm has no built-in default).
    /// </summary>
    public string? RegistryFor(string packageName)
    {
        var scope = PackageNames.Scope(packageName);
        var configured = Get("scope") is { Length: > 0 } s ? (s.StartsWith('@') ? s : "@" + s) : null;
        return (scope is not null ? Resolve(scope + ":registry") : null)
            ?? (configured is not null ? Resolve(configured + ":registry") : null)
            ?? Resolve("registry");
    }

    /// <summary>The <c>registry</c> setting (folder paths made absolute), or null; what <c>npm search</c> asks.</summary>
    public string? DefaultRegistry => Resolve("registry");

    private string? Resolve(string key)
    {
        if (!_values.TryGetValue(key, out var s) || string.IsNullOrWhiteSpace(s.Value))
        {
            return null;
        }

        // A folder registry written relative in an .npmrc is relative to that file, not to the current directory.
        var v = s.Value.Trim();
        return Uri.TryCreate(v, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" or "file"
            ? v
            : Path.GetFullPath(Path.Combine(s.BaseDirectory, v));
    }

    private void Apply(List<KeyValuePair<string, string?>> pairs, string baseDirectory, string source, List<(string Source, string Key)> unscoped)
    {
        foreach (var (key, value) in pairs)
        {
            if (value is null)
            {
                _values.Remove(key);
                continue;
            }

            _values[key] = new Setting(value, baseDirectory, source);
            if (UnscopedCredentialKeys.Contains(key, StringComparer.Ordinal))
            {
                unscoped.Add((source, key));
            }
        }
    }

    // npm 9 and later refuse a credential that names no registry (ERR_INVALID_AUTH); ipm ignores it and says how to fix it.
    private void WarnUnscoped(List<(string Source, string Key)> unscoped, IBundleLog log)
    {
        var registry = RegistryFor("x");
        var nerf = registry is not null && Uri.TryCreate(registry, UriKind.Absolute, out var u) && u.Scheme is "http" or "https"
            ? NerfDart(u)
            : "//host/path/";
        foreach (var (source, key) in unscoped.Distinct())
        {
            log.Report(Messages.NpmrcUnscopedCredential(source, key, $"{nerf}:{key}"));
        }
    }

    private static List<KeyValuePair<string, string?>>? ReadFile(string path, IReadOnlyDictionary<string, string?> env, IBundleLog log)
    {
        string text;
        try
        {
            if (!File.Exists(path))
            {
                return null;
            }

            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            log.Report(Messages.NpmrcUnreadable(path, ex.Message));
            return null;
        }

        log.Detail($"ipm: reading {path}");
        var result = new List<KeyValuePair<string, string?>>();
        foreach (var (key, value) in Npmrc.Parse(text))
        {
            void Missing(string name) => log.Report(Messages.NpmrcMissingEnv(path, name));
            // The parser has trimmed the value; npm expands after trimming and does not trim what a variable brought.
            result.Add(new(Npmrc.ExpandEnv(key, env, Missing), value is null ? null : Npmrc.ExpandEnv(value, env, Missing)));
        }

        return result;
    }

    /// <summary>npm's environment layer: every non-empty <c>npm_config_*</c> (any case); names other than nerf darts are lower-cased with '_' as '-'.</summary>
    private static List<KeyValuePair<string, string?>> EnvironmentSettings(IReadOnlyDictionary<string, string?> env, IBundleLog log)
    {
        const string Prefix = "npm_config_";
        var result = new List<KeyValuePair<string, string?>>();
        foreach (var (name, value) in env.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (!name.StartsWith(Prefix, StringComparison.OrdinalIgnoreCase) || string.IsNullOrEmpty(value))
            {
                continue;
            }

            var key = name[Prefix.Length..];
            if (!key.StartsWith("//", StringComparison.Ordinal))
            {
                key = (key.Length == 0 ? key : key[0] + key[1..].Replace('_', '-')).ToLowerInvariant();
            }

            result.Add(new(key, Npmrc.ExpandEnv(value.Trim(), env, n => log.Report(Messages.NpmrcMissingEnv("environment variable " + name, n)))));
        }

        return result;
    }

    private static string ExpandHome(string path, string home, string cwd) =>
        path.StartsWith("~/", StringComparison.Ordinal) ? Path.Combine(home, path[2..]) : Path.GetFullPath(path, cwd);

    // A class, not a record: a record's generated ToString would print the value, which may be a token.
    private sealed class Setting(string value, string baseDirectory, string source)
    {
        public string Value { get; } = value;

        public string BaseDirectory { get; } = baseDirectory;

        public string Source { get; } = source;
    }
}
