using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Bundler.Core.Diagnostics;
using Bundler.Core.Registry.Http;

namespace Bundler.Core.Registry;

/// <summary>
/// Registry and credential settings read as npm reads them: <c>~/.npmrc</c>, then every <c>.npmrc</c> from the
/// filesystem root down to the project directory (nearer wins), then <c>npm_config_registry</c>, then explicit
/// overrides (command line, MSBuild). Credentials are keyed by "nerf dart" (<c>//host[:port]/path/</c>) and only
/// handed out for URLs under that host and path.
/// </summary>
public sealed partial class NpmConfig : ICredentialSource
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _origins = new(StringComparer.Ordinal);

    /// <summary>An empty configuration (no registry, no credentials).</summary>
    public NpmConfig()
    {
    }

    /// <summary>Loads every source npm would, from the project directory upward and the user's home.</summary>
    public static NpmConfig Load(string projectDirectory, IBundleLog log, IReadOnlyDictionary<string, string?>? environment = null, string? userHome = null)
    {
        var env = environment ?? Environment.GetEnvironmentVariables().Cast<System.Collections.DictionaryEntry>()
            .ToDictionary(e => (string)e.Key, e => (string?)e.Value, StringComparer.Ordinal);
        var config = new NpmConfig();
        var home = userHome ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var userRc = env.TryGetValue("npm_config_userconfig", out var uc) && !string.IsNullOrEmpty(uc) ? uc : Path.Combine(home, ".npmrc");
        config.LoadFile(userRc, env, log);

        var dirs = new List<string>();
        for (var d = new DirectoryInfo(Path.GetFullPath(projectDirectory)); d is not null; d = d.Parent)
        {
            dirs.Add(d.FullName);
        }

        dirs.Reverse();
        foreach (var dir in dirs)
        {
            var rc = Path.Combine(dir, ".npmrc");
            if (!string.Equals(Path.GetFullPath(rc), Path.GetFullPath(userRc), StringComparison.Ordinal))
            {
                config.LoadFile(rc, env, log);
            }
        }

        foreach (var key in new[] { "npm_config_registry", "NPM_CONFIG_REGISTRY" })
        {
            if (env.TryGetValue(key, out var r) && !string.IsNullOrEmpty(r))
            {
                config.Set("registry", r, Environment.CurrentDirectory);
                break;
            }
        }

        return config;
    }

    /// <summary>Sets a key as a later (stronger) source would. <paramref name="baseDirectory"/> anchors relative folder registries.</summary>
    public void Set(string key, string value, string baseDirectory)
    {
        _values[key] = value;
        _origins[key] = baseDirectory;
    }

    /// <summary>The registry for a package: its scope's registry, else the default one. Null when none is configured.</summary>
    public string? RegistryFor(string packageName)
    {
        var scope = PackageNames.Scope(packageName);
        return (scope is not null ? Resolve(scope + ":registry") : null) ?? Resolve("registry");
    }

    private string? Resolve(string key)
    {
        if (!_values.TryGetValue(key, out var v) || string.IsNullOrWhiteSpace(v))
        {
            return null;
        }

        // A folder registry written relative in an .npmrc is relative to that file, not to the current directory.
        return Uri.TryCreate(v, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" or "file"
            ? v
            : Path.GetFullPath(Path.Combine(_origins[key], v));
    }

    /// <summary>The Authorization header for <paramref name="url"/>, from the most specific matching nerf dart.</summary>
    public AuthenticationHeaderValue? For(Uri url)
    {
        if (url.Scheme is not ("http" or "https"))
        {
            return null;
        }

        var nerf = NerfDart(url);
        string? best = null;
        foreach (var key in _values.Keys)
        {
            if (!key.StartsWith("//", StringComparison.Ordinal))
            {
                continue;
            }

            var colon = key.LastIndexOf(':');
            if (colon < 0)
            {
                continue;
            }

            var prefix = key[..colon];
            if (!prefix.EndsWith('/'))
            {
                prefix += "/";
            }

            if (nerf.StartsWith(prefix, StringComparison.Ordinal) && (best is null || prefix.Length > best.Length))
            {
                best = prefix;
            }
        }

        return best is null ? null : HeaderFor(best);
    }

    private AuthenticationHeaderValue? HeaderFor(string prefix)
    {
        string? Get(string k) => _values.TryGetValue(prefix + k, out var v) || _values.TryGetValue(prefix.TrimEnd('/') + k, out v) ? v : null;
        if (Get(":_authToken") is { Length: > 0 } token)
        {
            return new AuthenticationHeaderValue("Bearer", token);
        }

        if (Get(":_auth") is { Length: > 0 } auth)
        {
            return new AuthenticationHeaderValue("Basic", auth);
        }

        if (Get(":username") is { Length: > 0 } user && Get(":_password") is { Length: > 0 } pass)
        {
            var plain = Encoding.UTF8.GetString(Convert.FromBase64String(pass));
            return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + plain)));
        }

        return null;
    }

    /// <summary><c>//host[:port]/path/</c> of a URL, the form npm keys credentials by.</summary>
    public static string NerfDart(Uri url)
    {
        var path = url.AbsolutePath;
        var host = url.IsDefaultPort ? url.Host : $"{url.Host}:{url.Port}";
        return $"//{host}{path[..(path.LastIndexOf('/') + 1)]}";
    }

    private void LoadFile(string path, IReadOnlyDictionary<string, string?> env, IBundleLog log)
    {
        if (!File.Exists(path))
        {
            return;
        }

        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (IOException ex)
        {
            log.Report(Messages.NpmrcUnreadable(path, ex.Message));
            return;
        }
        catch (UnauthorizedAccessException ex)
        {
            log.Report(Messages.NpmrcUnreadable(path, ex.Message));
            return;
        }

        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] is ';' or '#' or '[')
            {
                continue;
            }

            var eq = line.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0)
            {
                continue;
            }

            var key = ExpandEnv(line[..eq].Trim(), env, path, log);
            var value = ExpandEnv(Unquote(line[(eq + 1)..].Trim()), env, path, log);
            Set(key, value, dir);
        }
    }

    private static string Unquote(string v) =>
        v.Length >= 2 && (v[0] == '"' && v[^1] == '"' || v[0] == '\'' && v[^1] == '\'') ? v[1..^1] : v;

    // npm's rule: ${NAME} is replaced when set, kept literally when not; ${NAME?} becomes empty when not set.
    private static string ExpandEnv(string text, IReadOnlyDictionary<string, string?> env, string file, IBundleLog log) =>
        EnvPattern().Replace(text, m =>
        {
            var name = m.Groups[1].Value;
            if (env.TryGetValue(name, out var v) && v is not null)
            {
                return v;
            }

            log.Report(Messages.NpmrcMissingEnv(file, name));
            return m.Groups[2].Success ? string.Empty : m.Value;
        });

    [GeneratedRegex(@"(?<!\\)\$\{([^${}?]+)(\?)?\}", RegexOptions.CultureInvariant)]
    private static partial Regex EnvPattern();
}
