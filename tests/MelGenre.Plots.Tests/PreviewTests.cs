namespace MelGenre.Plots.Tests;

/// <summary>Renders the example pictures into the test output folder (preview/) for people to look at.</summary>
public sealed class PreviewTests
{
    private static string Save(string name, byte[] png)
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "preview");
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, png);
        return path;
    }

    [Fact]
    public void Writes_example_pictures_to_the_test_output_folder()
    {
        var pictures = new Dictionary<string, byte[]>
        {
            ["mel-spectrogram.png"] = SpectrogramPlot.RenderPng(Synthetic.MelChirp(), new SpectrogramPlotOptions(Title: "Mel spectrogram (synthetic chirp)")),
            ["mel-spectrogram-untitled.png"] = SpectrogramPlot.RenderPng(Synthetic.MelChirp()),
            ["linear-spectrogram.png"] = SpectrogramPlot.RenderPng(Synthetic.LinearGlide(), new SpectrogramPlotOptions(Title: "Linear-frequency spectrogram")),
            ["waveform.png"] = WaveformPlot.RenderPng(Synthetic.ToneBurst(), new PlotOptions(Title: "Waveform")),
        };
        foreach (var (name, png) in pictures)
            Assert.True(File.Exists(Save(name, png)), $"{name} was not written");
    }
}
