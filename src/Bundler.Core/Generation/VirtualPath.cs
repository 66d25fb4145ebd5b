namespace Bundler.Core.Generation;

/// <summary>
/// Absolute POSIX paths inside the bundle (<c>/node_modules/a/index.js</c>). Kept apart from
/// <see cref="System.IO.Path"/> on purpose: the device's paths must not depend on the build machine's OS.
/// </summary>
internal static class VirtualPath
{
    /// <summary>Why <paramref name="path"/> is not a canonical virtual path, or null when it is.</summary>
    public static string? Problem(string path)
    {
        if (path.Length == 0 || path[0] != '/')
        {
            return "it must start with '/'";
        }

        if (path.Length == 1)
        {
            return null;
        }

        if (path.Contains('\0', StringComparison.Ordinal))
        {
            return "it contains a NUL character";
        }

        foreach (var segment in path[1..].Split('/'))
        {
            if (segment.Length == 0)
            {
                return "it has an empty segment or a trailing '/'";
            }

            if (segment is "." or "..")
            {
                return "it has a '.' or '..' segment";
            }
        }

        return null;
    }

    /// <summary>
    /// Node's <c>path.resolve(directory, relative)</c> on POSIX: an absolute <paramref name="relative"/> starts
    /// over at the root, empty and <c>.</c> segments vanish, <c>..</c> climbs and stops at the root.
    /// </summary>
    public static string Combine(string directory, string relative)
    {
        var segments = new List<string>();
        var start = relative.StartsWith('/') ? relative : directory + "/" + relative;
        foreach (var segment in start.Split('/'))
        {
            if (segment.Length == 0 || segment == ".")
            {
                continue;
            }

            if (segment == "..")
            {
                if (segments.Count > 0)
                {
                    segments.RemoveAt(segments.Count - 1);
                }

                continue;
            }

            segments.Add(segment);
        }

        return "/" + string.Join('/', segments);
    }

    /// <summary>The folder holding <paramref name="path"/>; <c>/</c> for files at the root.</summary>
    public static string Directory(string path)
    {
        var slash = path.LastIndexOf('/');
        return slash <= 0 ? "/" : path[..slash];
    }

    /// <summary>True when <paramref name="path"/> is <paramref name="directory"/> itself or lies below it.</summary>
    public static bool IsUnder(string path, string directory) =>
        directory == "/"
        || string.Equals(path, directory, StringComparison.Ordinal)
        || (path.StartsWith(directory, StringComparison.Ordinal) && path.Length > directory.Length && path[directory.Length] == '/');
}

/// <summary>Where package.json <c>main</c> leads, following Node's <c>tryPackage</c>.</summary>
internal static class PackageMain
{
    /// <summary>
    /// The file Node loads for <c>require(directory)</c> through <paramref name="main"/>: M, M.js, M.json,
    /// M/index.js, M/index.json, the first that <paramref name="isFile"/> knows. Null when main is empty or
    /// nothing matches (Node then tries the directory's own index files, and so does the C resolver).
    /// </summary>
    public static string? Resolve(string directory, string? main, Func<string, bool> isFile)
    {
        if (string.IsNullOrEmpty(main))
        {
            return null;
        }

        var m = VirtualPath.Combine(directory, main);
        var index = m == "/" ? "/index" : m + "/index";
        string[] candidates = [m, m + ".js", m + ".json", index + ".js", index + ".json"];
        return candidates.FirstOrDefault(isFile);
    }
}
