using System.Buffers.Binary;

namespace MelGenre.Audio.Decoding.Mp3;

/// <summary>
/// The Xing/Info header an encoder puts in place of the first frame's audio (a frame that decodes to nothing),
/// with the frame count and, from LAME, the encoder delay and padding needed to trim the decoded audio to exactly
/// what was encoded.
/// </summary>
/// <param name="FrameCount">Audio frames in the stream after this one; null when the header omits it.</param>
/// <param name="EncoderDelay">Samples the encoder added at the start (LAME tag; 0 without one).</param>
/// <param name="EncoderPadding">Samples the encoder added at the end (LAME tag; 0 without one).</param>
/// <param name="HasLameTag">Whether the LAME extension (and so the delay and padding) was found.</param>
internal readonly record struct LameInfoTag(long? FrameCount, int EncoderDelay, int EncoderPadding, bool HasLameTag)
{
    private const int FramesFlag = 1;
    private const int BytesFlag = 2;
    private const int TocFlag = 4;
    private const int QualityFlag = 8;

    /// <summary>Reads the tag from a whole layer III frame, or returns false when the frame carries audio.</summary>
    public static bool TryRead(in MpegFrameHeader header, ReadOnlySpan<byte> frame, out LameInfoTag tag)
    {
        tag = default;
        var at = header.DataOffset + header.SideInfoLength;
        if (frame.Length < at + 8 || !(frame[at..].StartsWith("Xing"u8) || frame[at..].StartsWith("Info"u8)))
            return false;
        var flags = BinaryPrimitives.ReadInt32BigEndian(frame[(at + 4)..]);
        at += 8;
        long? frames = null;
        if ((flags & FramesFlag) != 0 && frame.Length >= at + 4)
            frames = BinaryPrimitives.ReadUInt32BigEndian(frame[at..]);
        at += ((flags & FramesFlag) != 0 ? 4 : 0) + ((flags & BytesFlag) != 0 ? 4 : 0)
            + ((flags & TocFlag) != 0 ? 100 : 0) + ((flags & QualityFlag) != 0 ? 4 : 0);
        // LAME extension: 9-byte version string, then delay and padding as two 12-bit numbers at byte 21.
        if (frame.Length >= at + 24 && frame[at..].StartsWith("LAME"u8) || frame.Length >= at + 24 && frame[at..].StartsWith("Lavc"u8))
        {
            var delay = frame[at + 21] << 4 | frame[at + 22] >> 4;
            var padding = (frame[at + 22] & 0x0F) << 8 | frame[at + 23];
            tag = new LameInfoTag(frames, delay, padding, HasLameTag: true);
        }
        else
            tag = new LameInfoTag(frames, 0, 0, HasLameTag: false);
        return true;
    }
}
