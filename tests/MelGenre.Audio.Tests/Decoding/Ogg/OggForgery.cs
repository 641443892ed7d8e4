using System.Buffers.Binary;
using MelGenre.Audio.Decoding.Ogg;

namespace MelGenre.Audio.Tests.Decoding.Ogg;

/// <summary>Edits Ogg files page by page for the tests, keeping (or deliberately breaking) page CRCs.</summary>
internal static class OggForgery
{
    /// <summary>Start offset and length of every page.</summary>
    public static List<(int Offset, int Length)> Pages(byte[] ogg)
    {
        var pages = new List<(int, int)>();
        for (var offset = 0; offset + 27 <= ogg.Length;)
        {
            int segments = ogg[offset + 26];
            var length = 27 + segments;
            for (var i = 0; i < segments; i++)
                length += ogg[offset + 27 + i];
            pages.Add((offset, length));
            offset += length;
        }
        return pages;
    }

    /// <summary>A copy with the OpusHead output gain set to <paramref name="gainQ8"/> (dB × 256) and the first page's CRC redone.</summary>
    public static byte[] WithOpusOutputGain(byte[] ogg, short gainQ8)
    {
        var copy = (byte[])ogg.Clone();
        var body = 27 + copy[26];
        BinaryPrimitives.WriteInt16LittleEndian(copy.AsSpan(body + 16), gainQ8);
        RefreshCrc(copy, Pages(copy)[0]);
        return copy;
    }

    /// <summary>A copy with one byte of page <paramref name="page"/>'s body flipped and its CRC left stale.</summary>
    public static byte[] WithBadCrc(byte[] ogg, int page)
    {
        var copy = (byte[])ogg.Clone();
        var (offset, length) = Pages(copy)[page];
        copy[offset + length - 1] ^= 0x5A;
        return copy;
    }

    /// <summary>A copy without page <paramref name="page"/>.</summary>
    public static byte[] WithoutPage(byte[] ogg, int page)
    {
        var (offset, length) = Pages(ogg)[page];
        return [.. ogg.AsSpan(0, offset), .. ogg.AsSpan(offset + length)];
    }

    private static void RefreshCrc(byte[] ogg, (int Offset, int Length) page) =>
        BinaryPrimitives.WriteUInt32LittleEndian(ogg.AsSpan(page.Offset + 22), OggPacketReader.Crc(ogg.AsSpan(page.Offset, page.Length)));
}
