using System.Buffers;
using MelGenre.Web.Problems;

namespace MelGenre.Web.Uploads;

/// <summary>
/// The uploaded file as it arrives: read-only, forward-only, counted against the upload limit (past it, every read
/// throws the 413 <see cref="ApiProblem"/>), cancelled with the request.
/// </summary>
/// <remarks>
/// The decoders read synchronously, and Kestrel forbids synchronous reads of a request body (they would block an I/O
/// thread). The classifier therefore runs on a thread of its own (<see cref="Analysis.Offload"/>), and a synchronous
/// read here waits for the asynchronous one: only that thread waits, and only for as long as the client sends.
/// </remarks>
internal sealed class UploadStream(Stream section, long limit, CancellationToken cancellation) : Stream
{
    private long _bytesRead;

    /// <summary>Whether the upload went past the limit (a decoder that swallowed the exception cannot hide it).</summary>
    public bool LimitExceeded { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => _bytesRead; set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var rented = ArrayPool<byte>.Shared.Rent(buffer.Length);
        try
        {
            var read = ReadAsync(rented.AsMemory(0, buffer.Length), CancellationToken.None).AsTask().GetAwaiter().GetResult();
            rented.AsSpan(0, read).CopyTo(buffer);
            return read;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (LimitExceeded)
            throw ApiProblem.UploadTooLarge(limit);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellation, cancellationToken);
        // One byte past the limit is enough to know it is passed: never ask for more.
        var wanted = (int)Math.Min(buffer.Length, limit - _bytesRead + 1);
        var read = await section.ReadAsync(buffer[..wanted], linked.Token);
        _bytesRead += read;
        if (_bytesRead > limit)
        {
            LimitExceeded = true;
            throw ApiProblem.UploadTooLarge(limit);
        }
        return read;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
