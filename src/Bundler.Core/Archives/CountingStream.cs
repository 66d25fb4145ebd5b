namespace Bundler.Core.Archives;

/// <summary>A read-only pass-through that counts the bytes read (the compressed bytes a decompressor consumed).</summary>
internal sealed class CountingStream : Stream
{
    private readonly Stream _inner;
    private readonly long _start;

    public CountingStream(Stream inner)
    {
        _inner = inner;
        _start = inner.Position;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    /// <summary>Bytes read so far, plus where the inner stream started.</summary>
    public override long Position
    {
        get => _start + Count;
        set => throw new NotSupportedException();
    }

    public long Count { get; private set; }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = _inner.Read(buffer, offset, count);
        Count += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
