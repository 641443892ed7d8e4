using System.Buffers.Binary;
using System.Runtime.CompilerServices;

namespace MelGenre.Audio.Decoding.Mp3;

/// <summary>
/// MSB-first bit reader over a buffer that has at least <see cref="Padding"/> readable bytes past any position
/// the caller lets it reach, so every read is one unaligned 8-byte load with no bounds branch of its own.
/// Callers bound their loops by the granule's bit length, never by this reader.
/// </summary>
internal ref struct Mp3BitReader
{
    /// <summary>Bytes a buffer needs beyond its data: the longest overrun a bounded loop allows, plus one load.</summary>
    public const int Padding = 64;

    private readonly ReadOnlySpan<byte> _data;

    public Mp3BitReader(ReadOnlySpan<byte> data, int bitPosition)
    {
        _data = data;
        Position = bitPosition;
    }

    /// <summary>Bits consumed from the start of the buffer.</summary>
    public int Position { get; set; }

    /// <summary>The next bits at the top of a word; at least 57 of them are valid.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly ulong Peek() => BinaryPrimitives.ReadUInt64BigEndian(_data[(Position >> 3)..]) << (Position & 7);

    /// <summary>Reads <paramref name="count"/> (0–32) bits as an unsigned number.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int Read(int count)
    {
        // Two shifts so that count = 0 yields 0.
        var value = (int)((Peek() >> 1) >> (63 - count));
        Position += count;
        return value;
    }
}
