namespace Bundler.Testing;

/// <summary>
/// The C compilers the generated sources must satisfy: the host gcc (compile and run) and arm-none-eabi-gcc
/// (compile only, the flags of a Cortex-M4 firmware). Both are installed by <c>eng/setup.sh test</c>.
/// </summary>
public static class CCompiler
{
    /// <summary>The strictest flags a firmware project is likely to use; the generated C must pass them.</summary>
    public static readonly IReadOnlyList<string> StrictFlags = ["-std=c99", "-Wall", "-Wextra", "-Werror", "-pedantic"];

    /// <summary>A Cortex-M4 firmware's flags (compile only: there is no libc startup to link against).</summary>
    public static readonly IReadOnlyList<string> ArmFlags =
        ["-mcpu=cortex-m4", "-mthumb", "-Os", .. StrictFlags, "-c"];

    public static string Gcc => Find("gcc");

    public static string ArmGcc => Find("arm-none-eabi-gcc");

    /// <summary>The full path of <paramref name="program"/> on PATH; fails the test with a hint when absent.</summary>
    public static string Find(string program)
    {
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            if (dir.Length == 0)
            {
                continue;
            }

            var candidate = Path.Combine(dir, program);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"'{program}' is not on PATH; run 'bash eng/setup.sh test' to install it");
    }

    /// <summary>
    /// Compiles and links <paramref name="sources"/> with the host gcc and <see cref="StrictFlags"/> into
    /// <paramref name="output"/>; throws with the compiler's messages on any warning or error.
    /// </summary>
    public static string BuildExecutable(string output, IEnumerable<string> sources, IEnumerable<string>? includeDirs = null,
        IEnumerable<string>? libraries = null, string optimize = "-O1")
    {
        var args = new List<string>(StrictFlags) { optimize };
        args.AddRange((includeDirs ?? []).Select(d => "-I" + d));
        args.AddRange(["-o", output]);
        args.AddRange(sources);
        args.AddRange((libraries ?? []).Select(l => "-l" + l));
        ProcessRunner.Run(Gcc, args, Path.GetDirectoryName(output)).EnsureSuccess("gcc " + string.Join(' ', args));
        return output;
    }

    /// <summary>Compiles <paramref name="source"/> to an object file with arm-none-eabi-gcc and <see cref="ArmFlags"/>.</summary>
    public static string CompileForArm(string source, string objectFile, IEnumerable<string>? includeDirs = null)
    {
        var args = new List<string>(ArmFlags);
        args.AddRange((includeDirs ?? []).Select(d => "-I" + d));
        args.AddRange(["-o", objectFile, source]);
        ProcessRunner.Run(ArmGcc, args, Path.GetDirectoryName(objectFile)).EnsureSuccess("arm-none-eabi-gcc " + string.Join(' ', args));
        return objectFile;
    }
}
