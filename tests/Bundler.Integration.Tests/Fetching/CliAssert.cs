using System.Security.Cryptography;
using Bundler.Testing;

namespace Bundler.Integration.Tests.Fetching;

/// <summary>What every ipm run must show: the exit code, the coded error line, and an output folder left alone.</summary>
internal static class CliAssert
{
    /// <summary>Exit code 1 and a line <c>error CODE: ...</c> on stderr; returns that line.</summary>
    public static string Failed(ProcessResult result, string code, int exitCode = 1)
    {
        Assert.True(result.ExitCode == exitCode, $"expected exit code {exitCode}, got {result.ExitCode}\n{result.All}");
        var line = result.StdErr.Split('\n').FirstOrDefault(l => l.StartsWith($"error {code}: ", StringComparison.Ordinal));
        Assert.True(line is not null, $"expected a line 'error {code}: ...'\n{result.All}");
        Assert.DoesNotContain("Unhandled exception", result.All, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.StdErr, StringComparison.Ordinal);
        return line!;
    }

    public static void Succeeded(ProcessResult result)
    {
        Assert.True(result.ExitCode == 0, $"ipm exited {result.ExitCode}\n{result.All}");
        Assert.DoesNotContain("error IPM", result.StdErr, StringComparison.Ordinal);
    }

    /// <summary>Every file under a folder with a hash of its bytes, or "(absent)": equal before and after means untouched.</summary>
    public static string State(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return "(absent)";
        }

        return string.Join('\n', Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(f => Path.GetRelativePath(folder, f) + (File.Exists(f) ? " " + Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))) : "/")));
    }

    /// <summary>A previous output: a file a failed run must neither delete nor change.</summary>
    public static string PlantOutput(string folder)
    {
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "ipm_modules.c"), "/* the previous good output */\n");
        return State(folder);
    }

    /// <summary>Temporary or leftover files of downloads (.tmp, .purge) anywhere under the cache.</summary>
    public static string[] TempFiles(string cache) => Directory.Exists(cache)
        ? Directory.EnumerateFiles(cache, "*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".tmp", StringComparison.Ordinal) || f.EndsWith(".purge", StringComparison.Ordinal)).ToArray()
        : [];

    /// <summary>Archive files in the cache that are not temporary: the entries (packuments live in a folder of their own).</summary>
    public static string[] Entries(string cache) => Path.Combine(cache, "content-v1") is var content && Directory.Exists(content)
        ? Directory.EnumerateFiles(content, "*", SearchOption.AllDirectories).Except(TempFiles(content)).Order(StringComparer.Ordinal).ToArray()
        : [];
}
