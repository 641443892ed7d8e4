using System.Text.Json;

namespace MelGenre.TestSupport;

/// <summary>
/// A librosa reference array from <c>shared/data/librosa</c>: raw little-endian C-order data in <c>X.bin</c>,
/// dtype and shape in <c>X.bin.json</c>. Values are widened to double.
/// </summary>
public sealed record ReferenceArray(int[] Shape, double[] Values)
{
    /// <summary>Rows of a 2-D array (the first dimension).</summary>
    public int Rows => Shape[0];

    /// <summary>Columns of a 2-D array (the second dimension; 1 for a vector).</summary>
    public int Columns => Shape.Length > 1 ? Shape[1] : 1;

    /// <summary>Element <c>[row, column]</c> of a 2-D array.</summary>
    public double this[int row, int column] => Values[row * Columns + column];

    /// <summary>Reads <paramref name="binPath"/> and its JSON sidecar.</summary>
    public static ReferenceArray Load(string binPath)
    {
        using var header = JsonDocument.Parse(File.ReadAllText(binPath + ".json"));
        var dtype = header.RootElement.GetProperty("dtype").GetString();
        var shape = header.RootElement.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();
        var bytes = File.ReadAllBytes(binPath);
        double[] values = dtype switch
        {
            "float32" => Array.ConvertAll(System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(bytes).ToArray(), v => (double)v),
            "float64" => System.Runtime.InteropServices.MemoryMarshal.Cast<byte, double>(bytes).ToArray(),
            _ => throw new NotSupportedException($"{binPath}: dtype {dtype} is not read by the tests"),
        };
        var expected = shape.Aggregate(1, (a, b) => a * b);
        if (values.Length != expected)
            throw new InvalidDataException($"{binPath}: {values.Length} values, shape says {expected}");
        return new ReferenceArray(shape, values);
    }
}
