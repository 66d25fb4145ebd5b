using Bundler.Core.Diagnostics;
using ICSharpCode.SharpZipLib.Checksum;
using ICSharpCode.SharpZipLib.Zip.Compression;

namespace Bundler.Core.Archives;

/// <summary>
/// Reads exactly one gzip member (RFC 1952) and hands the decompressed bytes on, checking what SharpZipLib's
/// GZipInputStream lets pass: reserved flags, a truncated member, a second member or any other bytes after it,
/// and the compression ratio (a decompression bomb is stopped before it is ever written out).
/// </summary>
internal sealed class GzipScanner
{
    private const int MaxHeaderString = 64 * 1024;
    private readonly Stream _input;
    private readonly string _package;
    private readonly ExtractionLimits _limits;
    private readonly byte[] _buffer = new byte[64 * 1024];
    private int _position;
    private int _length;
    private long _headerBytes;
    private long _loaded;

    public GzipScanner(Stream input, string package, ExtractionLimits limits)
    {
        _input = input;
        _package = package;
        _limits = limits;
    }

    /// <summary>Decompresses the member into <paramref name="sink"/>; returns the decompressed size.</summary>
    public long Scan(TarScanner sink, CancellationToken cancellationToken)
    {
        ReadHeader();
        var inflater = new Inflater(noHeader: true);
        var crc = new Crc32();
        var output = new byte[64 * 1024];
        long total = 0;
        var idle = 0;
        while (!inflater.IsFinished)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (inflater.IsNeedingInput)
            {
                if (_position == _length && !Fill())
                {
                    throw Corrupt("the gzip data is truncated");
                }

                // The inflater keeps a reference to the buffer; it is refilled only once all of it was consumed.
                inflater.SetInput(_buffer, _position, _length - _position);
                _position = _length;
            }

            var n = inflater.Inflate(output);
            if (n == 0)
            {
                if (!inflater.IsNeedingInput && !inflater.IsFinished && ++idle > 16)
                {
                    throw Corrupt("the deflate data does not progress (it needs a preset dictionary?)");
                }

                continue;
            }

            idle = 0;
            total += n;
            crc.Update(new ArraySegment<byte>(output, 0, n));
            var compressed = _headerBytes + inflater.TotalIn;
            if (total > _limits.RatioGraceBytes && total > _limits.MaxCompressionRatio * Math.Max(1, compressed))
            {
                throw new IpmException(Messages.CompressionRatioTooHigh(_package, total, compressed, _limits.MaxCompressionRatio));
            }

            sink.Write(output.AsSpan(0, n));
        }

        // Bytes the inflater was given but did not need are the trailer (and whatever follows it).
        _position -= inflater.RemainingInput;
        var trailer = new byte[8];
        for (var i = 0; i < trailer.Length; i++)
        {
            trailer[i] = (byte)(ReadByte() is var b and >= 0 ? b : throw Corrupt("the gzip trailer is truncated"));
        }

        if (BitConverter.ToUInt32(trailer, 0) != (uint)crc.Value)
        {
            throw Corrupt("the gzip CRC does not match the data");
        }

        if (BitConverter.ToUInt32(trailer, 4) != (uint)total)
        {
            throw Corrupt("the gzip size does not match the data");
        }

        if (ReadByte() >= 0)
        {
            throw Corrupt("there are bytes after the gzip member (trailing garbage or a second member)");
        }

        return total;
    }

    private void ReadHeader()
    {
        int first = ReadByte(), second = ReadByte();
        if (first != 0x1f || second != 0x8b)
        {
            throw Corrupt(first < 0 ? "the file is empty" : "it is not gzip data");
        }

        var method = Need();
        if (method != 8)
        {
            throw Corrupt($"gzip compression method {method} is not deflate");
        }

        var flags = Need();
        if ((flags & 0xE0) != 0)
        {
            throw Corrupt("reserved gzip header flags are set");
        }

        for (var i = 0; i < 6; i++)
        {
            Need(); // modification time, extra flags, operating system
        }

        if ((flags & 0x04) != 0)
        {
            var extra = Need() | (Need() << 8);
            for (var i = 0; i < extra; i++)
            {
                Need();
            }
        }

        for (var bit = 0x08; bit <= 0x10; bit <<= 1)
        {
            // 0x08 file name, 0x10 comment: both NUL-terminated.
            if ((flags & bit) != 0)
            {
                var count = 0;
                while (Need() != 0)
                {
                    if (++count > MaxHeaderString)
                    {
                        throw Corrupt("the gzip header's name or comment is too long");
                    }
                }
            }
        }

        if ((flags & 0x02) != 0)
        {
            Need();
            Need(); // header CRC16; SharpZipLib checks it when extracting
        }

        _headerBytes = _loaded - (_length - _position);
    }

    private int Need() => ReadByte() is var b and >= 0 ? b : throw Corrupt("the gzip header is truncated");

    private int ReadByte()
    {
        if (_position == _length && !Fill())
        {
            return -1;
        }

        return _buffer[_position++];
    }

    private bool Fill()
    {
        _length = _input.Read(_buffer, 0, _buffer.Length);
        _loaded += _length;
        _position = 0;
        return _length > 0;
    }

    private IpmException Corrupt(string why) => new(Messages.CorruptArchive(_package, why));
}
