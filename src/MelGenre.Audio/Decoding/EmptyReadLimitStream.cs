namespace MelGenre.Audio.Decoding;

/// <summary>
/// Passes reads through to a third-party decoder and stops it, with an <see cref="AudioDecodeException"/>, once it has
/// been answered "nothing" <see cref="MaxEmptyReads"/> times: a decoder stuck re-reading the end of the stream is in
/// a loop it will never leave. NVorbis 0.10.5 does this on some corrupt pages: its page resync drops the bytes it
/// means to re-examine (<c>PageReaderBase.EnqueueData</c> builds the merged buffer and never stores it) and then
/// replays the same bytes forever, retrying the exhausted stream on every pass. Seeking and length pass through.
/// Disposing leaves the inner stream open.
/// </summary>
internal sealed class EmptyReadLimitStream(Stream inner, string? source) : Stream
{
    /// <summary>Empty reads allowed over the stream's life. Decoding a whole valid file asks for none (NVorbis:
    /// 0 on a 30 s file); a cut file costs about ten per attempt (NVorbis retries a short read ten times).</summary>
    public const int MaxEmptyReads = 10_000;

    private int _emptyReads;

    public override bool CanRead => true;

    public override bool CanSeek => inner.CanSeek;

    public override bool CanWrite => false;

    public override long Length => inner.Length;

    public override long Position
    {
        get => inner.Position;
        set => inner.Position = value;
    }

    public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override long Seek(long offset, SeekOrigin origin) => inner.Seek(offset, origin);

    public override void Flush()
    {
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Count(int read)
    {
        if (read == 0 && ++_emptyReads > MaxEmptyReads)
            throw new AudioDecodeException(AudioErrorKind.Corrupt,
                $"the decoder keeps reading after the stream gave nothing {MaxEmptyReads} times (it is looping on a corrupt page)", source);
        return read;
    }
}
