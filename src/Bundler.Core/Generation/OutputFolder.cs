using Bundler.Core.Diagnostics;

namespace Bundler.Core.Generation;

/// <summary>Replaces a folder as a whole: stage beside it, then swap, so readers never see half an output.</summary>
internal static class OutputFolder
{
    /// <summary>
    /// Runs <paramref name="fill"/> on an empty staging folder next to <paramref name="outputDirectory"/> and
    /// swaps it in. <paramref name="fill"/> returns the relative paths it wrote ('/' separated); the result is
    /// their full paths in the output folder, ordinally sorted. <paramref name="protectedDirectory"/> (the
    /// template set) may not lie inside the output folder, which is deleted as a whole.
    /// </summary>
    public static IReadOnlyList<string> Replace(string outputDirectory, string protectedDirectory, Func<string, IReadOnlyList<string>> fill, IBundleLog log)
    {
        var output = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outputDirectory));
        CheckSafe(output, Path.GetFullPath(protectedDirectory));
        var parent = Path.GetDirectoryName(output)!;
        var name = Path.GetFileName(output);
        var staging = Path.Combine(parent, $".{name}.ipm-new-{Guid.NewGuid():N}");
        var previous = Path.Combine(parent, $".{name}.ipm-old-{Guid.NewGuid():N}");
        IReadOnlyList<string> relative;
        try
        {
            Directory.CreateDirectory(staging);
            relative = fill(staging);
            if (Directory.Exists(output) && SameContent(staging, output))
            {
                log.Detail($"generate: '{output}' is unchanged; left as it was");
            }
            else if (Directory.Exists(output))
            {
                Directory.Move(output, previous);
                try
                {
                    Directory.Move(staging, output);
                }
                catch (IOException)
                {
                    Directory.Move(previous, output);
                    throw;
                }

                log.Detail($"generate: replaced '{output}'");
            }
            else
            {
                Directory.Move(staging, output);
                log.Detail($"generate: wrote '{output}'");
            }
        }
        catch (IOException e)
        {
            throw new IpmException(Messages.OutputNotWritable(output, e.Message), e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new IpmException(Messages.OutputNotWritable(output, e.Message), e);
        }
        finally
        {
            DeleteQuietly(staging);
            DeleteQuietly(previous);
        }

        return relative.Select(r => Path.Combine(output, r.Replace('/', Path.DirectorySeparatorChar)))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    private static void CheckSafe(string output, string protectedDirectory)
    {
        if (Path.GetDirectoryName(output) is null)
        {
            throw new IpmException(Messages.UnsafeOutputFolder(output, "it is a file system root"));
        }

        if (File.Exists(output))
        {
            throw new IpmException(Messages.UnsafeOutputFolder(output, "it is a file"));
        }

        var comparison = OperatingSystem.IsLinux() ? StringComparison.Ordinal : StringComparison.OrdinalIgnoreCase;
        var prefix = output + Path.DirectorySeparatorChar;
        if (string.Equals(protectedDirectory, output, comparison) || protectedDirectory.StartsWith(prefix, comparison))
        {
            throw new IpmException(Messages.UnsafeOutputFolder(output, $"it holds the template set '{protectedDirectory}'"));
        }
    }

    private static bool SameContent(string a, string b)
    {
        static List<string> Files(string root) =>
            Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                .Select(f => Path.GetRelativePath(root, f))
                .Order(StringComparer.Ordinal)
                .ToList();

        var left = Files(a);
        var right = Files(b);
        return left.SequenceEqual(right, StringComparer.Ordinal)
            && left.All(f => File.ReadAllBytes(Path.Combine(a, f)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(b, f))));
    }

    private static void DeleteQuietly(string folder)
    {
        try
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
        catch (IOException)
        {
            // Leftover staging folders are hidden (dot-prefixed) and harmless; the next run uses fresh names.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
