using SkiaSharp;

namespace MelGenre.Cli.Tests;

/// <summary><c>melgenre waveform</c> in process.</summary>
public sealed class WaveformCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Writes_a_png_of_the_requested_size()
    {
        var input = TestAudio.WriteSineWav(_folder.File("sine.wav"));
        var target = _folder.File("sine.png");

        Cli.Succeed("waveform", input, "--out", target, "--width", "640", "--height", "240");

        using var bitmap = SKBitmap.Decode(File.ReadAllBytes(target));
        Assert.NotNull(bitmap);
        Assert.Equal((640, 240), (bitmap.Width, bitmap.Height));
    }

    [Fact]
    public void A_bad_input_exits_1_with_one_line_naming_it_and_writes_nothing()
    {
        var input = _folder.File("notes.wav");
        File.WriteAllText(input, "not audio");
        var target = _folder.File("notes.png");

        var result = Cli.Run("waveform", input, "--out", target);

        Assert.True(result.ExitCode == ExitCodes.SomeInputsFailed, result.ToString());
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith($"melgenre: {input}: ", line, StringComparison.Ordinal);
        Assert.False(File.Exists(target), "a failed input left a picture behind");
    }
}
