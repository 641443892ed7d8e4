using System.Globalization;
using MelGenre.Cli.Output;

namespace MelGenre.Cli.Tests;

public sealed class CsvWriterTests
{
    [Fact]
    public void One_line_per_row_with_comma_separated_values_and_no_header()
    {
        using var folder = new TempFolder();
        var path = folder.File("mel.csv");
        CsvWriter.WriteFile(path, new float[] { 0f, -80f, 1.5f, -0.25f, 3f, 12f }, 2, 3);
        Assert.Equal("0,-80,1.5\n-0.25,3,12\n", File.ReadAllText(path));
    }

    [Fact]
    public void Every_float_reads_back_to_the_same_bits()
    {
        float[] values = [0.1f, 1e-10f, -79.99999f, float.Epsilon, float.MaxValue, -7.6293945e-06f, 1f / 3f, 123456.79f];
        using var folder = new TempFolder();
        var path = folder.File("values.csv");
        CsvWriter.WriteFile(path, values, 1, values.Length);
        var read = File.ReadAllText(path).TrimEnd('\n').Split(',').Select(s => float.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(values.Length, read.Length);
        for (var i = 0; i < values.Length; i++)
            Assert.True(BitConverter.SingleToInt32Bits(values[i]) == BitConverter.SingleToInt32Bits(read[i]), $"column {i}: wrote {values[i]:R}, read back {read[i]:R}");
    }

    [Fact]
    public void Value_count_must_fill_rows_times_columns()
    {
        using var stream = new MemoryStream();
        Assert.Throws<ArgumentException>(() => CsvWriter.Write(stream, new float[5], 2, 3));
    }

    [Fact]
    public void Output_is_plain_ascii_without_a_byte_order_mark()
    {
        using var stream = new MemoryStream();
        CsvWriter.Write(stream, new float[] { -1.25f }, 1, 1);
        Assert.Equal("-1.25\n"u8.ToArray(), stream.ToArray());
    }
}
