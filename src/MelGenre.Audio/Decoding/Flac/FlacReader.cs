namespace MelGenre.Audio.Decoding.Flac;

/// <summary>
/// A fully managed FLAC decoder, bit-exact with libFLAC (<c>flac -d</c>): every bit depth 4–32, 1–8
/// channels, fixed and variable block sizes, all subframe types and stereo decorrelations.
/// Samples are scaled like libsndfile: <c>x / 2^(bits−1)</c> (16-bit: x/32768, 24-bit: x/8388608).
/// </summary>
/// <remarks>
/// <para>Error policy, as <c>flac -d</c> without <c>-F</c>: a frame that breaks the format (lost sync,
/// reserved codes, CRC-8 or CRC-16 mismatch, a block larger than STREAMINFO allows) throws
/// <see cref="AudioDecodeException"/> of kind <see cref="AudioErrorKind.Corrupt"/>.</para>
/// <para>Truncation, as most players: a final frame cut short is dropped and the audio ends after the
/// last complete frame. A stream that ends before its first complete frame (while STREAMINFO announces
/// audio) throws <see cref="AudioErrorKind.Truncated"/>. Bytes after the number of samples STREAMINFO
/// announces (an ID3v1 tag, say) are ignored.</para>
/// <para>The stream is read forward only, in blocks of about two maximum frames. Not thread-safe.</para>
/// </remarks>
public sealed class FlacReader : IAudioReader
{
    /// <summary>No valid frame is this large (8 channels × 65535 samples × 33 bits is 2.2 MB).</summary>
    private const int MaxFrameBytes = 16 << 20;
    private const int MinBufferBytes = 64 << 10;

    private readonly Stream _stream;
    private readonly string? _source;
    private readonly bool _leaveOpen;
    private readonly FlacFrameDecoder _decoder;
    private readonly float _scale;
    private readonly int _frameBytesGuess;

    private byte[] _buffer;
    private long _bufferOffset;
    private int _start;
    private int _end;
    private bool _endOfStream;
    private bool _finished;
    private long _framesDecoded;
    private int _frameCursor;

    /// <summary>Opens <paramref name="stream"/> (positioned at the start of the file) and reads its metadata.</summary>
    /// <param name="stream">The FLAC bytes; read forward only.</param>
    /// <param name="source">The file name for error messages; may be null.</param>
    /// <param name="leaveOpen">Whether <see cref="Dispose"/> leaves <paramref name="stream"/> open (default: it disposes it).</param>
    /// <exception cref="AudioDecodeException">The stream is empty, not FLAC, or its metadata is truncated or corrupt.</exception>
    public FlacReader(Stream stream, string? source, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _source = source;
        _leaveOpen = leaveOpen;
        StreamInfo = FlacMetadataReader.Read(stream, source, out _bufferOffset);
        _decoder = new FlacFrameDecoder(StreamInfo, source);
        _scale = 1f / (1L << (StreamInfo.BitsPerSample - 1));
        // A frame is rarely longer than its samples stored verbatim; STREAMINFO usually knows better.
        var verbatimBytes = 18 + (StreamInfo.ChannelCount * ((((long)StreamInfo.MaxBlockSize * (StreamInfo.BitsPerSample + 1)) + 7) / 8 + 8));
        _frameBytesGuess = StreamInfo.MaxFrameSize > 0 ? StreamInfo.MaxFrameSize : (int)verbatimBytes;
        _buffer = new byte[Math.Max(2 * _frameBytesGuess, MinBufferBytes)];
    }

    /// <summary>The stream's STREAMINFO block.</summary>
    public FlacStreamInfo StreamInfo { get; }

    /// <inheritdoc/>
    public int SampleRate => StreamInfo.SampleRate;

    /// <inheritdoc/>
    public int ChannelCount => StreamInfo.ChannelCount;

    /// <summary>Bits per sample of the integer samples (4–32).</summary>
    public int BitsPerSample => StreamInfo.BitsPerSample;

    /// <inheritdoc/>
    public long? FrameCountHint => StreamInfo.TotalFrames > 0 ? StreamInfo.TotalFrames : null;

    /// <summary>
    /// Whether <paramref name="header"/> (the first bytes of a file) starts with <c>fLaC</c>, directly or
    /// after an ID3v2 tag. An ID3v2 tag longer than <paramref name="header"/> gives false: such files are
    /// far more often MP3.
    /// </summary>
    public static bool IsMatch(ReadOnlySpan<byte> header) => FlacMetadataReader.IsMatch(header);

    /// <inheritdoc/>
    /// <exception cref="ArgumentException"><paramref name="buffer"/> cannot hold one frame (one sample per channel).</exception>
    public int Read(Span<float> buffer) => Interleave<float, ScaledToFloat>(buffer);

    /// <summary>
    /// Like <see cref="Read"/> but gives the exact integer samples, interleaved, in the stream's bit depth
    /// (a 16-bit stream yields −32768…32767): the values <c>flac -d</c> writes.
    /// </summary>
    /// <exception cref="ArgumentException"><paramref name="buffer"/> cannot hold one frame (one sample per channel).</exception>
    public int ReadSamples(Span<int> buffer) => Interleave<int, Exact>(buffer);

    /// <summary>How a decoded sample becomes an output value; a struct type argument, so the JIT inlines it per type.</summary>
    private interface ISampleConversion<T>
    {
        static abstract T Convert(long sample, float scale);
    }

    private readonly struct ScaledToFloat : ISampleConversion<float>
    {
        public static float Convert(long sample, float scale) => sample * scale;
    }

    private readonly struct Exact : ISampleConversion<int>
    {
        public static int Convert(long sample, float scale) => (int)sample;
    }

    /// <summary>Fills <paramref name="buffer"/> with whole frames of the decoded blocks, channels interleaved.</summary>
    private int Interleave<T, TConversion>(Span<T> buffer)
        where TConversion : struct, ISampleConversion<T>
    {
        var channels = ChannelCount;
        if (buffer.Length < channels)
            throw new ArgumentException($"the buffer must hold at least one frame ({channels} samples)", nameof(buffer));
        var written = 0;
        while (NextChunk(buffer.Length - written, out var count))
        {
            for (var channel = 0; channel < channels; channel++)
            {
                var source = _decoder.Channel(channel).Slice(_frameCursor, count);
                var target = buffer[(written + channel)..];
                for (var i = 0; i < source.Length; i++)
                    target[i * channels] = TConversion.Convert(source[i], _scale);
            }
            _frameCursor += count;
            written += count * channels;
        }
        return written;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (!_leaveOpen)
            _stream.Dispose();
    }

    /// <summary>How many frames of the current block fit in <paramref name="room"/> samples; decodes the next block when needed.</summary>
    private bool NextChunk(int room, out int count)
    {
        count = 0;
        if (room < ChannelCount)
            return false;
        if (_frameCursor == _decoder.BlockSize && !DecodeNextFrame())
            return false;
        count = Math.Min(room / ChannelCount, _decoder.BlockSize - _frameCursor);
        return true;
    }

    private bool DecodeNextFrame()
    {
        if (_finished || (StreamInfo.TotalFrames > 0 && _framesDecoded >= StreamInfo.TotalFrames))
            return false;
        var want = _frameBytesGuess;
        while (true)
        {
            Fill(want);
            var frameOffset = _bufferOffset + _start;
            if (_start == _end)
            {
                _finished = true;
                if (_framesDecoded == 0 && StreamInfo.TotalFrames > 0)
                    throw new AudioDecodeException(AudioErrorKind.Truncated, $"the stream ends after its metadata, before any of the {StreamInfo.TotalFrames} announced samples", _source);
                return false;
            }
            try
            {
                var length = _decoder.Decode(_buffer.AsSpan(_start, _end - _start), frameOffset);
                _start += length;
                _framesDecoded += _decoder.BlockSize;
                _frameCursor = 0;
                return true;
            }
            catch (FlacEndOfDataException)
            {
                if (_endOfStream)
                    return EndInsideFrame(frameOffset);
                if (want >= MaxFrameBytes)
                    throw new AudioDecodeException(AudioErrorKind.Corrupt, $"frame at byte {frameOffset} is longer than {MaxFrameBytes >> 20} MiB", _source);
                want = Math.Min(2 * want, MaxFrameBytes);
            }
        }
    }

    /// <summary>The stream ended inside a frame: a cut-off final frame is dropped; a first frame throws.</summary>
    private bool EndInsideFrame(long frameOffset)
    {
        var remaining = _end - _start;
        if (StreamInfo.MaxFrameSize > 0 && remaining > StreamInfo.MaxFrameSize)
            throw new AudioDecodeException(AudioErrorKind.Corrupt, $"frame at byte {frameOffset} runs past the end of the stream although {remaining} bytes exceed the STREAMINFO maximum frame size {StreamInfo.MaxFrameSize}", _source);
        if (_framesDecoded == 0)
            throw new AudioDecodeException(AudioErrorKind.Truncated, $"the stream ends inside its first frame (byte {frameOffset}, {remaining} bytes)", _source);
        _finished = true;
        return false;
    }

    /// <summary>Buffers at least <paramref name="want"/> bytes from the current frame on, unless the stream ends first.</summary>
    private void Fill(int want)
    {
        if (_end - _start >= want || _endOfStream)
            return;
        if (_buffer.Length - _start < want)
        {
            var target = _buffer.Length < want ? new byte[Math.Max(want, 2 * _buffer.Length)] : _buffer;
            Buffer.BlockCopy(_buffer, _start, target, 0, _end - _start);
            _buffer = target;
            _bufferOffset += _start;
            _end -= _start;
            _start = 0;
        }
        while (_end - _start < want)
        {
            var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
            if (read == 0)
            {
                _endOfStream = true;
                return;
            }
            _end += read;
        }
    }
}
