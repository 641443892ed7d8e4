using System.Buffers.Binary;

namespace MelGenre.Audio.Decoding.Flac;

/// <summary>
/// Reads what precedes the first frame: an optional ID3v2 tag, the <c>fLaC</c> marker and the metadata
/// blocks. STREAMINFO is parsed; every other block (PADDING, APPLICATION, SEEKTABLE, VORBIS_COMMENT,
/// CUESHEET, PICTURE) is skipped without being held in memory.
/// </summary>
internal static class FlacMetadataReader
{
    private const int StreamInfoType = 0;
    private const int InvalidBlockType = 127;
    private const int StreamInfoLength = 34;
    private const int Id3HeaderLength = 10;

    /// <summary>Whether <paramref name="header"/> starts like a FLAC stream (see <see cref="FlacReader.IsMatch"/>).</summary>
    public static bool IsMatch(ReadOnlySpan<byte> header)
    {
        if (header.Length >= Id3HeaderLength && TryGetId3Length(header, out var id3Length))
            header = id3Length <= header.Length ? header[id3Length..] : [];
        return header.StartsWith("fLaC"u8);
    }

    /// <summary>
    /// Reads up to the first frame and returns STREAMINFO; the stream is left at the first frame, and
    /// <paramref name="bytesRead"/> tells how far that is from where it started.
    /// </summary>
    /// <exception cref="AudioDecodeException">Empty, not FLAC, truncated or contradictory metadata.</exception>
    public static FlacStreamInfo Read(Stream stream, string? source, out long bytesRead)
    {
        Span<byte> header = stackalloc byte[Id3HeaderLength];
        var got = stream.ReadAtLeast(header[..4], 4, throwOnEndOfStream: false);
        bytesRead = got;
        if (got == 0)
            throw new AudioDecodeException(AudioErrorKind.Empty, "the file holds no bytes", source);
        if (got == 4 && header.StartsWith("ID3"u8))
        {
            ReadExactly(stream, header[4..], source, "the ID3v2 tag header", ref bytesRead);
            if (!TryGetId3Length(header, out var id3Length))
                throw new AudioDecodeException(AudioErrorKind.Corrupt, "the ID3v2 tag size is not synchsafe", source);
            Skip(stream, id3Length - Id3HeaderLength, source, "the ID3v2 tag", ref bytesRead);
            got = stream.ReadAtLeast(header[..4], 4, throwOnEndOfStream: false);
            bytesRead += got;
        }
        if (got < 4 || !header.StartsWith("fLaC"u8))
            throw new AudioDecodeException(AudioErrorKind.UnknownFormat, "no 'fLaC' marker: not a FLAC stream", source);

        FlacStreamInfo? info = null;
        Span<byte> blockHeader = stackalloc byte[4];
        Span<byte> body = stackalloc byte[StreamInfoLength];
        for (var isLast = false; !isLast;)
        {
            ReadExactly(stream, blockHeader, source, "a metadata block header", ref bytesRead);
            isLast = (blockHeader[0] & 0x80) != 0;
            var type = blockHeader[0] & 0x7F;
            var length = (blockHeader[1] << 16) | (blockHeader[2] << 8) | blockHeader[3];
            if (info is null && type != StreamInfoType)
                throw new AudioDecodeException(AudioErrorKind.Corrupt, $"the first metadata block has type {type}, not STREAMINFO", source);
            if (type == InvalidBlockType)
                throw new AudioDecodeException(AudioErrorKind.Corrupt, "a metadata block has the invalid type 127", source);
            if (type == StreamInfoType)
            {
                if (info is not null)
                    throw new AudioDecodeException(AudioErrorKind.Corrupt, "the stream has a second STREAMINFO block", source);
                if (length != StreamInfoLength)
                    throw new AudioDecodeException(AudioErrorKind.Corrupt, $"STREAMINFO is {length} bytes long, not {StreamInfoLength}", source);
                ReadExactly(stream, body, source, "the STREAMINFO block", ref bytesRead);
                info = ParseStreamInfo(body, source);
            }
            else
            {
                // The 24-bit length caps a block at 16 MiB; it is skipped, never allocated.
                Skip(stream, length, source, $"a metadata block of type {type}", ref bytesRead);
            }
        }
        return info!;
    }

    private static FlacStreamInfo ParseStreamInfo(ReadOnlySpan<byte> body, string? source)
    {
        var minBlock = BinaryPrimitives.ReadUInt16BigEndian(body);
        var maxBlock = BinaryPrimitives.ReadUInt16BigEndian(body[2..]);
        var minFrame = (body[4] << 16) | (body[5] << 8) | body[6];
        var maxFrame = (body[7] << 16) | (body[8] << 8) | body[9];
        var packed = BinaryPrimitives.ReadUInt64BigEndian(body[10..]);
        var sampleRate = (int)(packed >> 44);
        var channels = (int)((packed >> 41) & 0x7) + 1;
        var bitsPerSample = (int)((packed >> 36) & 0x1F) + 1;
        var totalFrames = (long)(packed & 0xF_FFFF_FFFF);

        if (maxBlock < 16 || minBlock > maxBlock)
            throw new AudioDecodeException(AudioErrorKind.Corrupt, $"STREAMINFO block sizes {minBlock}–{maxBlock} are invalid (at least 16, min ≤ max)", source);
        if (sampleRate == 0)
            throw new AudioDecodeException(AudioErrorKind.Corrupt, "STREAMINFO gives a sample rate of 0 Hz", source);
        if (bitsPerSample < 4)
            throw new AudioDecodeException(AudioErrorKind.Corrupt, $"STREAMINFO gives {bitsPerSample} bits per sample (FLAC allows 4–32)", source);
        return new FlacStreamInfo(minBlock, maxBlock, minFrame, maxFrame, sampleRate, channels, bitsPerSample, totalFrames);
    }

    /// <summary>The whole length (header, body, footer) of an ID3v2 tag at the start of <paramref name="header"/>.</summary>
    private static bool TryGetId3Length(ReadOnlySpan<byte> header, out int length)
    {
        length = 0;
        if (!header.StartsWith("ID3"u8) || ((header[6] | header[7] | header[8] | header[9]) & 0x80) != 0)
            return false;
        // A synchsafe size: four 7-bit groups.
        var size = (header[6] << 21) | (header[7] << 14) | (header[8] << 7) | header[9];
        var hasFooter = (header[5] & 0x10) != 0;
        length = Id3HeaderLength + size + (hasFooter ? Id3HeaderLength : 0);
        return true;
    }

    private static void ReadExactly(Stream stream, Span<byte> buffer, string? source, string what, ref long bytesRead)
    {
        bytesRead += buffer.Length;
        if (stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false) < buffer.Length)
            throw new AudioDecodeException(AudioErrorKind.Truncated, $"the stream ends inside {what}", source);
    }

    private static void Skip(Stream stream, int count, string? source, string what, ref long bytesRead)
    {
        bytesRead += count;
        if (stream.CanSeek)
        {
            if (stream.Length - stream.Position < count)
                throw new AudioDecodeException(AudioErrorKind.Truncated, $"the stream ends inside {what}", source);
            stream.Seek(count, SeekOrigin.Current);
            return;
        }
        Span<byte> scratch = stackalloc byte[4096];
        while (count > 0)
        {
            var read = stream.Read(scratch[..Math.Min(count, scratch.Length)]);
            if (read == 0)
                throw new AudioDecodeException(AudioErrorKind.Truncated, $"the stream ends inside {what}", source);
            count -= read;
        }
    }
}
