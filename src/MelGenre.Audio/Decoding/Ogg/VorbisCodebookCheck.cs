namespace MelGenre.Audio.Decoding.Ogg;

/// <summary>
/// Checks the codebooks at the start of a Vorbis setup header (Vorbis I §3.2.1) the way libvorbis's
/// <c>vorbis_staticbook_unpack</c> does, before NVorbis reads them. NVorbis 0.10.5 loops forever on an ordered
/// codebook whose packet runs out before every entry has a length; libvorbis refuses such a book, and so do we.
/// Only the codebooks are checked: the floors, residues, mappings and modes after them are left to NVorbis.
/// </summary>
internal static class VorbisCodebookCheck
{
    private const uint SyncPattern = 0x564342;

    /// <summary>Throws <see cref="AudioDecodeException"/> (Corrupt) when a codebook of <paramref name="setup"/> is malformed or cut short.</summary>
    /// <param name="setup">The whole setup header packet, from its <c>\x05vorbis</c> magic.</param>
    /// <param name="source">The file path or stream name that errors mention; may be null.</param>
    public static void Check(ReadOnlySpan<byte> setup, string? source)
    {
        if (setup.Length < 7 || !setup[..7].SequenceEqual("\x05vorbis"u8))
            return; // not a setup header: NVorbis says so
        var bits = new BitReader(setup[7..]);
        var count = Read(ref bits, 8, "the codebook count", source) + 1;
        for (var book = 0; book < count; book++)
            CheckCodebook(ref bits, book, source);
    }

    private static void CheckCodebook(ref BitReader bits, int book, string? source)
    {
        if (Read(ref bits, 24, $"codebook {book}", source) != SyncPattern)
            throw Corrupt($"codebook {book} lacks its sync pattern", source);
        var dimensions = Read(ref bits, 16, $"codebook {book}", source);
        var entries = Read(ref bits, 24, $"codebook {book}", source);
        // libvorbis's bound: a lookup table of entries × dimensions values must stay addressable.
        if (ILog(dimensions) + ILog(entries) > 24)
            throw Corrupt($"codebook {book} announces {entries} entries of {dimensions} dimensions", source);

        if (Read(ref bits, 1, $"codebook {book}", source) == 0)
        {
            var sparse = Read(ref bits, 1, $"codebook {book}", source) == 1;
            for (var entry = 0u; entry < entries; entry++)
            {
                if (!sparse || Read(ref bits, 1, $"codebook {book} entry {entry}", source) == 1)
                    Read(ref bits, 5, $"codebook {book} entry {entry}", source);
            }
        }
        else
        {
            // Ordered: runs of entries sharing each length, from the first length upwards.
            var length = Read(ref bits, 5, $"codebook {book}", source) + 1;
            for (var entry = 0u; entry < entries;)
            {
                var run = Read(ref bits, ILog(entries - entry), $"codebook {book} entry {entry}", source);
                if (length > 32 || run > entries - entry)
                    throw Corrupt($"codebook {book} gives {run} entries length {length} with {entries - entry} entries left", source);
                entry += run;
                length++;
            }
        }

        var lookup = Read(ref bits, 4, $"codebook {book} lookup type", source);
        if (lookup == 0)
            return;
        if (lookup > 2)
            throw Corrupt($"codebook {book} has lookup type {lookup} (only 0, 1 and 2 exist)", source);
        Read(ref bits, 32, $"codebook {book} lookup", source); // minimum value
        Read(ref bits, 32, $"codebook {book} lookup", source); // delta value
        var valueBits = Read(ref bits, 4, $"codebook {book} lookup", source) + 1;
        Read(ref bits, 1, $"codebook {book} lookup", source); // sequence flag
        var values = lookup == 1 ? Lookup1Values(entries, dimensions) : (long)entries * dimensions;
        if (!bits.TrySkip(values * valueBits))
            throw Corrupt($"codebook {book}'s {values} lookup values", source);
    }

    /// <summary>The largest integer whose <paramref name="dimensions"/>-th power does not exceed <paramref name="entries"/> (Vorbis I §9.2.3).</summary>
    private static long Lookup1Values(uint entries, uint dimensions)
    {
        if (dimensions == 0)
            return 0;
        var values = (long)Math.Floor(Math.Pow(entries, 1.0 / dimensions));
        // Pow rounds: step to the exact root.
        while (values > 0 && PowerExceeds(values, dimensions, entries))
            values--;
        while (!PowerExceeds(values + 1, dimensions, entries))
            values++;
        return values;
    }

    private static bool PowerExceeds(long value, uint exponent, uint limit)
    {
        var power = 1L;
        for (var i = 0u; i < exponent; i++)
        {
            power *= value;
            if (power > limit)
                return true;
        }
        return false;
    }

    /// <summary>The number of bits needed to hold <paramref name="value"/> (Vorbis I §9.2.1: ilog(0) = 0).</summary>
    private static int ILog(uint value) => 32 - System.Numerics.BitOperations.LeadingZeroCount(value);

    private static uint Read(ref BitReader bits, int count, string what, string? source) =>
        bits.TryRead(count, out var value) ? value : throw Corrupt($"{what}, cut short by the end of its packet", source);

    private static AudioDecodeException Corrupt(string what, string? source) =>
        new(AudioErrorKind.Corrupt, $"the Vorbis setup header is malformed: {what}", source);

    /// <summary>Vorbis's bit packing: values are read from each byte's least significant bit upwards.</summary>
    private ref struct BitReader(ReadOnlySpan<byte> data)
    {
        private readonly ReadOnlySpan<byte> _data = data;
        private long _position;

        /// <summary>Reads <paramref name="count"/> (0..32) bits; false when the packet holds fewer.</summary>
        public bool TryRead(int count, out uint value)
        {
            value = 0;
            if (_position + count > (long)_data.Length * 8)
                return false;
            for (var i = 0; i < count; i++, _position++)
                value |= (uint)((_data[(int)(_position >> 3)] >> (int)(_position & 7)) & 1) << i;
            return true;
        }

        /// <summary>Steps over <paramref name="count"/> bits; false when the packet holds fewer.</summary>
        public bool TrySkip(long count)
        {
            if (count > (long)_data.Length * 8 - _position)
                return false;
            _position += count;
            return true;
        }
    }
}
