using System.Security.Cryptography;

namespace Bundler.Testing;

/// <summary>Every file under a folder with its hash and time, to prove a failed run left the folder untouched.</summary>
public static class FolderSnapshot
{
    public static string Take(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return "(absent)";
        }

        var lines = Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(p => File.Exists(p)
                ? $"{Path.GetRelativePath(folder, p)} {Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(p)))} {File.GetLastWriteTimeUtc(p).Ticks}"
                : $"{Path.GetRelativePath(folder, p)}/");
        return string.Join('\n', lines);
    }
}
