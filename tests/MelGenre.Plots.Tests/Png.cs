using SkiaSharp;

namespace MelGenre.Plots.Tests;

/// <summary>Decoded PNG pixels for assertions.</summary>
internal sealed class Png : IDisposable
{
    private readonly SKBitmap _bitmap;

    public Png(byte[] bytes)
    {
        Assert.True(bytes.Length > 8 && bytes[0] == 0x89 && bytes[1] == (byte)'P' && bytes[2] == (byte)'N' && bytes[3] == (byte)'G',
            "the bytes do not start with the PNG signature");
        _bitmap = SKBitmap.Decode(bytes) ?? throw new InvalidDataException("SkiaSharp could not decode the PNG");
    }

    public int Width => _bitmap.Width;

    public int Height => _bitmap.Height;

    public SKColor this[int x, int y] => _bitmap.GetPixel(x, y);

    /// <summary>Pixels in the rectangle that are not (near) white.</summary>
    public int InkCount(int left, int top, int right, int bottom)
    {
        var count = 0;
        for (var y = top; y < bottom; y++)
        {
            for (var x = left; x < right; x++)
            {
                var c = _bitmap.GetPixel(x, y);
                if (c.Red < 200 || c.Green < 200 || c.Blue < 200)
                    count++;
            }
        }
        return count;
    }

    /// <summary>Number of different colours in the whole picture.</summary>
    public int DistinctColors() => _bitmap.Pixels.Distinct().Count();

    public void Dispose() => _bitmap.Dispose();

    /// <summary>Asserts <paramref name="actual"/> is within <paramref name="tolerance"/> per channel of <paramref name="expected"/>.</summary>
    public static void AssertColor(SKColor expected, SKColor actual, int tolerance, string where)
    {
        var worst = Math.Max(Math.Abs(expected.Red - actual.Red), Math.Max(Math.Abs(expected.Green - actual.Green), Math.Abs(expected.Blue - actual.Blue)));
        Assert.True(worst <= tolerance, $"{where}: expected {expected} ± {tolerance} per channel, got {actual}");
    }
}
