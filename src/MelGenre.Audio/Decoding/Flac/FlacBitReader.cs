using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.CompilerServices;

namespace MelGenre.Audio.Decoding.Flac;

/// <summary>
/// Raised when a frame reads past the bytes buffered so far. Not an error by itself: the reader
/// buffers more and decodes the frame again, or, at the end of the stream, drops the partial frame.
/// </summary>
internal sealed class FlacEndOfDataException : Exception
{
    public FlacEndOfDataException()
        : base("FLAC frame extends past the buffered bytes.")
    {
    }
}

/// <summary>
/// MSB-first bit reader over a byte span with a 64-bit cache filled eight bytes at a time, so the
/// Rice loop touches memory once per few samples instead of once per bit.
/// </summary>
/// <remarks>
/// Invariant: the top <c>_cacheBits</c> bits of <c>_cache</c> are the next unread bits, and the bits
/// below them are either zero or the true bits that follow (a wide load may bring in part of a byte it
/// does not count yet; loading that byte again ORs in the same bits).
/// </remarks>
internal ref struct FlacBitReader
{
    private readonly ReadOnlySpan<byte> _data;
    private int _next;
    private ulong _cache;
    private int _cacheBits;

    public FlacBitReader(ReadOnlySpan<byte> data)
    {
        _data = data;
    }

    /// <summary>Bits consumed from the start of the span.</summary>
    public readonly long BitPosition => (long)_next * 8 - _cacheBits;

    /// <summary>Reads <paramref name="count"/> (0–32) bits as an unsigned number.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public uint ReadBits(int count)
    {
        if (_cacheBits < count)
            Refill(count);
        // Two shifts so that count = 0 yields 0 (a shift by 64 would be a shift by 0).
        var value = (uint)((_cache >> 1) >> (63 - count));
        _cache <<= count;
        _cacheBits -= count;
        return value;
    }

    /// <summary>Reads a two's-complement number of <paramref name="count"/> (0–32) bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int ReadSigned(int count) => count == 0 ? 0 : (int)(ReadBits(count) << (32 - count)) >> (32 - count);

    /// <summary>Reads a two's-complement number of <paramref name="count"/> (1–33) bits: a 32-bit stream's side channel needs 33.</summary>
    public long ReadSignedLong(int count)
    {
        if (count <= 32)
            return ReadSigned(count);
        var high = (long)ReadSigned(count - 32);
        return (high << 32) | ReadBits(32);
    }

    /// <summary>Reads a unary number: the count of 0 bits before the next 1 bit (which is consumed).</summary>
    public uint ReadUnary()
    {
        uint zeros = 0;
        while (true)
        {
            var leading = BitOperations.LeadingZeroCount(_cache);
            if (leading < _cacheBits)
            {
                _cache = _cache << leading << 1;
                _cacheBits -= leading + 1;
                return zeros + (uint)leading;
            }
            zeros += (uint)_cacheBits;
            _cache = 0;
            _cacheBits = 0;
            Refill(1);
        }
    }

    /// <summary>Skips to the next byte boundary and returns the bits skipped (FLAC requires them to be zero).</summary>
    public uint AlignToByte() => ReadBits(_cacheBits & 7);

    /// <summary>
    /// Decodes <paramref name="output"/>.Length signed Rice codes with parameter <paramref name="parameter"/>
    /// (0–30). The hot loop of FLAC: state lives in locals so the JIT keeps it in registers.
    /// </summary>
    public void ReadRice(Span<long> output, int parameter)
    {
        var cache = _cache;
        var cacheBits = _cacheBits;
        for (var i = 0; i < output.Length; i++)
        {
            uint quotient = 0;
            while (true)
            {
                var leading = BitOperations.LeadingZeroCount(cache);
                if (leading < cacheBits)
                {
                    cache = cache << leading << 1;
                    cacheBits -= leading + 1;
                    quotient += (uint)leading;
                    break;
                }
                quotient += (uint)cacheBits;
                _cache = 0;
                _cacheBits = 0;
                Refill(1);
                cache = _cache;
                cacheBits = _cacheBits;
            }
            if (cacheBits < parameter)
            {
                _cache = cache;
                _cacheBits = cacheBits;
                Refill(parameter);
                cache = _cache;
                cacheBits = _cacheBits;
            }
            var remainder = (uint)((cache >> 1) >> (63 - parameter));
            cache <<= parameter;
            cacheBits -= parameter;
            // Unsigned arithmetic wraps on corrupt input; the frame CRC rejects such frames afterwards.
            var folded = (quotient << parameter) | remainder;
            output[i] = (int)(folded >> 1) ^ -(int)(folded & 1);
        }
        _cache = cache;
        _cacheBits = cacheBits;
    }

    /// <summary>Tops the cache up to at least <paramref name="needed"/> bits, or throws at the end of the data.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Refill(int needed)
    {
        if (_next + 8 <= _data.Length)
        {
            var word = BinaryPrimitives.ReadUInt64BigEndian(_data[_next..]);
            _cache |= word >> _cacheBits;
            var bytes = (64 - _cacheBits) >> 3;
            _next += bytes;
            _cacheBits += bytes * 8;
        }
        else
        {
            while (_cacheBits <= 56 && _next < _data.Length)
            {
                _cache |= (ulong)_data[_next++] << (56 - _cacheBits);
                _cacheBits += 8;
            }
        }
        if (_cacheBits < needed)
            throw new FlacEndOfDataException();
    }
}
