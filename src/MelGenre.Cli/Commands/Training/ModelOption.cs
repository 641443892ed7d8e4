using System.CommandLine;
using MelGenre.Model;
using MelGenre.Model.Checkpoints;

namespace MelGenre.Cli.Commands.Training;

/// <summary><c>--model DIR</c>: a saved model folder, by default the one shipped beside the executable.</summary>
internal static class ModelOption
{
    /// <summary>Where the build puts the repository's default model, beside the executable.</summary>
    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "models", "default");

    public static Option<string?> Create() =>
        new("--model", "-m") { Description = "Model folder (manifest.json + weights); default: the shipped model." };

    /// <summary>Loads the model, or writes why it cannot be loaded and returns null.</summary>
    public static GenreModel? Load(string? folder, TextWriter log)
    {
        try
        {
            return GenreModel.Load(folder ?? DefaultFolder);
        }
        catch (ModelLoadException error)
        {
            log.WriteLine($"melgenre: {error.Message}");
            return null;
        }
    }
}
