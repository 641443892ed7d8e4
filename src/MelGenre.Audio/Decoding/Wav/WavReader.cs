using System.Buffers.Binary;

namespace MelGenre.Audio.Decoding.Wav;

/// <summary>
/// Reads RIFF/WAVE and RF64 (and BW64) files: PCM unsigned 8, signed 16, 24 and 32-bit; IEEE float 32 and 64-bit;
/// <c>WAVE_FORMAT_EXTENSIBLE</c> with a PCM or IEEE-float subformat; any channel count. Samples become float32
/// exactly as libsndfile (and so <c>librosa.load</c>) makes them; see <see cref="WavSampleConversion"/>.
/// </summary>
/// <remarks>
/// <para>Tolerant where libsndfile is: chunks in any order and of any kind (odd sizes with their pad byte; a missing
/// final pad byte), <c>nBlockAlign = 0</c> (computed from channels × bytes per sample), a byte rate that disagrees,
/// a <c>data</c> chunk announcing more bytes than the file holds (the frames that are there are read, the partial
/// last frame dropped), the valid-bits field of EXTENSIBLE (samples are read at their container width).</para>
/// <para>Strict where a guess would be wrong: a nonzero block align other than channels × bytes per sample,
/// 0 channels, a sample rate of 0 or above <see cref="MaxSampleRate"/>, and widths other than the ones listed
/// throw <see cref="AudioDecodeException"/>. Float samples pass through unchanged, NaN and infinities included
/// (<see cref="AudioDecoder.Decode(string)"/> refuses those).</para>
/// <para>A <c>data</c> chunk that comes before <c>fmt </c> needs a seekable stream. Disposing the reader disposes
/// the stream. Not thread-safe.</para>
/// </remarks>
public sealed class WavReader : IAudioReader
{
    /// <summary>The highest sample rate accepted, in Hz: 768 kHz, the top rate of common audio converters.
    /// Anything above is refused as unsupported rather than fed to a resampler.</summary>
    public const int MaxSampleRate = 768_000;

    private const int StagingBytes = 1 << 16;
    private const ushort FormatPcm = 0x0001;
    private const ushort FormatIeeeFloat = 0x0003;
    private const ushort FormatExtensible = 0xFFFE;
    private const int ExtensibleFmtBytes = 40;
    private const uint SizeInDs64 = 0xFFFFFFFF;

    // The tail every KSDATAFORMAT_SUBTYPE_* GUID for a WAVE format tag shares; the tag is the GUID's first field.
    private static ReadOnlySpan<byte> SubformatGuidTail => [0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71];

    private readonly Stream _stream;
    private readonly string? _source;
    private readonly WavSampleFormat _format;
    private readonly int _frameBytes;
    private readonly byte[] _staging;
    private readonly long _declaredDataBytes;
    private long _remainingDataBytes;
    private bool _deliveredFrames;

    /// <summary>Parses the header of <paramref name="stream"/> and stops at the first sample.</summary>
    /// <param name="stream">The WAV bytes, from its first byte; owned (disposed) by the reader from now on.</param>
    /// <param name="source">The file path or stream name that errors will name.</param>
    /// <exception cref="AudioDecodeException">Not WAV, a feature outside the list above, or a broken header.</exception>
    public WavReader(Stream stream, string? source = null)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _source = source;
        _staging = new byte[StagingBytes];
        var header = ReadHeader();
        _format = header.Fmt.Format;
        SampleRate = header.Fmt.SampleRate;
        ChannelCount = header.Fmt.ChannelCount;
        _frameBytes = ChannelCount * WavSampleConversion.BytesPerSample(_format);
        if (_frameBytes > _staging.Length)
            _staging = new byte[_frameBytes];
        _declaredDataBytes = header.DataBytes;
        _remainingDataBytes = header.DataBytes;
        var available = stream.CanSeek ? Math.Min(header.DataBytes, Math.Max(0, stream.Length - stream.Position)) : header.DataBytes;
        FrameCountHint = available / _frameBytes;
    }

    /// <inheritdoc/>
    public int SampleRate { get; }

    /// <inheritdoc/>
    public int ChannelCount { get; }

    /// <summary>Whole frames in the <c>data</c> chunk; on a seekable stream, limited to the bytes actually present.</summary>
    public long? FrameCountHint { get; }

    /// <inheritdoc/>
    /// <exception cref="ArgumentException"><paramref name="buffer"/> cannot hold one frame.</exception>
    /// <exception cref="AudioDecodeException">The <c>data</c> chunk announces samples but the file holds no whole
    /// frame (<see cref="AudioErrorKind.Truncated"/>), or the stream fails (<see cref="AudioErrorKind.Unreadable"/>).</exception>
    public int Read(Span<float> buffer)
    {
        if (buffer.Length < ChannelCount)
            throw new ArgumentException($"The buffer holds {buffer.Length} samples, less than one {ChannelCount}-channel frame.", nameof(buffer));
        var framesWanted = (int)Math.Min(buffer.Length / ChannelCount, _remainingDataBytes / _frameBytes);
        var written = 0;
        while (framesWanted > 0)
        {
            var bytesWanted = Math.Min(framesWanted, _staging.Length / _frameBytes) * _frameBytes;
            var bytesRead = ReadUpTo(_staging.AsSpan(0, bytesWanted));
            var frames = bytesRead / _frameBytes;
            var samples = frames * ChannelCount;
            WavSampleConversion.ToFloat(_format, _staging.AsSpan(0, frames * _frameBytes), buffer.Slice(written, samples));
            written += samples;
            framesWanted -= frames;
            _remainingDataBytes -= bytesRead;
            if (bytesRead < bytesWanted)
            {
                // The file ends before the data chunk says it does: keep what is there, as libsndfile does.
                _remainingDataBytes = 0;
                break;
            }
        }
        if (written == 0 && !_deliveredFrames && _declaredDataBytes >= _frameBytes)
            throw Error(AudioErrorKind.Truncated, $"the 'data' chunk announces {_declaredDataBytes} bytes but the file ends before one whole {_frameBytes}-byte frame");
        _deliveredFrames |= written > 0;
        return written;
    }

    /// <summary>Disposes the stream.</summary>
    public void Dispose() => _stream.Dispose();

    /// <summary>True when <paramref name="header"/> (the first bytes of an input) starts a RIFF/RF64/BW64 WAVE file,
    /// or a file too short to tell, which the reader will then report as truncated.</summary>
    internal static bool IsWav(ReadOnlySpan<byte> header) =>
        header.Length >= 4 && IsRiffId(header[..4]) && (header.Length < 12 || header.Slice(8, 4).SequenceEqual("WAVE"u8));

    private static bool IsRiffId(ReadOnlySpan<byte> id) => id.SequenceEqual("RIFF"u8) || id.SequenceEqual("RF64"u8) || id.SequenceEqual("BW64"u8);

    /// <summary>What the <c>fmt </c> chunk says, once checked.</summary>
    private readonly record struct WavFmt(WavSampleFormat Format, int SampleRate, int ChannelCount);

    /// <summary>The facts the chunk walk gathers; <see cref="DataBytes"/> is the header's word, not yet checked against the file.</summary>
    private readonly record struct WavHeader(WavFmt Fmt, long DataBytes);

    private WavHeader ReadHeader()
    {
        Span<byte> riff = stackalloc byte[12];
        var got = ReadUpTo(riff);
        if (got == 0)
            throw Error(AudioErrorKind.Empty, "the file is empty (0 bytes)");
        if ((got >= 4 && !IsRiffId(riff[..4])) || (got == 12 && !riff[8..].SequenceEqual("WAVE"u8)))
            throw Error(AudioErrorKind.UnknownFormat, "not a RIFF/RF64 WAVE file");
        if (got < 12)
            throw Error(AudioErrorKind.Truncated, $"the file ends inside the 12-byte RIFF header, after {got} bytes");
        var isRf64 = !riff[..4].SequenceEqual("RIFF"u8);
        // The length the RIFF header promises (0 or 0xFFFFFFFF: a streaming writer that never came back to fill it in).
        var riffSize = BinaryPrimitives.ReadUInt32LittleEndian(riff[4..]);
        long? announcedEnd = isRf64 || riffSize is 0 or uint.MaxValue ? null : 8L + riffSize;
        long? ds64DataBytes = null;
        WavFmt? fmt = null;
        long dataBytes = -1;
        long dataStart = -1;
        long position = 12;

        Span<byte> chunkHeader = stackalloc byte[8];
        Span<byte> body = stackalloc byte[ExtensibleFmtBytes];
        while (true)
        {
            got = ReadUpTo(chunkHeader);
            if (got == 0)
                break;
            if (got < 8)
                throw Error(AudioErrorKind.Truncated, $"the file ends inside a chunk header at byte {position + got}");
            position += 8;
            var id = chunkHeader[..4];
            long size = BinaryPrimitives.ReadUInt32LittleEndian(chunkHeader[4..]);
            var padded = Padded(size);
            if (id.SequenceEqual("ds64"u8) && isRf64)
            {
                if (size < 28)
                    throw Error(AudioErrorKind.Corrupt, $"the 'ds64' chunk is {size} bytes, fewer than the 28 it needs");
                ReadChunkBody(body[..28], "ds64");
                var riff64 = ClampToLong(BinaryPrimitives.ReadUInt64LittleEndian(body));
                announcedEnd = riff64 > long.MaxValue - 8 ? long.MaxValue : riff64 + 8;
                ds64DataBytes = ClampToLong(BinaryPrimitives.ReadUInt64LittleEndian(body[8..]));
                position += Skip(padded - 28) + 28;
            }
            else if (id.SequenceEqual("fmt "u8) && fmt is null)
            {
                if (size < 16)
                    throw Error(AudioErrorKind.Corrupt, $"the 'fmt ' chunk is {size} bytes, fewer than the 16 it needs");
                var kept = (int)Math.Min(size, ExtensibleFmtBytes);
                ReadChunkBody(body[..kept], "fmt ");
                fmt = ParseFmt(body[..kept]);
                position += Skip(padded - kept) + kept;
                if (dataStart >= 0)
                    break;
            }
            else if (id.SequenceEqual("data"u8))
            {
                dataBytes = isRf64 && size == SizeInDs64
                    ? ds64DataBytes ?? throw Error(AudioErrorKind.Corrupt, "the 'data' chunk defers its size to a 'ds64' chunk that is not there")
                    : size;
                if (fmt is not null)
                    return new WavHeader(fmt.Value, dataBytes);
                if (!_stream.CanSeek)
                    throw Error(AudioErrorKind.Unsupported, "the 'data' chunk comes before the 'fmt ' chunk, which needs a seekable input");
                dataStart = _stream.Position;
                position += Skip(Padded(dataBytes));
            }
            else
            {
                position += Skip(padded);
            }
        }

        if (fmt is null)
            throw MissingChunk("fmt ", position, announcedEnd);
        if (dataStart < 0)
            throw MissingChunk("data", position, announcedEnd);
        Seek(dataStart);
        return new WavHeader(fmt.Value, dataBytes);
    }

    private WavFmt ParseFmt(ReadOnlySpan<byte> fmt)
    {
        var tag = BinaryPrimitives.ReadUInt16LittleEndian(fmt);
        int channels = BinaryPrimitives.ReadUInt16LittleEndian(fmt[2..]);
        var sampleRate = BinaryPrimitives.ReadUInt32LittleEndian(fmt[4..]);
        int blockAlign = BinaryPrimitives.ReadUInt16LittleEndian(fmt[12..]);
        int bits = BinaryPrimitives.ReadUInt16LittleEndian(fmt[14..]);

        if (tag == FormatExtensible)
        {
            if (fmt.Length < ExtensibleFmtBytes || BinaryPrimitives.ReadUInt16LittleEndian(fmt[16..]) < 22)
                throw Error(AudioErrorKind.Corrupt, $"a WAVE_FORMAT_EXTENSIBLE 'fmt ' chunk of {fmt.Length} bytes lacks its 22-byte extension");
            var subformat = fmt[24..40];
            var subtag = BinaryPrimitives.ReadUInt32LittleEndian(subformat);
            if (!subformat[4..].SequenceEqual(SubformatGuidTail) || subtag is not (FormatPcm or FormatIeeeFloat))
                throw Error(AudioErrorKind.Unsupported, $"WAVE_FORMAT_EXTENSIBLE subformat {new Guid(subformat)} is neither PCM nor IEEE float");
            tag = (ushort)subtag;
        }

        var format = (tag, bits) switch
        {
            (FormatPcm, 8) => WavSampleFormat.UInt8,
            (FormatPcm, 16) => WavSampleFormat.Int16,
            (FormatPcm, 24) => WavSampleFormat.Int24,
            (FormatPcm, 32) => WavSampleFormat.Int32,
            (FormatPcm, _) => throw Error(AudioErrorKind.Unsupported, $"{bits}-bit PCM is not decoded (8, 16, 24 and 32-bit are)"),
            (FormatIeeeFloat, 32) => WavSampleFormat.Float32,
            (FormatIeeeFloat, 64) => WavSampleFormat.Float64,
            (FormatIeeeFloat, _) => throw Error(AudioErrorKind.Unsupported, $"{bits}-bit IEEE float is not decoded (32 and 64-bit are)"),
            _ => throw Error(AudioErrorKind.Unsupported, $"WAV format tag 0x{tag:X4}{FormatTagName(tag)} is not decoded (PCM and IEEE float are)"),
        };
        if (channels == 0)
            throw Error(AudioErrorKind.Corrupt, "the 'fmt ' chunk declares 0 channels");
        if (sampleRate == 0)
            throw Error(AudioErrorKind.Corrupt, "the 'fmt ' chunk declares a sample rate of 0 Hz");
        if (sampleRate > MaxSampleRate)
            throw Error(AudioErrorKind.Unsupported, $"a sample rate of {sampleRate} Hz is above the {MaxSampleRate} Hz this decoder accepts");
        var frameBytes = channels * WavSampleConversion.BytesPerSample(format);
        // 0 is read as "not filled in", as libsndfile does; any other disagreement leaves the frame layout unknown.
        if (blockAlign != 0 && blockAlign != frameBytes)
            throw Error(AudioErrorKind.Corrupt, $"block align {blockAlign} contradicts {channels} channel(s) of {bits}-bit samples ({frameBytes} bytes a frame)");
        return new WavFmt(format, (int)sampleRate, channels);
    }

    private static string FormatTagName(ushort tag) => tag switch
    {
        0x0002 => " (MS ADPCM)",
        0x0006 => " (A-law)",
        0x0007 => " (µ-law)",
        0x0011 => " (IMA ADPCM)",
        0x0031 => " (GSM 6.10)",
        0x0055 => " (MP3)",
        _ => "",
    };

    private AudioDecodeException MissingChunk(string id, long position, long? announcedEnd) =>
        announcedEnd > position
            ? Error(AudioErrorKind.Truncated, $"the file ends at byte {position} without a '{id}' chunk; its header announces {announcedEnd} bytes")
            : Error(AudioErrorKind.Corrupt, $"the file has no '{id}' chunk");

    private void ReadChunkBody(Span<byte> body, string id)
    {
        if (ReadUpTo(body) < body.Length)
            throw Error(AudioErrorKind.Truncated, $"the file ends inside the '{id}' chunk");
    }

    /// <summary>Moves past <paramref name="count"/> bytes (seeking when possible) and returns how many the file still had.</summary>
    private long Skip(long count)
    {
        try
        {
            if (_stream.CanSeek)
            {
                var left = Math.Max(0, _stream.Length - _stream.Position);
                _stream.Seek(Math.Min(count, left), SeekOrigin.Current);
                return Math.Min(count, left);
            }
            var skipped = 0L;
            while (skipped < count)
            {
                var got = _stream.Read(_staging, 0, (int)Math.Min(_staging.Length, count - skipped));
                if (got == 0)
                    break;
                skipped += got;
            }
            return skipped;
        }
        catch (IOException e)
        {
            throw StreamFailed(e);
        }
    }

    private void Seek(long position)
    {
        try
        {
            _stream.Seek(position, SeekOrigin.Begin);
        }
        catch (IOException e)
        {
            throw StreamFailed(e);
        }
    }

    /// <summary>Fills <paramref name="buffer"/> unless the stream ends first; returns the bytes read.</summary>
    private int ReadUpTo(Span<byte> buffer)
    {
        try
        {
            return _stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        }
        catch (IOException e)
        {
            throw StreamFailed(e);
        }
    }

    /// <summary>A chunk's size with its pad byte (chunks start on even offsets), saturating at <see cref="long.MaxValue"/>.</summary>
    private static long Padded(long size) => size == long.MaxValue ? size : size + (size & 1);

    private AudioDecodeException StreamFailed(IOException e) => e is EndOfStreamException
        ? Error(AudioErrorKind.Truncated, "the file ends unexpectedly", e)
        : Error(AudioErrorKind.Unreadable, $"reading failed: {e.Message}", e);

    private static long ClampToLong(ulong value) => value > long.MaxValue ? long.MaxValue : (long)value;

    private AudioDecodeException Error(AudioErrorKind kind, string reason, Exception? inner = null) => new(kind, reason, _source, inner);
}
