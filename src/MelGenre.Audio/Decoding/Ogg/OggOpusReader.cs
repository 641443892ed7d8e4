using System.Buffers.Binary;
using Concentus;

namespace MelGenre.Audio.Decoding.Ogg;

/// <summary>
/// Reads Opus audio in an Ogg container (RFC 7845, <c>.opus</c>) with Concentus, always at 48 kHz (the rate
/// Opus decodes at; the header's "input sample rate" is only a note of the original). Honours the header's
/// pre-skip (leading samples dropped), output gain and the end trimming of the last page's granule position.
/// A file cut mid-stream yields the audio of its complete packets.
/// </summary>
/// <remarks>The reader owns <c>stream</c> and disposes it.</remarks>
public sealed class OggOpusReader : IAudioReader
{
    /// <summary>The rate every Opus stream decodes at, in Hz.</summary>
    public const int DecodeRate = 48000;

    private const int MaxChannels = 8;
    // 120 ms at 48 kHz: the longest an Opus packet can last.
    private const int MaxPacketFrames = 5760;
    // 120 ms of 510 kb/s per stream, with room for framing: far above any real packet.
    private const int MaxPacketBytes = 64 * 1024;
    private const int MaxHeaderBytes = 21 + 255;
    // The comment header may carry cover art; it is skipped unread, but not without bound.
    private const int MaxTagsBytes = 64 * 1024 * 1024;

    private readonly Stream _stream;
    private readonly string? _source;
    private readonly OggPacketReader _ogg;
    private readonly IOpusDecoder? _decoder;
    private readonly IOpusMultiStreamDecoder? _multiStreamDecoder;
    private readonly float _gain;
    private readonly int _preSkip;
    private readonly float[] _pcm;
    private int _pcmOffset;
    private int _pcmCount;
    private long _decodedFrames;
    private bool _ended;

    /// <summary>Reads the Opus headers from <paramref name="stream"/>.</summary>
    /// <param name="stream">The Ogg Opus bytes, from their first page.</param>
    /// <param name="source">The file path or stream name that errors mention; may be null.</param>
    /// <exception cref="AudioDecodeException">Not Ogg Opus, a header missing or malformed, or an unsupported channel layout.</exception>
    public OggOpusReader(Stream stream, string? source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _source = source;
        _ogg = new OggPacketReader(stream, source);
        try
        {
            var head = ReadHeaderPacket(MaxHeaderBytes, keep: true, "identification header (OpusHead)");
            if (!head.Span.StartsWith("OpusHead"u8))
                throw Error(AudioErrorKind.UnknownFormat, "not Ogg Opus: the first packet is not an OpusHead header");
            var header = OpusHeader.Parse(head.Span, source);
            ReadHeaderPacket(MaxTagsBytes, keep: false, "comment header (OpusTags)");

            ChannelCount = header.ChannelCount;
            _preSkip = header.PreSkip;
            _gain = MathF.Pow(10f, header.OutputGainQ8 / (20f * 256f));
            if (header.MappingFamily == 0)
                _decoder = OpusCodecFactory.CreateDecoder(DecodeRate, header.ChannelCount);
            else
                _multiStreamDecoder = OpusCodecFactory.CreateMultiStreamDecoder(
                    DecodeRate, header.ChannelCount, header.StreamCount, header.CoupledCount, header.Mapping);
        }
        catch (Exception e) when (e is not AudioDecodeException)
        {
            throw Error(AudioErrorKind.Corrupt, $"the Opus headers cannot be read: {e.Message}", e);
        }
        _pcm = new float[MaxPacketFrames * ChannelCount];
    }

    /// <summary>Always <see cref="DecodeRate"/> (48 000 Hz).</summary>
    public int SampleRate => DecodeRate;

    /// <inheritdoc />
    public int ChannelCount { get; }

    /// <summary>Always null: the length is only known at the last page.</summary>
    public long? FrameCountHint => null;

    /// <summary>Whether <paramref name="header"/> (the file's first bytes) is an Ogg stream whose first packet is <c>OpusHead</c>.</summary>
    public static bool IsMatch(ReadOnlySpan<byte> header) => OggPacketReader.Identify(header) == OggCodec.Opus;

    /// <inheritdoc />
    public int Read(Span<float> buffer)
    {
        var wholeFrames = buffer.Length - buffer.Length % ChannelCount;
        if (wholeFrames == 0 && buffer.Length > 0)
            throw new ArgumentException($"The buffer holds fewer samples than one {ChannelCount}-channel frame.", nameof(buffer));
        var written = 0;
        while (written < wholeFrames)
        {
            if (_pcmCount == 0 && !DecodeNextPacket())
                break;
            var count = Math.Min(_pcmCount, wholeFrames - written);
            var source = _pcm.AsSpan(_pcmOffset, count);
            var target = buffer.Slice(written, count);
            if (_gain == 1f)
                source.CopyTo(target);
            else
                for (var i = 0; i < count; i++)
                    target[i] = source[i] * _gain;
            _pcmOffset += count;
            _pcmCount -= count;
            written += count;
        }
        return written;
    }

    /// <summary>Disposes the decoder and the stream.</summary>
    public void Dispose()
    {
        (_decoder as IDisposable)?.Dispose();
        (_multiStreamDecoder as IDisposable)?.Dispose();
        _stream.Dispose();
    }

    /// <summary>Decodes packets until one leaves samples to deliver (after pre-skip and end trimming); false at the end.</summary>
    private bool DecodeNextPacket()
    {
        while (!_ended)
        {
            if (!_ogg.TryReadPacket(MaxPacketBytes, keep: true, out var packet))
            {
                _ended = true;
                break;
            }
            _ended = packet.EndsStream;
            if (packet.Data.IsEmpty)
                continue; // an empty packet carries no audio (RFC 7845 §3 treats it as a gap; we do not conceal)

            int frames;
            try
            {
                frames = _decoder is not null
                    ? _decoder.Decode(packet.Data.Span, _pcm, MaxPacketFrames, false)
                    : _multiStreamDecoder!.DecodeMultistream(packet.Data.Span, _pcm, MaxPacketFrames, false);
            }
            catch (Exception e)
            {
                throw Error(AudioErrorKind.Corrupt, $"an Opus packet cannot be decoded (after {_decodedFrames} samples): {e.Message}", e);
            }

            // Keep the part of this packet's frames [start, end) that lies in [pre-skip, final granule).
            var start = _decodedFrames;
            var end = start + frames;
            _decodedFrames = end;
            var keepFrom = Math.Max(start, _preSkip);
            var keepTo = packet.EndsStream && packet.Granule >= 0 ? Math.Min(end, packet.Granule) : end;
            if (keepTo <= keepFrom)
                continue;
            _pcmOffset = (int)(keepFrom - start) * ChannelCount;
            _pcmCount = (int)(keepTo - keepFrom) * ChannelCount;
            return true;
        }
        return false;
    }

    private ReadOnlyMemory<byte> ReadHeaderPacket(int maxLength, bool keep, string what)
    {
        if (!_ogg.TryReadPacket(maxLength, keep, out var packet))
            throw Error(AudioErrorKind.Truncated, $"the Ogg Opus file ends before its {what}");
        return packet.Data;
    }

    private AudioDecodeException Error(AudioErrorKind kind, string reason, Exception? inner = null) => new(kind, reason, _source, inner);

    /// <summary>The identification header's fields (RFC 7845 §5.1).</summary>
    private sealed record OpusHeader(int ChannelCount, int PreSkip, short OutputGainQ8, int MappingFamily, int StreamCount, int CoupledCount, byte[] Mapping)
    {
        public static OpusHeader Parse(ReadOnlySpan<byte> head, string? source)
        {
            if (head.Length < 19)
                throw new AudioDecodeException(AudioErrorKind.Corrupt, $"the OpusHead header has {head.Length} bytes, fewer than 19", source);
            if (head[8] >= 16)
                throw new AudioDecodeException(AudioErrorKind.Unsupported, $"Ogg Opus version {head[8] >> 4}.{head[8] & 15} (only 0.x is defined)", source);
            int channels = head[9];
            var preSkip = BinaryPrimitives.ReadUInt16LittleEndian(head[10..]);
            var gain = BinaryPrimitives.ReadInt16LittleEndian(head[16..]);
            int family = head[18];
            if (channels == 0)
                throw new AudioDecodeException(AudioErrorKind.Corrupt, "the OpusHead header announces 0 channels", source);
            if (family == 0)
            {
                if (channels > 2)
                    throw new AudioDecodeException(AudioErrorKind.Corrupt, $"channel mapping family 0 allows 1 or 2 channels, not {channels}", source);
                return new OpusHeader(channels, preSkip, gain, family, 1, channels - 1, []);
            }
            if (channels > MaxChannels)
                throw new AudioDecodeException(AudioErrorKind.Unsupported, $"{channels} Opus channels (at most {MaxChannels} are decoded)", source);
            if (head.Length < 21 + channels)
                throw new AudioDecodeException(AudioErrorKind.Corrupt, $"the OpusHead header is too short for its {channels}-channel mapping table", source);
            int streams = head[19];
            int coupled = head[20];
            if (streams == 0 || coupled > streams || streams + coupled > 255)
                throw new AudioDecodeException(AudioErrorKind.Corrupt, $"invalid Opus stream counts ({streams} streams, {coupled} coupled)", source);
            var mapping = head.Slice(21, channels).ToArray();
            foreach (var index in mapping)
                if (index != 255 && index >= streams + coupled)
                    throw new AudioDecodeException(AudioErrorKind.Corrupt, $"the Opus channel mapping names stream channel {index} of {streams + coupled}", source);
            return new OpusHeader(channels, preSkip, gain, family, streams, coupled, mapping);
        }
    }
}
