using MelGenre.Audio;
using MelGenre.TestSupport;

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
            ["confusion-matrix.png"] = ConfusionMatrixPlot.RenderPng(ConfusionMatrixPlotTests.DiagonalHeavy()),
            ["confusion-matrix-empty-row.png"] = ConfusionMatrixPlot.RenderPng(
                new ConfusionCounts(["electronic", "experimental", "folk"], new[] { 41, 7, 2, 0, 0, 0, 5, 13, 32 }), new PlotOptions(600, 500)),
        };
        foreach (var (name, png) in pictures)
            Assert.True(File.Exists(Save(name, png)), $"{name} was not written");
    }

    [Fact]
    public void Writes_the_librosa_jazz_log_mel_as_a_picture()
    {
        var reference = ReferenceArray.Load(SharedData.RequirePath("librosa/jazz.00005/logmel.bin"));
        var values = Array.ConvertAll(reference.Values, v => (float)v);
        var image = new SpectrogramImage(values, reference.Rows, reference.Columns, 512.0 / 22050, new MelFrequencyAxis());
        var path = Save("jazz.00005-logmel.png", SpectrogramPlot.RenderPng(image, new SpectrogramPlotOptions(Title: "jazz.00005 (librosa log-mel)")));
        Assert.True(File.Exists(path));
    }

    [Fact]
    public void Writes_short_and_long_waveforms()
    {
        // 40 samples: fewer than pixel columns, the trace must stay connected.
        var few = new float[40];
        for (var i = 0; i < few.Length; i++)
            few[i] = (float)Math.Sin(2 * Math.PI * i / 16);
        Save("waveform-40-samples.png", WaveformPlot.RenderPng(new AudioClip(few, 22050), new PlotOptions(Title: "40 samples")));

        // 3 minutes of a beating tone: minutes:seconds ticks, one envelope pass.
        var minutes = new float[3 * 60 * 8000];
        for (var i = 0; i < minutes.Length; i++)
        {
            var t = i / 8000.0;
            minutes[i] = (float)(0.6 * Math.Sin(2 * Math.PI * t / 40) * Math.Sin(2 * Math.PI * 200 * t));
        }
        var path = Save("waveform-3-minutes.png", WaveformPlot.RenderPng(new AudioClip(minutes, 8000), new PlotOptions(Title: "3 minutes")));
        Assert.True(File.Exists(path));
    }
}
