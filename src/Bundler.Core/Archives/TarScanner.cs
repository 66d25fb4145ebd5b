using Bundler.Core.Diagnostics;

namespace Bundler.Core.Archives;

/// <summary>An entry as the strict scan saw it; <see cref="Relative"/> is null for the top folder.</summary>
internal sealed record ScannedEntry(string Name, bool IsDirectory, long Size, string? Relative);

/// <summary>
/// A strict tar parser fed the decompressed bytes before anything is written. It accepts only regular files and
/// folders (optionally preceded by exactly one PAX, PAX global or GNU long-name header), checks every name and
/// limit, and records the entries so that the extracting reader (SharpZipLib) can be held to the same view: a
/// header that two tar readers could read differently is rejected here, not interpreted.
/// </summary>
internal sealed class TarScanner
{
    private const long MaxTrailingZeros = 1024 * 1024;
    private readonly string _package;
    private readonly ExtractionLimits _limits;
    private readonly EntrySet _set;
    private readonly byte[] _header = new byte[TarFields.BlockSize];
    private int _headerFill;
    private long _skip;
    private byte[]? _meta;
    private int _metaFill;
    private byte _metaType;
    private Pending _pending;
    private bool _ended;
    private long _trailing;
    private long _declared;

    public TarScanner(string package, ExtractionLimits limits)
    {
        _package = package;
        _limits = limits;
        _set = new EntrySet(package);
    }

    public List<ScannedEntry> Entries { get; } = [];

    public void Write(ReadOnlySpan<byte> data)
    {
        while (!data.IsEmpty)
        {
            if (_ended)
            {
                // Tools stop at the end marker; bytes after it would be seen by none of them, so only padding may follow.
                if (data.IndexOfAnyExcept((byte)0) >= 0)
                {
                    throw Corrupt("there is data after the end-of-archive marker");
                }

                _trailing += data.Length;
                if (_trailing > MaxTrailingZeros)
                {
                    throw Corrupt("more than 1 MiB of padding after the end-of-archive marker");
                }

                return;
            }

            if (_skip > 0)
            {
                var n = (int)Math.Min(_skip, data.Length);
                _skip -= n;
                data = data[n..];
            }
            else if (_meta is not null)
            {
                var n = Math.Min(_meta.Length - _metaFill, data.Length);
                data[..n].CopyTo(_meta.AsSpan(_metaFill));
                _metaFill += n;
                data = data[n..];
                if (_metaFill == _meta.Length)
                {
                    EndMeta();
                }
            }
            else
            {
                var n = Math.Min(TarFields.BlockSize - _headerFill, data.Length);
                data[..n].CopyTo(_header.AsSpan(_headerFill));
                _headerFill += n;
                data = data[n..];
                if (_headerFill == TarFields.BlockSize)
                {
                    _headerFill = 0;
                    OnHeader(_header);
                }
            }
        }
    }

    /// <summary>Called at the end of the decompressed data.</summary>
    public void Complete()
    {
        if (!_ended)
        {
            throw Corrupt(_headerFill > 0 || _skip > 0 || _meta is not null
                ? "the tar data is truncated"
                : "the tar data ends without an end-of-archive marker (truncated?)");
        }
    }

    private void OnHeader(ReadOnlySpan<byte> header)
    {
        if (header.IndexOfAnyExcept((byte)0) < 0)
        {
            if (_pending.Any)
            {
                throw TarFields.Bad(_package, "(end of archive)", "an extended header is not followed by an entry");
            }

            _ended = true;
            return;
        }

        var rawName = TarFields.Name(header);
        var shown = EntryPath.Display(System.Text.Encoding.UTF8.GetString(rawName));
        if (TarFields.Octal(header.Slice(148, 8)) is not { } stored || stored != TarFields.Checksum(header))
        {
            throw Corrupt($"the header checksum of '{shown}' is wrong");
        }

        var type = header[156];
        if ((header[124] & 0x80) != 0)
        {
            throw TarFields.Bad(_package, shown, "the size is in base-256, which only archives over 8 GiB need");
        }

        if (TarFields.Octal(header.Slice(124, 12)) is not { } size)
        {
            throw TarFields.Bad(_package, shown, "the size field is not an octal number");
        }

        if (type is (byte)'x' or (byte)'g' or (byte)'L')
        {
            BeginMeta(type, size, shown);
            return;
        }

        var name = EffectiveName(rawName, shown);
        if (type is not ((byte)'0' or 0 or (byte)'5'))
        {
            throw new IpmException(Messages.UnsupportedEntryType(_package, EntryPath.Display(name), TarFields.KindName(type)));
        }

        if (_pending.Size is { } paxSize && paxSize != size)
        {
            throw TarFields.Bad(_package, EntryPath.Display(name), $"the PAX size {paxSize} disagrees with the header size {size}");
        }

        _pending = default;
        AddEntry(name, type == (byte)'5' || name.EndsWith('/'), size);
    }

    private string EffectiveName(byte[] rawName, string shown)
    {
        if (_pending.LongName is { } longName)
        {
            // GNU tar writes the first 100 bytes of the long name into the header; anything else means a reader
            // that ignores 'L' records would extract a different file than one that honours them.
            if (!longName.AsSpan().StartsWith(rawName))
            {
                throw TarFields.Bad(_package, shown, "the GNU long name disagrees with the name in the header");
            }

            return TarFields.Decode(longName, _package);
        }

        return _pending.Path ?? TarFields.Decode(rawName, _package);
    }

    private void AddEntry(string name, bool isDirectory, long size)
    {
        var shown = EntryPath.Display(name);
        if (isDirectory && size != 0)
        {
            throw TarFields.Bad(_package, shown, $"a folder entry carries {size} bytes of data");
        }

        if (Entries.Count >= _limits.MaxEntries)
        {
            throw new IpmException(Messages.TooManyEntries(_package, _limits.MaxEntries));
        }

        if (size > _limits.MaxUnpackedBytes - _declared)
        {
            throw new IpmException(Messages.ArchiveTooLarge(_package, _limits.MaxUnpackedBytes));
        }

        _declared += size;
        var relative = EntryPath.Validate(name, _package, _limits);
        if (relative is not null)
        {
            _set.Add(relative, isDirectory, name);
        }

        Entries.Add(new ScannedEntry(name, isDirectory, size, relative));
        _skip = Padded(size);
    }

    private void BeginMeta(byte type, long size, string shown)
    {
        if (_pending.Any)
        {
            throw TarFields.Bad(_package, shown, "an extended header follows another extended header");
        }

        if (size > _limits.MaxExtendedHeaderBytes || (type == (byte)'L' && size == 0))
        {
            throw TarFields.Bad(_package, shown, $"an extended header of {size} bytes (limit {_limits.MaxExtendedHeaderBytes})");
        }

        _metaType = type;
        _meta = new byte[size];
        _metaFill = 0;
        if (size == 0)
        {
            EndMeta();
        }
    }

    private void EndMeta()
    {
        var data = _meta!;
        _meta = null;
        _skip = Padded(data.Length) - data.Length;
        _pending = new Pending { Any = true };
        if (_metaType == (byte)'L')
        {
            // Trailing NULs end the name; a NUL inside it stays and is rejected with the name.
            _pending.LongName = data.AsSpan().TrimEnd((byte)0).ToArray();
            return;
        }

        var global = _metaType == (byte)'g';
        var shown = global ? "(PAX global header)" : "(PAX header)";
        foreach (var (key, value) in TarFields.PaxRecords(data, _package, shown))
        {
            if (global)
            {
                // git archive writes only a comment; any other global keyword would change every later entry.
                if (key != "comment")
                {
                    throw TarFields.Bad(_package, shown, $"the PAX global header sets '{EntryPath.Display(key)}'");
                }
            }
            else if (key == "path")
            {
                _pending.Path = TarFields.Decode(TarFields.RawValue(value), _package);
            }
            else if (key == "size")
            {
                _pending.Size = long.TryParse(value, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var s)
                    ? s
                    : throw TarFields.Bad(_package, shown, $"the PAX size '{EntryPath.Display(value)}' is not a number");
            }
            else if (key.StartsWith("GNU.sparse.", StringComparison.Ordinal))
            {
                throw TarFields.Bad(_package, shown, "sparse files are not supported");
            }
        }
    }

    private static long Padded(long size) => (size + TarFields.BlockSize - 1) / TarFields.BlockSize * TarFields.BlockSize;

    private IpmException Corrupt(string why) => new(Messages.CorruptArchive(_package, why));

    private struct Pending
    {
        public bool Any;
        public string? Path;
        public long? Size;
        public byte[]? LongName;
    }
}
