using System.Buffers.Binary;

namespace MelGenre.Audio.Decoding.Mp3;

/// <summary>How the two channels of a frame are coded (the header's mode field).</summary>
internal enum MpegChannelMode
{
    Stereo = 0,
    JointStereo = 1,
    DualChannel = 2,
    Mono = 3,
}

/// <summary>
/// The 4-byte header that starts every MPEG audio frame (ISO 11172-3 2.4.2.3, extended by 13818-3 and the
/// MPEG-2.5 convention). Free format (bitrate index 0) is refused: its frame length is not in the header.
/// </summary>
internal readonly record struct MpegFrameHeader(
    int Version,
    int Layer,
    int Bitrate,
    int SampleRate,
    int SampleRateIndex,
    bool HasCrc,
    bool Padding,
    MpegChannelMode Mode,
    int ModeExtension,
    int Length)
{
    /// <summary>Version field values: 0 = MPEG-2.5, 2 = MPEG-2, 3 = MPEG-1 (1 is reserved).</summary>
    public const int Mpeg1 = 3;
    public const int Mpeg2 = 2;
    public const int Mpeg25 = 0;

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

    /// <summary>Whether this is MPEG-2 or 2.5 ("low sampling frequency": one granule, other side info).</summary>
    public bool IsLowSamplingFrequency => Version != Mpeg1;

    /// <summary>Channels the frame carries.</summary>
    public int ChannelCount => Mode == MpegChannelMode.Mono ? 1 : 2;

    /// <summary>Samples per channel the frame decodes to.</summary>
    public int SamplesPerFrame => Layer == 1 ? 384 : Layer == 3 && IsLowSamplingFrequency ? 576 : 1152;

    /// <summary>Bytes of layer III side information after the header (and CRC).</summary>
    public int SideInfoLength => IsLowSamplingFrequency ? (ChannelCount == 1 ? 9 : 17) : (ChannelCount == 1 ? 17 : 32);

    /// <summary>Where the side information (layer III) or the audio data starts in the frame.</summary>
    public int DataOffset => HasCrc ? 6 : 4;

    /// <summary>Whether <paramref name="other"/> can belong to the same stream (version, layer, rate and channels).</summary>
    public bool IsCompatible(in MpegFrameHeader other) =>
        other.Version == Version && other.Layer == Layer && other.SampleRate == SampleRate && other.ChannelCount == ChannelCount;

    /// <summary>Parses the header at the start of <paramref name="bytes"/>; false unless every field is valid.</summary>
    public static bool TryParse(ReadOnlySpan<byte> bytes, out MpegFrameHeader header)
    {
        header = default;
        if (bytes.Length < 4)
            return false;
        var word = BinaryPrimitives.ReadUInt32BigEndian(bytes);
        var version = (int)(word >> 19) & 3;
        var layerBits = (int)(word >> 17) & 3; // 0 reserved, 1 = III, 2 = II, 3 = I
        var bitrateIndex = (int)(word >> 12) & 15;
        var rateIndex = (int)(word >> 10) & 3;
        var emphasis = (int)word & 3;
        if ((word & 0xFFE00000) != 0xFFE00000 || version == 1 || layerBits == 0
            || bitrateIndex is 0 or 15 || rateIndex == 3 || emphasis == 2
            || (version == Mpeg25 && layerBits != 1)) // MPEG-2.5 defines layer III only
            return false;
        var layer = 4 - layerBits;
        var table = version == Mpeg1 ? layer - 1 : layer == 1 ? 3 : 4;
        var bitrate = Bitrates[table][bitrateIndex] * 1000;
        var sampleRate = Mpeg1Rates[rateIndex] >> (version == Mpeg1 ? 0 : version == Mpeg2 ? 1 : 2);
        var padding = (int)(word >> 9) & 1;
        var length = layer switch
        {
            1 => (12 * bitrate / sampleRate + padding) * 4,
            3 when version != Mpeg1 => 72 * bitrate / sampleRate + padding,
            _ => 144 * bitrate / sampleRate + padding,
        };
        var rateSlot = (version == Mpeg1 ? 0 : version == Mpeg2 ? 3 : 6) + rateIndex;
        header = new MpegFrameHeader(
            version, layer, bitrate, sampleRate, rateSlot, HasCrc: (word & 0x10000) == 0, Padding: padding != 0,
            (MpegChannelMode)((word >> 6) & 3), (int)(word >> 4) & 3, length);
        return true;
    }
}
