using System.Buffers.Binary;
using NLayer;

namespace MelGenre.Audio.Decoding;

/// <summary>
/// Reads MPEG-1/2/2.5 audio layers I–III (<c>.mp3</c>) with NLayer, at the file's own rate and channel count.
/// A file cut mid-stream yields the audio of its complete frames.
/// </summary>
/// <remarks>
/// NLayer trims the encoder delay and padding that LAME notes in its Info header when it finds that header
/// (it does in MPEG-1 files); otherwise the decoded audio keeps them, about 1 000 samples more than was
/// encoded. A stream that cannot seek is first read into memory (NLayer seeks). The reader owns
/// <c>stream</c> and disposes it.
/// </remarks>
public sealed class Mp3Reader : IAudioReader
{
    /// <summary>The longest MPEG audio frame (MPEG-1 layer II at 384 kb/s and 32 kHz, padded) plus the next frame's header.</summary>
    public const int StrictDetectionBytes = 1729 + 4;

    private readonly Stream _stream;
    private readonly string? _source;
    private readonly MpegFile _mpeg;

    /// <summary>Opens the MPEG audio in <paramref name="stream"/>.</summary>
    /// <param name="stream">The MP3 bytes, from their first byte (an ID3v2 tag or a frame).</param>
    /// <param name="source">The file path or stream name that errors mention; may be null.</param>
    /// <exception cref="AudioDecodeException">No MPEG audio frame can be found, or its header is invalid.</exception>
    public Mp3Reader(Stream stream, string? source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _source = source;
        if (!stream.CanSeek)
        {
            // NLayer needs to seek; an MP3 is small enough to hold.
            var copy = new MemoryStream();
            using (stream)
                stream.CopyTo(copy);
            copy.Position = 0;
            stream = copy;
        }
        _stream = stream;
        SkipId3v2Tags();
        try
        {
            _mpeg = new MpegFile(stream);
            SampleRate = _mpeg.SampleRate;
            ChannelCount = _mpeg.Channels;
            FrameCountHint = _mpeg.Length / (sizeof(float) * ChannelCount);
        }
        catch (Exception e)
        {
            stream.Dispose();
            throw new AudioDecodeException(AudioErrorKind.Corrupt, $"no decodable MPEG audio frame: {e.Message}", source, e);
        }
        if (SampleRate <= 0 || ChannelCount is < 1 or > 2)
        {
            _mpeg.Dispose();
            throw new AudioDecodeException(AudioErrorKind.Corrupt, $"the MPEG frame header announces {SampleRate} Hz and {ChannelCount} channels", source);
        }
    }

    /// <inheritdoc />
    public int SampleRate { get; }

    /// <inheritdoc />
    public int ChannelCount { get; }

    /// <summary>The frames NLayer counts from the frame headers (and the encoder's gapless note, when it finds one).</summary>
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
        try
        {
            return _mpeg.ReadSamples(buffer[..wholeFrames]);
        }
        catch (Exception e)
        {
            throw new AudioDecodeException(AudioErrorKind.Corrupt, $"the MPEG audio cannot be decoded past {_mpeg.Time.TotalSeconds:0.###} s: {e.Message}", _source, e);
        }
    }

    /// <summary>Disposes the decoder and the stream.</summary>
    public void Dispose()
    {
        _mpeg.Dispose();
        _stream.Dispose();
    }

    /// <summary>
    /// Steps over the ID3v2 tags at the start ourselves: NLayer would allocate whatever size a tag claims,
    /// even hundreds of megabytes in a file of ten bytes.
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

    /// <summary>The fields of a 4-byte MPEG audio frame header that detection checks.</summary>
    private readonly record struct MpegFrameHeader(int Version, int Layer, int SampleRate, int Length)
    {
        private const int Mpeg1 = 3;
        private const int Mpeg2 = 2;

        // Kilobits per second by [table][bitrate index 1–14]; index 0 (free format) and 15 are refused.
        private static readonly short[][] Bitrates =
        [
            [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448], // MPEG-1 layer I
            [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],    // MPEG-1 layer II
            [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],     // MPEG-1 layer III
            [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],    // MPEG-2/2.5 layer I
            [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],         // MPEG-2/2.5 layers II, III
        ];

        private static readonly int[] Mpeg1Rates = [44100, 48000, 32000];

        /// <summary>Parses the header at the start of <paramref name="bytes"/>; false unless every field is valid.</summary>
        public static bool TryParse(ReadOnlySpan<byte> bytes, out MpegFrameHeader header)
        {
            header = default;
            if (bytes.Length < 4)
                return false;
            var word = BinaryPrimitives.ReadUInt32BigEndian(bytes);
            var version = (int)(word >> 19) & 3;   // 0 = MPEG-2.5, 1 reserved, 2 = MPEG-2, 3 = MPEG-1
            var layerBits = (int)(word >> 17) & 3; // 0 reserved, 1 = III, 2 = II, 3 = I
            var bitrateIndex = (int)(word >> 12) & 15;
            var rateIndex = (int)(word >> 10) & 3;
            var padding = (int)(word >> 9) & 1;
            var emphasis = (int)word & 3;
            if ((word & 0xFFE00000) != 0xFFE00000 || version == 1 || layerBits == 0
                || bitrateIndex is 0 or 15 || rateIndex == 3 || emphasis == 2
                || (version == 0 && layerBits != 1)) // MPEG-2.5 defines layer III only
                return false;
            var layer = 4 - layerBits;
            var table = version == Mpeg1 ? layer - 1 : layer == 1 ? 3 : 4;
            var bitrate = Bitrates[table][bitrateIndex] * 1000;
            var sampleRate = Mpeg1Rates[rateIndex] >> (version == Mpeg1 ? 0 : version == Mpeg2 ? 1 : 2);
            var length = layer switch
            {
                1 => (12 * bitrate / sampleRate + padding) * 4,
                3 when version != Mpeg1 => 72 * bitrate / sampleRate + padding,
                _ => 144 * bitrate / sampleRate + padding,
            };
            header = new MpegFrameHeader(version, layer, sampleRate, length);
            return true;
        }
    }
}
