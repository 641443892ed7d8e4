using System.CommandLine;
using MelGenre.Audio.Decoding;
using MelGenre.Cli.Output;
using MelGenre.Plots;

namespace MelGenre.Cli.Commands;

/// <summary><c>melgenre waveform IN --out FILE.png</c>: the amplitude plot the original page shows.</summary>
internal static class WaveformCommand
{
    public static Command Create()
    {
        var input = new Argument<string>("input") { Description = "An audio file." };
        var output = new Option<string>("--out", "-o") { Description = "The PNG file to write.", Required = true };
        var width = new Option<int>("--width") { Description = "Picture width in pixels.", DefaultValueFactory = _ => 1000 };
        var height = new Option<int>("--height") { Description = "Picture height in pixels.", DefaultValueFactory = _ => 400 };
        var command = new Command("waveform", "Draw the waveform (amplitude over time) of an audio file as a PNG.") { input, output, width, height };
        command.SetAction(parsed =>
        {
            var target = parsed.GetValue(output)!;
            var options = new PlotOptions(parsed.GetValue(width), parsed.GetValue(height));
            return InputBatch.Run([parsed.GetValue(input)!], path =>
            {
                var clip = AudioDecoder.Decode(path);
                AtomicFile.WriteAllBytes(target, WaveformPlot.RenderPng(clip, options with { Title = Path.GetFileName(path) }));
            }, parsed.InvocationConfiguration.Error);
        });
        return command;
    }
}
