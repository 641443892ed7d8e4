
namespace MelGenre.Audio.Decoding.Mp3;

/// <summary>
/// Reads MPEG-1/2/2.5 audio (<c>.mp3</c>) at the file's own rate and channel count: layer III with our own
/// managed decoder (<see cref="LayerIIIDecoder"/>), layers I and II with NLayer. A file cut mid-stream yields
/// the audio of its complete frames.
/// </summary>
/// <remarks>
/// The output is aligned as <c>lame --decode</c> aligns it: the decoder's own delay of 529 samples is dropped
/// from the start, and when the first frame is a Xing/Info frame with a LAME tag, the encoder delay it records is
/// dropped too and the output ends after the encoded length (frames × samples per frame − delay − padding), so
/// the audio is exactly what was encoded. The Info frame itself decodes to nothing. A stream that cannot seek is
/// first read into memory. The reader owns <c>stream</c> and disposes it.
/// </remarks>
public sealed class Mp3Reader : IAudioReader
{
    /// <summary>The longest MPEG audio frame (MPEG-1 layer II at 384 kb/s and 32 kHz, padded) plus the next frame's header.</summary>
    public const int StrictDetectionBytes = 1729 + 4;

    /// <summary>Samples of delay in the layer III synthesis (IMDCT overlap and polyphase filterbank), as LAME's decoder counts it.</summary>
    private const int DecoderDelay = 529;

    private readonly Stream _stream;
    private readonly string? _source;
    private readonly IAudioReader? _layers12;
    private readonly Mp3FrameSource? _frames;
    private readonly LayerIIIDecoder? _decoder;
    private readonly float[] _frameSamples = new float[1152 * 2];
    private int _frameOffset;
    private int _frameEnd;
    private long _toSkip;
    private long _toDeliver;
    private long _decodedFrames;

    /// <summary>Opens the MPEG audio in <paramref name="stream"/>.</summary>
    /// <param name="stream">The MP3 bytes, from their first byte (an ID3v2 tag or a frame).</param>
    /// <param name="source">The file path or stream name that errors mention; may be null.</param>
    /// <exception cref="AudioDecodeException">No MPEG audio frame can be found, or its header is invalid.</exception>
    public Mp3Reader(Stream stream, string? source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _source = source;
        // ID3 skipping and the layer I/II fallback seek; an MP3 is small enough to hold.
        stream = SeekableStreams.Ensure(stream);
        _stream = stream;
        SkipId3v2Tags();
        var audioStart = stream.Position;
        var frames = new Mp3FrameSource(stream);
        if (!frames.TryReadFrame(out var first, out var firstFrame))
        {
            stream.Dispose();
            throw new AudioDecodeException(AudioErrorKind.Corrupt, "no MPEG audio frame found", source);
        }
        if (first.Layer != 3)
        {
            stream.Position = audioStart;
            _layers12 = new NLayerReader(stream, source);
            SampleRate = _layers12.SampleRate;
            ChannelCount = _layers12.ChannelCount;
            FrameCountHint = _layers12.FrameCountHint;
            return;
        }
        SampleRate = first.SampleRate;
        ChannelCount = first.ChannelCount;
        _frames = frames;
        _decoder = new LayerIIIDecoder(ChannelCount);
        _toSkip = DecoderDelay;
        _toDeliver = long.MaxValue;
        if (LameInfoTag.TryRead(first, firstFrame, out var tag))
        {
            if (tag.HasLameTag)
            {
                _toSkip += tag.EncoderDelay;
                if (tag.FrameCount is { } count)
                    _toDeliver = Math.Max(0, count * first.SamplesPerFrame - tag.EncoderDelay - tag.EncoderPadding);
            }
            if (_toDeliver != long.MaxValue)
                FrameCountHint = _toDeliver;
            else if (tag.FrameCount is { } count)
                FrameCountHint = Math.Max(0, count * first.SamplesPerFrame - DecoderDelay);
        }
        else
        {
            // No Info frame: estimate from the size, as if every frame were as long as the first.
            FrameCountHint = Math.Max(0, (stream.Length - audioStart) / first.Length * first.SamplesPerFrame - DecoderDelay);
            Decode(first, firstFrame);
        }
    }

    /// <inheritdoc />
    public int SampleRate { get; }

    /// <inheritdoc />
    public int ChannelCount { get; }

    /// <summary>
    /// The frames the Xing/LAME header announces (exact when LAME wrote it), or an estimate from the file size and
    /// the first frame's length.
    /// </summary>
    public long? FrameCountHint { get; }

    /// <summary>
    /// Whether <paramref name="header"/> (the file's first bytes) starts with an ID3v2 tag, or with an MPEG audio
    /// frame header that the next frame's header confirms (same version, layer and rate). When
    /// <paramref name="header"/> ends before the second frame (give it <see cref="StrictDetectionBytes"/> to be sure
    /// it does not), one valid frame header is taken as enough.
    /// </summary>
    public static bool IsMatch(ReadOnlySpan<byte> header)
    {
        if (IsId3v2(header))
            return true;
        if (!MpegFrameHeader.TryParse(header, out var first))
            return false;
        if (header.Length < first.Length + 4)
            return true;
        return MpegFrameHeader.TryParse(header[first.Length..], out var second)
            && second.Version == first.Version
            && second.Layer == first.Layer
            && second.SampleRate == first.SampleRate;
    }

    /// <inheritdoc />
    public int Read(Span<float> buffer)
    {
        var wholeFrames = buffer.Length - buffer.Length % ChannelCount;
        if (wholeFrames == 0 && buffer.Length > 0)
            throw new ArgumentException($"The buffer holds fewer samples than one {ChannelCount}-channel frame.", nameof(buffer));
        if (_layers12 is not null)
            return _layers12.Read(buffer[..wholeFrames]);
        var written = 0;
        while (written < wholeFrames && _toDeliver > 0)
        {
            if (_frameOffset == _frameEnd && !DecodeNext())
                break;
            var frames = (int)Math.Min(Math.Min(wholeFrames - written, _frameEnd - _frameOffset) / ChannelCount, _toDeliver);
            _frameSamples.AsSpan(_frameOffset, frames * ChannelCount).CopyTo(buffer[written..]);
            _frameOffset += frames * ChannelCount;
            written += frames * ChannelCount;
            _toDeliver -= frames;
        }
        return written;
    }

    /// <summary>Disposes the decoder and the stream.</summary>
    public void Dispose()
    {
        _layers12?.Dispose();
        _stream.Dispose();
    }

    private bool DecodeNext()
    {
        if (!_frames!.TryReadFrame(out var header, out var frame))
            return false;
        Decode(header, frame);
        return true;
    }

    /// <summary>Decodes a frame into <see cref="_frameSamples"/>, dropping what is left of the start delay.</summary>
    private void Decode(in MpegFrameHeader header, ReadOnlySpan<byte> frame)
    {
        try
        {
            _decoder!.DecodeFrame(header, frame, _frameSamples);
        }
        catch (Exception e) when (e is not AudioDecodeException)
        {
            // The decoder bounds every loop and index by design; this keeps the typed-error promise if it ever misses one.
            throw new AudioDecodeException(AudioErrorKind.Corrupt, $"MPEG frame {_decodedFrames} cannot be decoded: {e.Message}", _source, e);
        }
        _decodedFrames++;
        var frames = header.SamplesPerFrame;
        var skip = (int)Math.Min(_toSkip, frames);
        _toSkip -= skip;
        _frameOffset = skip * ChannelCount;
        _frameEnd = frames * ChannelCount;
    }

    /// <summary>
    /// Steps over the ID3v2 tags at the start without reading them: a tag may claim any size, even hundreds of
    /// megabytes in a file of ten bytes.
    /// </summary>
    private void SkipId3v2Tags()
    {
        Span<byte> header = stackalloc byte[10];
        while (true)
        {
            var start = _stream.Position;
            var read = _stream.ReadAtLeast(header, header.Length, throwOnEndOfStream: false);
            _stream.Position = start;
            if (read < header.Length || !IsId3v2(header))
                break;
            var size = header[6] << 21 | header[7] << 14 | header[8] << 7 | header[9];
            var end = start + header.Length + size + ((header[5] & 0x10) != 0 ? 10 : 0); // the flag adds a footer
            if (end >= _stream.Length)
            {
                _stream.Dispose();
                throw new AudioDecodeException(AudioErrorKind.Truncated, $"the file ends inside (or right after) its {size}-byte ID3v2 tag, before any audio", _source);
            }
            _stream.Position = end;
        }
    }

    /// <summary>"ID3", a major version 2–4, a revision that is not 0xFF and a 28-bit sync-safe size.</summary>
    private static bool IsId3v2(ReadOnlySpan<byte> header) =>
        header.Length >= 10
        && header.StartsWith("ID3"u8)
        && header[3] is >= 2 and <= 4
        && header[4] != 0xFF
        && (header[6] | header[7] | header[8] | header[9]) < 0x80;
}
