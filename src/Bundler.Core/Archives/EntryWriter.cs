using Bundler.Core.Diagnostics;

namespace Bundler.Core.Archives;

/// <summary>
/// Writes validated entries below the extraction folder, or into memory, counting the bytes actually copied
/// (never trusting a size an archive states) against <see cref="ExtractionLimits.MaxUnpackedBytes"/>.
/// </summary>
internal sealed class EntryWriter
{
    private readonly string? _root;
    private readonly SortedDictionary<string, byte[]>? _memory;
    private readonly string _package;
    private readonly ExtractionLimits _limits;
    private readonly long _memoryLimit = long.MaxValue;
    private readonly byte[] _buffer = new byte[81920];

    /// <summary>A writer creating files below <paramref name="root"/>.</summary>
    public EntryWriter(string root, string package, ExtractionLimits limits)
    {
        _root = Path.GetFullPath(root);
        _package = package;
        _limits = limits;
    }

    // Creating a file costs about a millisecond on a journaling file system, more than reading and minifying it:
    // the bundle pipeline keeps archives in memory and only the files it ships ever leave the process.
    private EntryWriter(string package, ExtractionLimits limits, long memoryLimit)
    {
        _memory = new SortedDictionary<string, byte[]>(StringComparer.Ordinal);
        _package = package;
        _limits = limits;
        _memoryLimit = memoryLimit;
    }

    /// <summary>
    /// A writer keeping every file in memory (<see cref="MemoryFiles"/>); folders are implied by paths. Past
    /// <paramref name="memoryLimit"/> unpacked bytes it stops with <see cref="MemoryLimitExceededException"/>
    /// (after the archive limits, so a hostile archive still gets its code).
    /// </summary>
    public static EntryWriter InMemory(string package, ExtractionLimits limits, long memoryLimit = long.MaxValue) => new(package, limits, memoryLimit);

    /// <summary>The files written by an in-memory writer, by package-relative path with '/', ordinally sorted.</summary>
    public IReadOnlyDictionary<string, byte[]> MemoryFiles => _memory ?? throw new InvalidOperationException("not an in-memory writer");

    public int Files { get; private set; }

    public long Bytes { get; private set; }

    public void CreateDirectory(string relative)
    {
        if (_root is not null)
        {
            Directory.CreateDirectory(FullPath(relative));
        }
    }

    /// <summary>Copies <paramref name="content"/> to a new file; <paramref name="progress"/> sees the running total.</summary>
    /// <returns>The bytes copied.</returns>
    public long WriteFile(string relative, Stream content, Action<long>? progress, CancellationToken cancellationToken)
    {
        if (_memory is not null)
        {
            // The same refusal a second CreateNew of one path meets on disk.
            if (_memory.ContainsKey(relative))
            {
                throw new IOException($"'{relative}' already exists");
            }

            using var buffer = new MemoryStream();
            var length = Copy(content, buffer, progress, cancellationToken);
            _memory.Add(relative, buffer.ToArray());
            return length;
        }

        var path = FullPath(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
        return Copy(content, file, progress, cancellationToken);
    }

    private long Copy(Stream content, Stream target, Action<long>? progress, CancellationToken cancellationToken)
    {
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

            if (Bytes > _memoryLimit)
            {
                throw new MemoryLimitExceededException(_package, _memoryLimit);
            }

            progress?.Invoke(Bytes);
            target.Write(_buffer, 0, n);
        }

        Files++;
        return copied;
    }

    private string FullPath(string relative)
    {
        // EntryPath already refused every way out; this guards against a future change there.
        var full = Path.GetFullPath(Path.Combine(_root!, relative.Replace('/', Path.DirectorySeparatorChar)));
        if (!full.StartsWith(_root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new IpmException(Messages.UnsafeEntryPath(_package, EntryPath.Display(relative), "it resolves outside the package folder"));
        }

        return full;
    }
}

/// <summary>
/// An in-memory extraction went past the memory it was given. Not a user-visible error: the caller extracts the
/// archive to disk instead.
/// </summary>
internal sealed class MemoryLimitExceededException(string package, long limit)
    : Exception($"{package} unpacks to more than the {limit} bytes of memory left for archives");
