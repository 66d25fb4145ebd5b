using Bundler.Core.Diagnostics;

namespace Bundler.Core.Archives;

/// <summary>
/// Writes validated entries below the extraction folder, counting the bytes actually copied (never trusting a
/// size an archive states) against <see cref="ExtractionLimits.MaxUnpackedBytes"/>.
/// </summary>
internal sealed class EntryWriter
{
    private readonly string _root;
    private readonly string _package;
    private readonly ExtractionLimits _limits;
    private readonly byte[] _buffer = new byte[81920];

    public EntryWriter(string root, string package, ExtractionLimits limits)
    {
        _root = Path.GetFullPath(root);
        _package = package;
        _limits = limits;
    }

    public int Files { get; private set; }

    public long Bytes { get; private set; }

    public void CreateDirectory(string relative) => Directory.CreateDirectory(FullPath(relative));

    /// <summary>Copies <paramref name="content"/> to a new file; <paramref name="progress"/> sees the running total.</summary>
    /// <returns>The bytes copied.</returns>
    public long WriteFile(string relative, Stream content, Action<long>? progress, CancellationToken cancellationToken)
    {
        var path = FullPath(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        long copied = 0;
        int n;
        while ((n = content.Read(_buffer, 0, _buffer.Length)) > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            copied += n;
            Bytes += n;
            if (Bytes > _limits.MaxUnpackedBytes)
            {
                throw new IpmException(Messages.ArchiveTooLarge(_package, _limits.MaxUnpackedBytes));
            }

            progress?.Invoke(Bytes);
            file.Write(_buffer, 0, n);
        }

        Files++;
        return copied;
    }

    private string FullPath(string relative)
    {
        // EntryPath already refused every way out; this guards against a future change there.
        var full = Path.GetFullPath(Path.Combine(_root, relative.Replace('/', Path.DirectorySeparatorChar)));
        if (!full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new IpmException(Messages.UnsafeEntryPath(_package, EntryPath.Display(relative), "it resolves outside the package folder"));
        }

        return full;
    }
}
