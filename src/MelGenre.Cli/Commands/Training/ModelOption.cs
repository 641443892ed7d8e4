using System.CommandLine;
using MelGenre.Model;
using MelGenre.Model.Checkpoints;
using MelGenre.Prediction;

namespace MelGenre.Cli.Commands.Training;

/// <summary><c>--model DIR</c>: a saved model folder, by default the one shipped beside the executable.</summary>
internal static class ModelOption
{
    public static Option<string?> Create() =>
        new("--model", "-m") { Description = "Model folder (manifest.json + weights); default: the shipped model." };

    /// <summary>Loads the model, or writes why it cannot be loaded and returns null.</summary>
    public static GenreModel? Load(string? folder, TextWriter log)
    {
        try
        {
            return GenreModel.Load(folder ?? Classifier.DefaultModelFolder);
        }
        catch (ModelLoadException error)
        {
            log.WriteLine($"melgenre: {error.Message}");
            return null;
        }
    }
}
