namespace MelGenre.Audio.Decoding.Flac;

/// <summary>The two checksums of a FLAC frame: CRC-8 over the header, CRC-16 over the whole frame.</summary>
internal static class FlacCrc
{
    // CRC-16 runs over every compressed byte, so it is computed eight bytes per step (slicing-by-8).
    private static readonly ushort[] Crc16Table = BuildCrc16Tables();
    private static readonly byte[] Crc8Table = BuildCrc8Table();

    /// <summary>CRC-8, polynomial x^8 + x^2 + x + 1 (0x07), initial value 0.</summary>
    public static byte Crc8(ReadOnlySpan<byte> data)
    {
        byte crc = 0;
        foreach (var b in data)
            crc = Crc8Table[crc ^ b];
        return crc;
    }

    /// <summary>CRC-16, polynomial x^16 + x^15 + x^2 + 1 (0x8005), initial value 0.</summary>
    public static ushort Crc16(ReadOnlySpan<byte> data)
    {
        var table = Crc16Table.AsSpan();
        uint crc = 0;
        var i = 0;
        for (; i + 8 <= data.Length; i += 8)
        {
            crc = (uint)(table[(7 * 256) + (int)(data[i] ^ (crc >> 8))]
                ^ table[(6 * 256) + (int)(data[i + 1] ^ (crc & 0xFF))]
                ^ table[(5 * 256) + data[i + 2]]
                ^ table[(4 * 256) + data[i + 3]]
                ^ table[(3 * 256) + data[i + 4]]
                ^ table[(2 * 256) + data[i + 5]]
                ^ table[256 + data[i + 6]]
                ^ table[data[i + 7]]);
        }
        for (; i < data.Length; i++)
            crc = ((crc << 8) & 0xFFFF) ^ table[(int)((crc >> 8) ^ data[i])];
        return (ushort)crc;
    }

    private static byte[] BuildCrc8Table()
    {
        var table = new byte[256];
        for (var n = 0; n < 256; n++)
        {
            var crc = n;
            for (var bit = 0; bit < 8; bit++)
                crc = (crc & 0x80) != 0 ? (crc << 1) ^ 0x07 : crc << 1;
            table[n] = (byte)crc;
        }
        return table;
    }

    /// <summary>Table k holds the CRC of a byte followed by k zero bytes, so eight bytes combine by XOR.</summary>
    private static ushort[] BuildCrc16Tables()
    {
        var table = new ushort[8 * 256];
        for (var n = 0; n < 256; n++)
        {
            var crc = n << 8;
            for (var bit = 0; bit < 8; bit++)
                crc = (crc & 0x8000) != 0 ? (crc << 1) ^ 0x8005 : crc << 1;
            table[n] = (ushort)crc;
        }
        for (var k = 1; k < 8; k++)
        {
            for (var n = 0; n < 256; n++)
            {
                int previous = table[((k - 1) * 256) + n];
                table[(k * 256) + n] = (ushort)((previous << 8) ^ table[previous >> 8]);
            }
        }
        return table;
    }
}
