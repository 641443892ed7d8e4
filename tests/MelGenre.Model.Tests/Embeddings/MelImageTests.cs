using MelGenre.Model.Data;
using MelGenre.Model.Embeddings;
using static TorchSharp.torch;

namespace MelGenre.Model.Tests.Embeddings;

public class MelImageTests
{
    private const int Mels = 128;
    private const int Frames = 130;

    private static readonly MelImageOptions Grey = new() { Palette = MelPalette.Grey };

    // matplotlib's magma at 0 and 1, channels truncated to bytes: (0.001462, 0.000466, 0.013866), (0.987053, 0.991438, 0.749504).
    private static readonly float[] MagmaBottom = [0, 0, 3];
    private static readonly float[] MagmaTop = [251, 252, 191];

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

    private static void AssertUniform(Tensor picture, float[] rgb, string what)
    {
        for (var c = 0; c < 3; c++)
        {
            var (min, max) = (picture[c].min().item<float>(), picture[c].max().item<float>());
            Assert.True(Math.Abs(min - rgb[c]) < 1e-3 && Math.Abs(max - rgb[c]) < 1e-3,
                $"{what}, channel {c}: pixels span [{min}, {max}], expected all {rgb[c]} ± 1e-3");
        }
    }

    [Fact]
    public void Grey_pictures_are_224_square_and_map_0_dB_to_255_and_the_floor_and_below_to_0()
    {
        using var scope = NewDisposeScope();

        var pixels = MelImage.Pixels(Grids(Patch(0f), Patch(-80f), Patch(-120f), Patch(-40f)), Grey);

        Assert.Equal([4L, 3, 224, 224], pixels.shape);
        float[] expected = [255f, 0f, 0f, 127.5f];
        for (var i = 0; i < expected.Length; i++)
            AssertUniform(pixels[i], [expected[i], expected[i], expected[i]], $"uniform patch {i}");
    }

    [Fact]
    public void Magma_pictures_map_0_dB_and_the_floor_to_the_ends_of_matplotlibs_magma()
    {
        using var scope = NewDisposeScope();

        var pixels = MelImage.Pixels(Grids(Patch(0f), Patch(-80f)));

        Assert.Equal(MelPalette.Magma, new MelImageOptions().Palette);
        AssertUniform(pixels[0], MagmaTop, "0 dB patch");
        AssertUniform(pixels[1], MagmaBottom, "-80 dB patch");
    }

    [Theory]
    [InlineData(MelPalette.Grey)]
    [InlineData(MelPalette.Magma)]
    public void Energy_in_the_lowest_mel_band_lights_the_bottom_rows_only(MelPalette palette)
    {
        using var scope = NewDisposeScope();

        var red = MelImage.Pixels(Grids(Patch(-80f, loudBand: 0)), new() { Palette = palette })[0, 0];   // (224, 224)
        var rows = red.mean([1]).data<float>().ToArray();

        // Band 0 is 224/128 = 1.75 rows tall at the bottom; bilinear blending reaches at most one more row up.
        Assert.True(rows[^1] > 250f, $"bottom row's mean red {rows[^1]}, expected ≥ 251 (band 0 at 0 dB)");
        var top = rows.AsSpan(0, 220).ToArray();
        Assert.True(top.All(r => r == 0f), $"rows 0–219 should have no red; the most is {top.Max()} at row {Array.IndexOf(top, top.Max())}");
    }

    [Fact]
    public void Energy_in_the_highest_mel_band_lights_the_top_rows_only()
    {
        using var scope = NewDisposeScope();

        var rows = MelImage.Pixels(Grids(Patch(-80f, loudBand: Mels - 1)), Grey)[0, 0].mean([1]).data<float>().ToArray();

        Assert.True(rows[0] > 254f, $"top row mean {rows[0]}, expected 255 (band {Mels - 1} at 0 dB)");
        Assert.True(rows.AsSpan(4).ToArray().All(r => r == 0f), $"rows 4–223 should be black, brightest {rows.AsSpan(4).ToArray().Max()}");
    }

    [Fact]
    public void Backbone_input_is_the_picture_in_BGR_minus_the_ImageNet_mean_image()
    {
        ResNet18Package.Require(ResNet18OnnxFiles.PreprocessPath);
        using var scope = NewDisposeScope();
        using var image = MelImage.LoadPretrained();
        using var meanImage = ImageNetMeanImage.LoadPretrained();
        var negativeMean = meanImage.forward(zeros(1, 3, 224, 224));   // 0 − mean, BGR

        var input = image.ToInput([Patch(-40f), Patch(-80f, loudBand: 0)]);

        Assert.Equal([2L, 3, 224, 224], input.shape);
        var bgr = MelImage.Pixels(Grids(Patch(-40f), Patch(-80f, loudBand: 0))).flip(1);
        var diff = (input - negativeMean - bgr).abs().max().item<float>();
        Assert.True(diff < 1e-4, $"input + mean image differs from the magma picture in BGR by up to {diff}");
    }

    [Fact]
    public void A_floor_at_or_above_0_dB_is_refused()
    {
        using var scope = NewDisposeScope();

        Assert.Throws<ArgumentOutOfRangeException>(() => MelImage.Pixels(Grids(Patch(-10f)), new() { FloorDecibels = 0f }));
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
