using System.Buffers.Binary;
using NVorbis;

namespace MelGenre.Audio.Decoding.Ogg;

/// <summary>
/// Reads Ogg Vorbis (<c>.ogg</c>) with NVorbis, at the file's own rate and channel count. Samples are not
/// clipped to [−1, 1] (libvorbis, and so librosa, leave overshoots of lossy coding as they are). Only the
/// first logical stream of a chained file is read. A file cut mid-stream yields the audio before the cut.
/// </summary>
/// <remarks>The reader owns <c>stream</c> and disposes it. A stream that cannot seek is first read into memory: the
/// whole stream is scanned once before NVorbis reads it (headers, page CRCs and granule positions, which NVorbis
/// 0.10.5 would follow into endless loops), so a page that fails its CRC or junk between pages is refused as
/// corrupt rather than skipped.</remarks>
public sealed class OggVorbisReader : IAudioReader
{
    private readonly Stream _stream;
    private readonly string? _source;
    private readonly VorbisReader _vorbis;

    /// <summary>Reads the Vorbis headers from <paramref name="stream"/>.</summary>
    /// <param name="stream">The Ogg Vorbis bytes, from their first page.</param>
    /// <param name="source">The file path or stream name that errors mention; may be null.</param>
    /// <exception cref="AudioDecodeException">Not Ogg Vorbis, or its headers are cut short or malformed.</exception>
    public OggVorbisReader(Stream stream, string? source)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _source = source;
        // The headers are checked before NVorbis reads the file, so they are read twice.
        stream = SeekableStreams.Ensure(stream);
        _stream = stream;
        CheckHeaders(stream, source);
        try
        {
            // The guard turns NVorbis's endless re-reading of a corrupt stream's end into an error.
            _vorbis = new VorbisReader(new EmptyReadLimitStream(stream, source), closeOnDispose: false) { ClipSamples = false };
            SampleRate = _vorbis.SampleRate;
            ChannelCount = _vorbis.Channels;
        }
        catch (Exception e) when (e is not AudioDecodeException)
        {
            throw Wrap("the Vorbis headers cannot be read", e);
        }
        if (SampleRate <= 0 || ChannelCount <= 0)
        {
            _vorbis.Dispose();
            throw new AudioDecodeException(AudioErrorKind.Corrupt, $"the Vorbis header announces {SampleRate} Hz and {ChannelCount} channels", source);
        }
    }

    /// <inheritdoc />
    public int SampleRate { get; }

    /// <inheritdoc />
    public int ChannelCount { get; }

    /// <summary>Always null: the length is only known at the last page.</summary>
    public long? FrameCountHint => null;

    /// <summary>Whether <paramref name="header"/> (the file's first bytes) is an Ogg stream whose first packet is a Vorbis identification header.</summary>
    public static bool IsMatch(ReadOnlySpan<byte> header) => OggPacketReader.Identify(header) == OggCodec.Vorbis;

    /// <inheritdoc />
    public int Read(Span<float> buffer)
    {
        var wholeFrames = buffer.Length - buffer.Length % ChannelCount;
        if (wholeFrames == 0 && buffer.Length > 0)
            throw new ArgumentException($"The buffer holds fewer samples than one {ChannelCount}-channel frame.", nameof(buffer));
        try
        {
            return _vorbis.ReadSamples(buffer[..wholeFrames]);
        }
        catch (Exception e) when (e is not AudioDecodeException)
        {
            throw Wrap($"the Vorbis stream cannot be decoded past sample {_vorbis.SamplePosition}", e);
        }
    }

    /// <summary>Disposes the decoder and the stream.</summary>
    public void Dispose()
    {
        _vorbis.Dispose();
        _stream.Dispose();
    }

    /// <summary>
    /// Reads the stream's pages once before NVorbis does, checking what NVorbis 0.10.5 would read without bounds:
    /// the comment header (<see cref="CheckCommentHeader"/>), the setup header's codebooks
    /// (<see cref="VorbisCodebookCheck"/>) and the audio pages' granule positions (<see cref="GranuleCheck"/>).
    /// The stream is left where it was; a file too short to hold the headers is left for NVorbis to report.
    /// </summary>
    private static void CheckHeaders(Stream stream, string? source)
    {
        var start = stream.Position;
        try
        {
            var ogg = new OggPacketReader(stream, source);
            if (!ogg.TryReadPacket(OggPacketReader.MaxPageSize, keep: true, out var identification) || identification.Data.Length < 29)
                return;
            var blockSizes = identification.Data.Span[28];
            var granules = new GranuleCheck(shortBlock: 1 << (blockSizes & 0xF), longBlock: 1 << (blockSizes >> 4), source);
            if (!ogg.TryReadPacket(int.MaxValue, keep: true, out var comments))
                return;
            CheckCommentHeader(comments.Data.Span, source);
            if (!ogg.TryReadPacket(int.MaxValue, keep: true, out var setup))
                return;
            VorbisCodebookCheck.Check(setup.Data.Span, source);
            while (ogg.TryReadPacket(int.MaxValue, keep: false, out var audio))
                granules.Add(audio);
        }
        finally
        {
            stream.Position = start;
        }
    }

    /// <summary>
    /// Refuses a comment header whose vendor string, comment count or comment lengths need more bytes than its
    /// packet holds (Vorbis I §5.2.1). NVorbis 0.10.5 allocates what these fields announce before checking: a count
    /// of 2³¹ comments costs it a 16 GB array and two billion reads of an empty packet.
    /// </summary>
    private static void CheckCommentHeader(ReadOnlySpan<byte> rest, string? source)
    {
        if (rest.Length < 7 || !rest[..7].SequenceEqual("\x03vorbis"u8))
            return; // not a comment header: NVorbis says so
        rest = rest[7..];
        if (!TrySkipString(ref rest))
            throw CommentHeaderCorrupt("its vendor string", source);
        if (rest.Length < 4)
            throw CommentHeaderCorrupt("its comment count", source);
        var count = BinaryPrimitives.ReadUInt32LittleEndian(rest);
        rest = rest[4..];
        if (count > (uint)rest.Length / 4)
            throw CommentHeaderCorrupt($"{count} comments", source);
        for (var i = 0u; i < count; i++)
        {
            if (!TrySkipString(ref rest))
                throw CommentHeaderCorrupt($"comment {i}", source);
        }
    }

    /// <summary>Steps over a length-prefixed string; false when the packet ends first.</summary>
    private static bool TrySkipString(ref ReadOnlySpan<byte> rest)
    {
        if (rest.Length < 4 || BinaryPrimitives.ReadUInt32LittleEndian(rest) > (uint)rest.Length - 4)
            return false;
        rest = rest[(4 + (int)BinaryPrimitives.ReadUInt32LittleEndian(rest))..];
        return true;
    }

    private static AudioDecodeException CommentHeaderCorrupt(string what, string? source) =>
        new(AudioErrorKind.Corrupt, $"the Vorbis comment header announces {what}, more than its packet holds", source);

    /// <summary>
    /// Refuses audio pages whose granule positions NVorbis 0.10.5 cannot follow. At the end-of-stream page it trims
    /// the last packet to the granule position, counting from the first audio page's granule (from 0 when that page
    /// ends the stream); a position below the samples decoded before the last packet, or so far above them that
    /// the difference wraps an <c>int</c>, gives the packet a negative length and <c>ReadSamples</c> spins. Every
    /// packet adds at least half a short block and at most half a long block of samples (the stream's first adds
    /// none), so an end-of-stream position outside those bounds cannot come from a valid stream; inside them a
    /// stream of long blocks can still trip NVorbis (exact counts need the setup header's modes). Positions never
    /// decrease in a valid stream; −1 (no packet ends on the page) is skipped.
    /// </summary>
    private sealed class GranuleCheck(int shortBlock, int longBlock, string? source)
    {
        private long _packets;
        private long _anchor = -1;
        private long _anchorPackets;
        private long _previous = -1;
        private long _packetsSincePrevious;

        /// <summary>Takes the next audio packet, in stream order.</summary>
        public void Add(OggPacket packet)
        {
            _packets++;
            _packetsSincePrevious++;
            var granule = packet.Granule;
            if (granule < 0)
                return;
            if (granule < _previous)
                throw Corrupt($"the granule position falls from {_previous} to {granule} at audio packet {_packets}");
            if (packet.EndsStream)
            {
                // The last packet may be trimmed to nothing, so it is left out of the least.
                var least = _anchor >= 0
                    ? _anchor + (_packets - _anchorPackets - 1) * (shortBlock / 2)
                    : Math.Max(0, _packets - 2) * (shortBlock / 2);
                var most = Math.Max(0, _previous) + _packetsSincePrevious * (longBlock / 2);
                if (granule < least || granule > most)
                    throw Corrupt($"the end-of-stream granule position {granule} is outside the {least}..{most} samples its packets can hold");
            }
            if (_anchor < 0)
            {
                _anchor = granule;
                _anchorPackets = _packets;
            }
            _previous = granule;
            _packetsSincePrevious = 0;
        }

        private AudioDecodeException Corrupt(string reason) => new(AudioErrorKind.Corrupt, reason, source);
    }

    /// <summary>NVorbis's exceptions say little about the cause; a stream read to its end means it was cut short.</summary>
    private AudioDecodeException Wrap(string what, Exception e)
    {
        var atEnd = _stream.CanSeek && _stream.Position >= _stream.Length;
        return new AudioDecodeException(
            atEnd ? AudioErrorKind.Truncated : AudioErrorKind.Corrupt,
            $"{what}{(atEnd ? " (the file ends too soon)" : "")}: {e.Message}",
            _source,
            e);
    }
}
