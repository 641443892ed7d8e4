using System.Buffers.Binary;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;

namespace MelGenre.Cli.Output;

/// <summary>
/// Writes float32 arrays as NumPy <c>.npy</c> files (format version 1.0), readable by <c>numpy.load</c>:
/// little-endian <c>&lt;f4</c>, C order, the header dict padded with spaces and ended by '\n' so the data starts
/// at a multiple of 64 bytes.
/// </summary>
public static class NpyWriter
{
    /// <summary>numpy aligns the data of version 1.0 files to this many bytes.</summary>
    public const int Alignment = 64;

    private static ReadOnlySpan<byte> Magic => [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0];

    /// <summary>Writes a C-order array of <paramref name="shape"/> to <paramref name="path"/> atomically.</summary>
    /// <param name="path">Target <c>.npy</c> file.</param>
    /// <param name="values">Elements in C order (last index fastest); for a spectrogram <c>[rows][frames]</c>.</param>
    /// <param name="shape">Dimensions, e.g. <c>[128, 1293]</c>; their product must equal the value count.</param>
    public static void WriteFile(string path, ReadOnlyMemory<float> values, params int[] shape) =>
        AtomicFile.Write(path, stream => Write(stream, values.Span, shape));

    /// <summary>Writes header and data to <paramref name="stream"/>.</summary>
    /// <exception cref="ArgumentException">A shape whose product is not the value count.</exception>
    public static void Write(Stream stream, ReadOnlySpan<float> values, ReadOnlySpan<int> shape)
    {
        ArgumentNullException.ThrowIfNull(stream);
        stream.Write(Header(shape, values.Length));
        if (BitConverter.IsLittleEndian)
        {
            stream.Write(MemoryMarshal.AsBytes(values));
            return;
        }
        Span<byte> buffer = stackalloc byte[sizeof(float)];
        foreach (var value in values)
        {
            BinaryPrimitives.WriteSingleLittleEndian(buffer, value);
            stream.Write(buffer);
        }
    }

    /// <summary>The complete header (magic, version, length, dict) for a float32 C-order array of <paramref name="shape"/>.</summary>
    /// <param name="shape">Dimensions of the array.</param>
    /// <param name="valueCount">Number of values that will follow; must equal the product of <paramref name="shape"/>.</param>
    public static byte[] Header(ReadOnlySpan<int> shape, int valueCount)
    {
        long product = 1;
        foreach (var dimension in shape)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(dimension);
            product *= dimension;
        }
        if (product != valueCount)
            throw new ArgumentException($"Shape ({string.Join(", ", shape.ToArray())}) holds {product} values, got {valueCount}.", nameof(shape));

        // numpy writes tuples of one element as "(n,)".
        var dims = shape.Length == 1
            ? $"({shape[0].ToString(CultureInfo.InvariantCulture)},)"
            : $"({string.Join(", ", shape.ToArray().Select(d => d.ToString(CultureInfo.InvariantCulture)))})";
        var dict = $"{{'descr': '<f4', 'fortran_order': False, 'shape': {dims}, }}";
        var prefixLength = Magic.Length + sizeof(ushort);
        var unpadded = prefixLength + dict.Length + 1;
        var total = (unpadded + Alignment - 1) / Alignment * Alignment;
        var headerLength = total - prefixLength;
        if (headerLength > ushort.MaxValue)
            throw new ArgumentException("Shape too long for an .npy version 1.0 header.", nameof(shape));

        var header = new byte[total];
        Magic.CopyTo(header);
        BinaryPrimitives.WriteUInt16LittleEndian(header.AsSpan(Magic.Length), (ushort)headerLength);
        var text = header.AsSpan(prefixLength);
        text.Fill((byte)' ');
        Encoding.ASCII.GetBytes(dict, text);
        text[^1] = (byte)'\n';
        return header;
    }
}
