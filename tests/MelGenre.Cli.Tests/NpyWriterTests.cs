using System.Buffers.Binary;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using MelGenre.Cli.Output;

namespace MelGenre.Cli.Tests;

public sealed class NpyWriterTests
{
    private const string Python = "/usr/bin/python3";

    private static float[] Ramp(int count)
    {
        var values = new float[count];
        for (var i = 0; i < count; i++)
            values[i] = -80f + i * 0.001f;
        return values;
    }

    [Fact]
    public void Header_of_a_log_mel_is_npy_1_0_with_f4_C_order_and_the_shape()
    {
        var header = NpyWriter.Header([128, 1293], 128 * 1293);
        Assert.Equal(new byte[] { 0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0 }, header[..8]);
        var headerLength = BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(8));
        Assert.Equal(header.Length, 10 + headerLength);
        Assert.Equal(0, header.Length % 64);
        var text = Encoding.ASCII.GetString(header, 10, headerLength);
        const string dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (128, 1293), }";
        Assert.StartsWith(dict, text, StringComparison.Ordinal);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
        Assert.Equal(new string(' ', headerLength - dict.Length - 1), text[dict.Length..^1]);
        Assert.Equal(128, header.Length);
    }

    [Fact]
    public void One_dimensional_shapes_are_written_as_numpy_one_tuples()
    {
        var text = Encoding.ASCII.GetString(NpyWriter.Header([5], 5));
        Assert.Contains("'shape': (5,), }", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Shape_that_does_not_hold_the_values_is_refused()
    {
        Assert.Throws<ArgumentException>(() => NpyWriter.Header([128, 10], 1279));
    }

    [Fact]
    public void Data_follows_the_header_as_little_endian_float32_in_C_order()
    {
        using var folder = new TempFolder();
        var path = folder.File("mel.npy");
        float[] values = [1.5f, -2f, 0.1f, float.NegativeInfinity, 3f, -80f];
        NpyWriter.WriteFile(path, values, 2, 3);
        var bytes = File.ReadAllBytes(path);
        Assert.Equal(128 + 6 * 4, bytes.Length);
        for (var i = 0; i < values.Length; i++)
        {
            var read = BinaryPrimitives.ReadSingleLittleEndian(bytes.AsSpan(128 + 4 * i));
            Assert.True(BitConverter.SingleToInt32Bits(values[i]) == BitConverter.SingleToInt32Bits(read), $"value {i}: wrote {values[i]}, file holds {read}");
        }
    }

    [Fact]
    public void Numpy_loads_the_file_with_the_same_shape_and_values()
    {
        RequireNumpy();
        using var folder = new TempFolder();
        var path = folder.File("mel.npy");
        var values = Ramp(128 * 7);
        NpyWriter.WriteFile(path, values, 128, 7);
        var output = RunPython($"import numpy as np; a = np.load('{path}'); print(a.dtype, a.shape, a.flags['C_CONTIGUOUS']); print(repr(float(a[0, 0])), repr(float(a[1, 2])), repr(float(a[127, 6])))");
        var lines = output.Split('\n');
        Assert.Equal("float32 (128, 7) True", lines[0]);
        var read = lines[1].Split(' ').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal([values[0], values[1 * 7 + 2], values[127 * 7 + 6]], read);
    }

    [Fact]
    public void Numpy_loadtxt_reads_the_csv_back_exactly()
    {
        RequireNumpy();
        using var folder = new TempFolder();
        var path = folder.File("mel.csv");
        var values = Ramp(4 * 5);
        CsvWriter.WriteFile(path, values, 4, 5);
        var output = RunPython($"import numpy as np; a = np.loadtxt('{path}', delimiter=',', dtype=np.float32); print(a.shape); print(repr(float(a[3, 4])))");
        var lines = output.Split('\n');
        Assert.Equal("(4, 5)", lines[0]);
        Assert.Equal(values[^1], double.Parse(lines[1], CultureInfo.InvariantCulture));
    }

    private static void RequireNumpy()
    {
        if (!PythonHasNumpy())
            Assert.Skip($"{Python} with numpy is not available");
    }

    private static bool PythonHasNumpy()
    {
        if (!File.Exists(Python))
            return false;
        using var process = Process.Start(new ProcessStartInfo(Python, ["-c", "import numpy"]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        process.WaitForExit();
        return process.ExitCode == 0;
    }

    private static string RunPython(string code)
    {
        using var process = Process.Start(new ProcessStartInfo(Python, ["-c", code]) { RedirectStandardError = true, RedirectStandardOutput = true })!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"python failed: {error}");
        return output;
    }
}
