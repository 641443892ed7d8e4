namespace MelGenre.Audio.Decoding;

/// <summary>
/// A read-only view of a caller's stream after format detection: it first replays the bytes the detector
/// consumed (needed when the stream cannot seek back), and disposing it leaves the caller's stream open.
/// </summary>
internal sealed class ProbedStream(Stream inner, ReadOnlyMemory<byte> consumed) : Stream
{
    private ReadOnlyMemory<byte> _replay = consumed;
    private readonly bool _canSeek = consumed.IsEmpty && inner.CanSeek;

    public override bool CanRead => true;

    public override bool CanSeek => _canSeek;

    public override bool CanWrite => false;

    public override long Length => _canSeek ? inner.Length : throw new NotSupportedException();

    public override long Position
    {
        get => _canSeek ? inner.Position : throw new NotSupportedException();
        set => Seek(value, SeekOrigin.Begin);
    }

    public override int Read(Span<byte> buffer)
    {
        if (_replay.IsEmpty)
            return inner.Read(buffer);
        var count = Math.Min(buffer.Length, _replay.Length);
        _replay.Span[..count].CopyTo(buffer);
        _replay = _replay[count..];
        return count;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override long Seek(long offset, SeekOrigin origin) =>
        _canSeek ? inner.Seek(offset, origin) : throw new NotSupportedException();

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
