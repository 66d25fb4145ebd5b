using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Bundler.Bench;

/// <summary>What every benchmark needs: the repository root, a description of the machine, timing, node.</summary>
internal static class BenchHost
{
    public static string RepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Bundler.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Bundler.sln not found above " + AppContext.BaseDirectory);
    }

    public static string Machine()
    {
        var cpu = "unknown CPU";
        if (File.Exists("/proc/cpuinfo"))
        {
            cpu = File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))
                ?.Split(':', 2)[1].Trim() ?? cpu;
        }

        return $"{cpu}, {Environment.ProcessorCount} logical CPUs, {RuntimeInformation.OSDescription}, .NET {Environment.Version}";
    }

    /// <summary>The 1, 5 and 15 minute load averages from /proc/loadavg (the machine is shared).</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ')[..3]) : "unknown";

    /// <summary>
    /// Runs <paramref name="body"/> (which performs <paramref name="ops"/> operations) once to warm up, then
    /// <paramref name="rounds"/> times; returns the best rate. The best round is the one least disturbed by
    /// other processes, which on a shared machine is the only stable figure.
    /// </summary>
    public static double OpsPerSecond(int ops, Action body, int rounds = 7)
    {
        body();
        var best = 0.0;
        for (var i = 0; i < rounds; i++)
        {
            var sw = Stopwatch.StartNew();
            body();
            best = Math.Max(best, ops / sw.Elapsed.TotalSeconds);
        }

        return best;
    }

    public static string Rate(double opsPerSecond) => opsPerSecond >= 1e6
        ? (opsPerSecond / 1e6).ToString("0.00", CultureInfo.InvariantCulture) + " M/s"
        : (opsPerSecond / 1e3).ToString("0.0", CultureInfo.InvariantCulture) + " k/s";

    /// <summary>Runs a program found on PATH and returns its standard output; throws with stderr on failure.</summary>
    public static string Run(string fileName, params string[] args)
    {
        var psi = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi) ?? throw new InvalidOperationException($"cannot start {fileName}");
        var stderr = p.StandardError.ReadToEndAsync();
        var stdout = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} exited {p.ExitCode}: {stderr.Result}");
        }

        return stdout;
    }
}
