using System.Buffers.Binary;
using System.Text;
using System.Text.RegularExpressions;

namespace MelGenre.Cli.Tests;

/// <summary>A 2-D float32 .npy file read back independently of the writer: header dict parsed, then the C-order data.</summary>
internal sealed partial record NpyFile(int Rows, int Columns, float[] Values)
{
    public float this[int row, int column] => Values[row * Columns + column];

    public static NpyFile Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
        Assert.True(bytes.Length >= 10 && bytes[0] == 0x93 && bytes.AsSpan(1, 5).SequenceEqual("NUMPY"u8), $"{path}: no .npy magic");
        var headerLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes.AsSpan(8));
        var header = Encoding.ASCII.GetString(bytes, 10, headerLength);
        Assert.Contains("'descr': '<f4'", header, StringComparison.Ordinal);
        Assert.Contains("'fortran_order': False", header, StringComparison.Ordinal);
        var shape = ShapePattern().Match(header);
        Assert.True(shape.Success, $"{path}: no 2-D shape in header {header}");
        var (rows, columns) = (int.Parse(shape.Groups[1].Value), int.Parse(shape.Groups[2].Value));
        var data = bytes.AsSpan(10 + headerLength);
        Assert.Equal(rows * columns * sizeof(float), data.Length);
        var values = new float[rows * columns];
        for (var i = 0; i < values.Length; i++)
            values[i] = BinaryPrimitives.ReadSingleLittleEndian(data[(4 * i)..]);
        return new NpyFile(rows, columns, values);
    }

    [GeneratedRegex(@"'shape': \((\d+), (\d+)\)")]
    private static partial Regex ShapePattern();
}
