using MelGenre.Model.Data;
using MelGenre.Model.Embeddings;
using static TorchSharp.torch;

namespace MelGenre.Model.Tests.Embeddings;

public class MelImageTests
{
    private const int Mels = 128;
    private const int Frames = 130;

    /// <summary>A patch at <paramref name="quietDecibels"/> everywhere except band <paramref name="loudBand"/> at 0 dB (none when null).</summary>
    private static MelPatch Patch(float quietDecibels, int? loudBand = null)
    {
        var values = new float[Mels * Frames];
        Array.Fill(values, quietDecibels);
        if (loudBand is { } band)
            values.AsSpan(band * Frames, Frames).Fill(0f);
        return new MelPatch(values, Mels, Frames, "test.00000", 0, 0, 0, 3);
    }

    private static Tensor Grids(params MelPatch[] patches) =>
        stack(patches.Select(p => tensor(p.Values, [p.MelCount, p.FrameCount])).ToArray());

    [Fact]
    public void Grey_pixels_are_224_square_and_map_0_dB_to_255_and_the_floor_and_below_to_0()
    {
        using var scope = NewDisposeScope();

        var pixels = MelImage.GreyPixels(Grids(Patch(0f), Patch(-80f), Patch(-120f), Patch(-40f)));

        Assert.Equal([4L, 1, 224, 224], pixels.shape);
        float[] expected = [255f, 0f, 0f, 127.5f];
        for (var i = 0; i < expected.Length; i++)
        {
            var (min, max) = (pixels[i].min().item<float>(), pixels[i].max().item<float>());
            Assert.True(Math.Abs(min - expected[i]) < 1e-3 && Math.Abs(max - expected[i]) < 1e-3,
                $"uniform patch {i}: pixels span [{min}, {max}], expected all {expected[i]} ± 1e-3");
        }
    }

    [Fact]
    public void Energy_in_the_lowest_mel_band_lights_the_bottom_rows_only()
    {
        using var scope = NewDisposeScope();

        var rows = MelImage.GreyPixels(Grids(Patch(-80f, loudBand: 0)))[0, 0].mean([1]).data<float>().ToArray();   // (224,) row means

        // Band 0 is 224/128 = 1.75 rows tall at the bottom; bilinear blending reaches at most one more row up.
        Assert.True(rows[^1] > 254f, $"bottom row mean {rows[^1]}, expected 255 (band 0 at 0 dB)");
        Assert.True(rows.AsSpan(0, 220).ToArray().All(r => r == 0f),
            $"rows 0–219 should be black, brightest is {rows.AsSpan(0, 220).ToArray().Max()} at row {Array.IndexOf(rows, rows.AsSpan(0, 220).ToArray().Max())}");
    }

    [Fact]
    public void Energy_in_the_highest_mel_band_lights_the_top_rows_only()
    {
        using var scope = NewDisposeScope();

        var rows = MelImage.GreyPixels(Grids(Patch(-80f, loudBand: Mels - 1)))[0, 0].mean([1]).data<float>().ToArray();

        Assert.True(rows[0] > 254f, $"top row mean {rows[0]}, expected 255 (band {Mels - 1} at 0 dB)");
        Assert.True(rows.AsSpan(4).ToArray().All(r => r == 0f), $"rows 4–223 should be black, brightest {rows.AsSpan(4).ToArray().Max()}");
    }

    [Fact]
    public void Backbone_input_is_the_grey_picture_in_three_channels_minus_the_ImageNet_mean_image()
    {
        ResNet18Package.Require(ResNet18OnnxFiles.PreprocessPath);
        using var scope = NewDisposeScope();
        using var image = MelImage.LoadPretrained();
        using var meanImage = ImageNetMeanImage.LoadPretrained();
        var negativeMean = meanImage.forward(zeros(1, 3, 224, 224));   // 0 − mean, BGR

        var input = image.ToInput([Patch(-40f), Patch(-80f, loudBand: 0)]);

        Assert.Equal([2L, 3, 224, 224], input.shape);
        var grey = MelImage.GreyPixels(Grids(Patch(-40f), Patch(-80f, loudBand: 0))).expand(-1, 3, -1, -1);
        var diff = (input - negativeMean - grey).abs().max().item<float>();
        Assert.True(diff < 1e-4, $"input + mean image differs from the grey picture by up to {diff}");
    }

    [Fact]
    public void Patches_of_different_sizes_in_one_call_are_refused()
    {
        ResNet18Package.Require(ResNet18OnnxFiles.PreprocessPath);
        using var image = MelImage.LoadPretrained();
        var shorter = new MelPatch(new float[Mels * 64], Mels, 64, "test.00001", 0, 0, 0, 1.5);

        var error = Assert.Throws<ArgumentException>(() => image.ToInput([Patch(-10f), shorter]));

        Assert.Contains("128 × 64", error.Message);
    }
}
