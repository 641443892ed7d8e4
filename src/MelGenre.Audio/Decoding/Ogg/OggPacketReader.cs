using System.Buffers.Binary;

namespace MelGenre.Audio.Decoding.Ogg;

/// <summary>The codec of an Ogg file's first logical stream, told by its first packet's magic.</summary>
internal enum OggCodec
{
    /// <summary>Not an Ogg file (no first page with the <c>OggS</c> capture pattern and the begin-of-stream flag).</summary>
    NotOgg,
    /// <summary>First packet starts with <c>\x01vorbis</c>.</summary>
    Vorbis,
    /// <summary>First packet starts with <c>OpusHead</c>.</summary>
    Opus,
    /// <summary>Ogg holding another codec (FLAC, Speex, Theora…), or a first page too short to tell.</summary>
    Other,
}

/// <summary>One packet of the first logical stream of an Ogg file.</summary>
/// <param name="Data">The packet's bytes; valid until the next read.</param>
/// <param name="Granule">
/// The granule position of the page the packet ends on, when it is the last packet completed on that page;
/// otherwise −1 (RFC 3533: a page's granule belongs to its last completed packet).
/// </param>
/// <param name="EndsStream">The packet is the last one of the logical stream (its page has the end-of-stream flag).</param>
internal readonly record struct OggPacket(ReadOnlyMemory<byte> Data, long Granule, bool EndsStream);

/// <summary>
/// Reads the packets of the first logical stream of an Ogg file (RFC 3533), checking every page's CRC and
/// sequence number. Pages of other multiplexed streams are skipped; reading stops at the end-of-stream page
/// (chained streams after it are not read). A file that stops inside a page ends the packets there (a truncated
/// file yields what it holds); anything that contradicts the format throws <see cref="AudioDecodeException"/>.
/// </summary>
internal sealed class OggPacketReader
{
    /// <summary>The longest possible page: a 27-byte header, 255 lacing values and 255 × 255 body bytes.</summary>
    public const int MaxPageSize = HeaderSize + 255 + 255 * 255;

    private const int HeaderSize = 27;
    private const byte ContinuedFlag = 0x01;
    private const byte BeginOfStreamFlag = 0x02;
    private const byte EndOfStreamFlag = 0x04;
    private static readonly uint[] CrcTable = BuildCrcTable();

    private readonly Stream _stream;
    private readonly string? _source;
    private readonly byte[] _page = new byte[MaxPageSize];
    private byte[] _packet = new byte[4096];
    private int _packetLength;
    private long _position;
    private long _pageStart;
    private int _serial;
    private long _pagesRead;
    private uint _expectedSequence;
    private int _segmentCount;
    private int _segmentIndex;
    private int _bodyOffset;
    private long _pageGranule;
    private bool _pageEndsStream;
    private bool _finished;

    /// <summary>Reads from <paramref name="stream"/>'s current position; <paramref name="source"/> names it in errors.</summary>
    public OggPacketReader(Stream stream, string? source)
    {
        _stream = stream;
        _source = source;
    }

    /// <summary>
    /// Which codec the first page announces. Needs the first page's header, lacing values and the first
    /// 8 bytes of its body (36 bytes for the usual one-segment page).
    /// </summary>
    public static OggCodec Identify(ReadOnlySpan<byte> header)
    {
        if (header.Length < HeaderSize || !header.StartsWith("OggS"u8) || header[4] != 0 || (header[5] & BeginOfStreamFlag) == 0)
            return OggCodec.NotOgg;
        var body = HeaderSize + header[26];
        if (header.Length < body + 8)
            return OggCodec.Other;
        var first = header[body..];
        if (first.StartsWith("\x01vorbis"u8))
            return OggCodec.Vorbis;
        return first.StartsWith("OpusHead"u8) ? OggCodec.Opus : OggCodec.Other;
    }

    /// <summary>
    /// The next packet, or false at the end of the stream. A packet longer than <paramref name="maxLength"/>
    /// bytes is corrupt for the caller's codec; <paramref name="keep"/> false skips a packet without holding
    /// it (for comment headers that may carry cover art), and returns empty data.
    /// </summary>
    public bool TryReadPacket(int maxLength, bool keep, out OggPacket packet)
    {
        packet = default;
        _packetLength = 0;
        while (true)
        {
            if (_segmentIndex >= _segmentCount)
            {
                // At the end of the file, a packet whose last page is lost is dropped.
                if (_finished || !TryReadPage())
                    return false;
            }
            int lacing = _page[HeaderSize + _segmentIndex];
            _segmentIndex++;
            if (_packetLength + lacing > maxLength)
                throw Corrupt($"packet longer than {maxLength} bytes (page at byte {_pageStart})");
            if (keep)
            {
                EnsurePacketCapacity(_packetLength + lacing);
                _page.AsSpan(_bodyOffset, lacing).CopyTo(_packet.AsSpan(_packetLength));
            }
            _packetLength += lacing;
            _bodyOffset += lacing;
            if (lacing == 255)
                continue;
            var lastOnPage = !HasLaterPacketEnd();
            packet = new OggPacket(
                keep ? _packet.AsMemory(0, _packetLength) : ReadOnlyMemory<byte>.Empty,
                lastOnPage ? _pageGranule : -1,
                lastOnPage && _pageEndsStream);
            if (packet.EndsStream)
                _finished = true;
            return true;
        }
    }

    private bool HasLaterPacketEnd()
    {
        for (var i = _segmentIndex; i < _segmentCount; i++)
            if (_page[HeaderSize + i] < 255)
                return true;
        return false;
    }

    /// <summary>Loads the next page of our stream; false at a clean or truncated end of file.</summary>
    private bool TryReadPage()
    {
        while (true)
        {
            _pageStart = _position;
            var header = _page.AsSpan(0, HeaderSize);
            var got = ReadFully(header);
            if (got == 0)
                return false;
            if (got < HeaderSize)
                return Truncate();
            if (!header.StartsWith("OggS"u8))
                throw Corrupt($"no Ogg page where one should start (byte {_pageStart})");
            if (header[4] != 0)
                throw Corrupt($"Ogg page version {header[4]} at byte {_pageStart} (only version 0 exists)");
            var segmentCount = header[26];
            var lacing = _page.AsSpan(HeaderSize, segmentCount);
            if (ReadFully(lacing) < segmentCount)
                return Truncate();
            var bodyLength = 0;
            foreach (var value in lacing)
                bodyLength += value;
            var pageLength = HeaderSize + segmentCount + bodyLength;
            if (ReadFully(_page.AsSpan(HeaderSize + segmentCount, bodyLength)) < bodyLength)
                return Truncate();
            var page = _page.AsSpan(0, pageLength);
            var storedCrc = BinaryPrimitives.ReadUInt32LittleEndian(page[22..]);
            if (Crc(page) != storedCrc)
                throw Corrupt($"Ogg page at byte {_pageStart} fails its CRC check");

            var flags = header[5];
            var serial = BinaryPrimitives.ReadInt32LittleEndian(header[14..]);
            var sequence = BinaryPrimitives.ReadUInt32LittleEndian(header[18..]);
            var first = _pagesRead == 0;
            _pagesRead++;
            _bodyOffset = HeaderSize + segmentCount;
            if (first)
            {
                if ((flags & BeginOfStreamFlag) == 0)
                    throw Corrupt("the first Ogg page does not begin a stream");
                _serial = serial;
            }
            else if (serial != _serial)
            {
                continue; // a page of another multiplexed stream
            }
            if (sequence != _expectedSequence)
                throw Corrupt($"Ogg page {_expectedSequence} is missing (found page {sequence} at byte {_pageStart})");
            _expectedSequence = sequence + 1;
            if ((flags & ContinuedFlag) == 0 && _packetLength > 0)
                throw Corrupt($"a packet is cut short at the Ogg page at byte {_pageStart}");
            if ((flags & ContinuedFlag) != 0 && _packetLength == 0 && !first)
                throw Corrupt($"the Ogg page at byte {_pageStart} continues a packet that never started");
            _segmentCount = segmentCount;
            _segmentIndex = 0;
            _pageGranule = BinaryPrimitives.ReadInt64LittleEndian(header[6..]);
            _pageEndsStream = (flags & EndOfStreamFlag) != 0;
            return true;
        }
    }

    /// <summary>The file stops inside a page: the packets before it stand, the rest is lost.</summary>
    private bool Truncate()
    {
        _finished = true;
        return false;
    }

    private int ReadFully(Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = _stream.Read(buffer[total..]);
            if (read == 0)
                break;
            total += read;
            _position += read;
        }
        return total;
    }

    private void EnsurePacketCapacity(int length)
    {
        if (length > _packet.Length)
            Array.Resize(ref _packet, Math.Max(length, _packet.Length * 2));
    }

    private AudioDecodeException Corrupt(string reason) => new(AudioErrorKind.Corrupt, reason, _source);

    /// <summary>The Ogg CRC-32 (polynomial 0x04C11DB7, not reflected, initial 0) of a page with its CRC field taken as zero.</summary>
    internal static uint Crc(ReadOnlySpan<byte> page)
    {
        var crc = 0u;
        for (var i = 0; i < page.Length; i++)
        {
            var value = i is >= 22 and < 26 ? (byte)0 : page[i];
            crc = (crc << 8) ^ CrcTable[(byte)(crc >> 24) ^ value];
        }
        return crc;
    }

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (var i = 0u; i < 256; i++)
        {
            var r = i << 24;
            for (var bit = 0; bit < 8; bit++)
                r = (r & 0x80000000) != 0 ? (r << 1) ^ 0x04C11DB7 : r << 1;
            table[i] = r;
        }
        return table;
    }
}
