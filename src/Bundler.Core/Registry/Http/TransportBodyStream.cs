namespace Bundler.Core.Registry.Http;

/// <summary>
/// The response body as the caller's reader sees it. Every read observes the attempt's timeouts, reports progress
/// (which restarts the idle timer), and a body that ends before its Content-Length is an error rather than a
/// silently short file. <see cref="NetworkFailed"/> tells the transport that a failure came from the connection,
/// whatever the reader turned the exception into.
/// </summary>
internal sealed class TransportBodyStream : Stream
{
    private readonly Stream _inner;
    private readonly long? _expectedLength;
    private readonly Action _progress;
    private readonly CancellationToken _attemptToken;
    private long _read;

    public TransportBodyStream(Stream inner, long? expectedLength, Action progress, CancellationToken attemptToken)
    {
        _inner = inner;
        _expectedLength = expectedLength;
        _progress = progress;
        _attemptToken = attemptToken;
    }

    /// <summary>True once a read failed because of the connection (reset, premature end, short body).</summary>
    public bool NetworkFailed { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _read;
        set => throw new NotSupportedException();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        using var linked = cancellationToken.CanBeCanceled && cancellationToken != _attemptToken
            ? CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _attemptToken)
            : null;
        int n;
        try
        {
            n = await _inner.ReadAsync(buffer, linked?.Token ?? _attemptToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or HttpRequestException)
        {
            NetworkFailed = true;
            throw new IOException($"connection lost after {_read} bytes of the body: {ex.Message}", ex);
        }

        if (n > 0)
        {
            _read += n;
            _progress();
        }
        else if (buffer.Length > 0 && _expectedLength is { } expected && _read < expected)
        {
            NetworkFailed = true;
            throw new IOException($"body ended after {_read} of {expected} bytes");
        }

        return n;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    // Synchronous readers (e.g. a decompressor) still get the timeouts, because the async path observes them.
    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count), CancellationToken.None).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _inner.Dispose();
        }

        base.Dispose(disposing);
    }
}
