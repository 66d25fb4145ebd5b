using System.Text;
using Bundler.Core.Diagnostics;

namespace Bundler.Core.Archives;

/// <summary>
/// The entries of one archive seen so far. Rejects an entry that repeats another (IPM5004) or that would land on
/// the same file on some file system: names equal after Unicode NFC normalisation and case folding, Windows'
/// trailing dots and spaces, or a file where a folder is needed (IPM5003).
/// </summary>
internal sealed class EntrySet
{
    private readonly string _package;
    private readonly Dictionary<string, Node> _byKey = new(StringComparer.Ordinal);

    public EntrySet(string package)
    {
        _package = package;
    }

    private enum Kind
    {
        File,
        Folder,
        ImpliedFolder,
    }

    /// <param name="relative">The validated path below the top folder.</param>
    /// <param name="isDirectory">Whether the entry is a folder.</param>
    /// <param name="rawName">The entry's name in the archive, for messages.</param>
    public void Add(string relative, bool isDirectory, string rawName)
    {
        var segments = relative.Split('/');
        for (var i = 1; i < segments.Length; i++)
        {
            var folder = string.Join('/', segments[..i]);
            if (_byKey.TryGetValue(Fold(folder), out var existing))
            {
                if (existing.Kind == Kind.File)
                {
                    throw Collision(rawName, existing, "a file is also needed as a folder");
                }

                if (!string.Equals(existing.Relative, folder, StringComparison.Ordinal))
                {
                    throw Collision(rawName, existing, "folder names differ only in case or Unicode normalisation");
                }
            }
            else
            {
                _byKey[Fold(folder)] = new Node(folder, Kind.ImpliedFolder, rawName);
            }
        }

        var key = Fold(relative);
        if (!_byKey.TryGetValue(key, out var same))
        {
            _byKey[key] = new Node(relative, isDirectory ? Kind.Folder : Kind.File, rawName);
            return;
        }

        if (!string.Equals(same.Relative, relative, StringComparison.Ordinal))
        {
            throw Collision(rawName, same, "names differ only in case, Unicode normalisation or trailing dots and spaces");
        }

        if ((same.Kind == Kind.File) == isDirectory)
        {
            throw Collision(rawName, same, "a file and a folder have the same name");
        }

        if (same.Kind != Kind.ImpliedFolder)
        {
            throw new IpmException(Messages.DuplicateEntry(_package, EntryPath.Display(rawName)));
        }

        _byKey[key] = same with { Kind = Kind.Folder, RawName = rawName };
    }

    /// <summary>One key for every spelling a case-insensitive or normalising file system treats as the same name.</summary>
    private static string Fold(string relative)
    {
        var segments = relative.Normalize(NormalizationForm.FormC).ToUpperInvariant().Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            segments[i] = segments[i].TrimEnd('.', ' ');
        }

        return string.Join('/', segments);
    }

    private IpmException Collision(string rawName, Node existing, string how) =>
        new(Messages.EntryNameCollision(_package, EntryPath.Display(rawName), EntryPath.Display(existing.RawName), how));

    private sealed record Node(string Relative, Kind Kind, string RawName);
}
