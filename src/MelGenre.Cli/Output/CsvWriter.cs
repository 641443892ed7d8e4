using System.Globalization;
using System.Text;

namespace MelGenre.Cli.Output;

/// <summary>
/// Writes a row-major float32 matrix as CSV: one line per row (per mel band or frequency bin), values separated by
/// commas, no header, '\n' line ends, invariant culture and the shortest text that reads back to the same float
/// ("R"), so <c>numpy.loadtxt(path, delimiter=',')</c> and <c>float.Parse</c> recover every bit.
/// </summary>
public static class CsvWriter
{
    /// <summary>Writes <paramref name="rows"/> × <paramref name="columns"/> values to <paramref name="path"/> atomically.</summary>
    public static void WriteFile(string path, ReadOnlyMemory<float> values, int rows, int columns) =>
        AtomicFile.Write(path, stream => Write(stream, values.Span, rows, columns));

    /// <summary>Writes <paramref name="rows"/> lines of <paramref name="columns"/> values each to <paramref name="stream"/> (UTF-8, no BOM).</summary>
    /// <exception cref="ArgumentException">A value count other than rows × columns.</exception>
    public static void Write(Stream stream, ReadOnlySpan<float> values, int rows, int columns)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentOutOfRangeException.ThrowIfNegative(rows);
        ArgumentOutOfRangeException.ThrowIfNegative(columns);
        if ((long)rows * columns != values.Length)
            throw new ArgumentException($"{values.Length} values do not fill {rows} rows × {columns} columns.", nameof(values));
        using var writer = new StreamWriter(stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        Span<char> number = stackalloc char[32];
        for (var row = 0; row < rows; row++)
        {
            var line = values.Slice(row * columns, columns);
            for (var column = 0; column < line.Length; column++)
            {
                if (column > 0)
                    writer.Write(',');
                line[column].TryFormat(number, out var written, "R", CultureInfo.InvariantCulture);
                writer.Write(number[..written]);
            }
            writer.WriteLine();
        }
    }
}
