using System.Collections;
using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Bundler.Testing;

namespace Bundler.Integration.Tests.Fetching;

/// <summary>
/// The real <c>ipm</c> command in a sandbox: its own project folder, cache, output folder and an empty user .npmrc,
/// so neither the machine's npm settings nor its cache are read or written.
/// </summary>
internal sealed class IpmCli : IDisposable
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(2);
    private readonly TempDirectory _root = new("ipm-cli");

    public IpmCli()
    {
        Directory.CreateDirectory(Project);
        Directory.CreateDirectory(Path.GetDirectoryName(UserNpmrc)!);
        File.WriteAllText(UserNpmrc, "");
    }

    /// <summary>The CLI built with the tests (the integration project references it), in the same configuration.</summary>
    public static string Dll { get; } = Locate();

    public string Root => _root.Path;

    public string Project => _root.Combine("project");

    public string Cache => _root.Combine("cache");

    public string Out => _root.Combine("project", "gen");

    public string Lock => Path.Combine(Project, "ipm-lock.json");

    public string UserNpmrc => _root.Combine("home", ".npmrc");

    /// <summary>Where the default cache lands: XDG_CACHE_HOME points into the sandbox.</summary>
    public string XdgCacheHome => _root.Combine("xdg");

    public string Combine(params string[] parts) => _root.Combine(parts);

    /// <summary>Runs ipm in <see cref="Project"/> and waits for it.</summary>
    public ProcessResult Run(params string[] args) => Run(args, DefaultTimeout);

    public ProcessResult Run(IReadOnlyList<string> args, TimeSpan timeout) =>
        ProcessRunner.Run("dotnet", [Dll, .. args], Project, Environment(), timeout);

    /// <summary><c>ipm bundle SPECS --registry R --cache C --out O</c> plus <paramref name="extra"/>.</summary>
    public ProcessResult Bundle(string registry, IEnumerable<string> specs, params string[] extra) =>
        Run([.. BundleArgs(registry, specs), .. extra]);

    public string[] BundleArgs(string registry, IEnumerable<string> specs, string? cache = null, string? output = null) =>
        ["bundle", .. specs, "--registry", registry, "--cache", cache ?? Cache, "--out", output ?? Out];

    /// <summary><c>ipm cache verify --json</c> on <paramref name="cache"/> (default: the sandbox cache).</summary>
    public JsonObject VerifyCache(string? cache = null)
    {
        var result = Run("cache", "verify", "--cache", cache ?? Cache, "--json").EnsureSuccess("ipm cache verify");
        return JsonNode.Parse(result.StdOut)!.AsObject();
    }

    /// <summary>Starts ipm without waiting, for tests that interrupt or race it.</summary>
    public RunningIpm Start(IReadOnlyList<string> args, string? workingDirectory = null) =>
        RunningIpm.Start(args, workingDirectory ?? Project, Environment());

    public void Dispose() => _root.Dispose();

    public Dictionary<string, string?> Environment()
    {
        var env = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (DictionaryEntry e in System.Environment.GetEnvironmentVariables())
        {
            if (e.Key is string key && key.StartsWith("npm_config_", StringComparison.OrdinalIgnoreCase))
            {
                env[key] = null;
            }
        }

        env["npm_config_userconfig"] = UserNpmrc;
        env["XDG_CACHE_HOME"] = XdgCacheHome;
        env["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        return env;
    }

    private static string Locate()
    {
        // Tests run from tests/<project>/bin/<Configuration>/<tfm>/; the CLI sits in src/Bundler.Cli/bin/<Configuration>/net8.0/.
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name;
        var dll = Path.Combine(RepoPaths.Root, "src", "Bundler.Cli", "bin", configuration, "net8.0", "ipm.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"the ipm CLI is not built for {configuration}: {dll}", dll);
    }
}

/// <summary>An ipm process started by <see cref="IpmCli.Start"/>: its output is collected while it runs.</summary>
internal sealed class RunningIpm : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();

    private RunningIpm(Process process)
    {
        _process = process;
    }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    public static RunningIpm Start(IReadOnlyList<string> args, string workingDirectory, IDictionary<string, string?> environment)
    {
        // `env --default-signal=INT` execs dotnet (same process id) with SIGINT at its default disposition: a test
        // run started in the background by a shell would otherwise pass SIGINT on as ignored, and .NET then never
        // sees a Ctrl-C.
        var psi = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var a in (string[])["--default-signal=INT", "dotnet", IpmCli.Dll, .. args])
        {
            psi.ArgumentList.Add(a);
        }

        foreach (var (k, v) in environment)
        {
            if (v is null)
            {
                psi.Environment.Remove(k);
            }
            else
            {
                psi.Environment[k] = v;
            }
        }

        var process = new Process { StartInfo = psi };
        var running = new RunningIpm(process);
        process.OutputDataReceived += (_, e) => Append(running._stdout, e.Data);
        process.ErrorDataReceived += (_, e) => Append(running._stderr, e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return running;
    }

    /// <summary>Sends a signal by name: INT is what Ctrl-C in a terminal sends, TERM what service managers and CI runners send.</summary>
    public void Signal(string name) =>
        ProcessRunner.Run("kill", ["-" + name, Id.ToString(System.Globalization.CultureInfo.InvariantCulture)], timeout: TimeSpan.FromSeconds(30)).EnsureSuccess("kill -" + name);

    /// <summary>SIGKILL: no chance to clean up, as when the machine loses power or a CI job is killed.</summary>
    public void KillHard()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>Waits for the exit; a process still running after <paramref name="timeout"/> is killed and reported.</summary>
    public ProcessResult WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout))
        {
            KillHard();
            throw new TimeoutException($"ipm did not exit within {timeout}\n--- stdout\n{Text(_stdout)}\n--- stderr\n{Text(_stderr)}");
        }

        _process.WaitForExit();
        return new ProcessResult(_process.ExitCode, Text(_stdout), Text(_stderr));
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            KillHard();
        }

        _process.Dispose();
    }

    private static void Append(StringBuilder sb, string? line)
    {
        if (line is not null)
        {
            lock (sb)
            {
                sb.Append(line).Append('\n');
            }
        }
    }

    private static string Text(StringBuilder sb)
    {
        lock (sb)
        {
            return sb.ToString();
        }
    }
}
