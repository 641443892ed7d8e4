using MelGenre.Model;
using MelGenre.Prediction;

namespace MelGenre.Web.Analysis;

/// <summary>The model every request shares: loaded once when the app is built, disposed with it.</summary>
internal sealed class LoadedModel : IDisposable
{
    private LoadedModel(Classifier classifier, byte[] manifestJson)
    {
        Classifier = classifier;
        ManifestJson = manifestJson;
    }

    /// <summary>The classifier (thread-safe: one serves every request).</summary>
    public Classifier Classifier { get; }

    /// <summary>The model's <c>manifest.json</c> as it was read with the weights.</summary>
    public byte[] ManifestJson { get; }

    /// <summary>The model's name from its manifest.</summary>
    public string Name => Classifier.Model.Manifest.Name;

    /// <summary>Loads and checks the model folder (null: the shipped model).</summary>
    /// <exception cref="Model.Checkpoints.ModelLoadException">The folder cannot be used.</exception>
    public static LoadedModel Load(string? folder)
    {
        var classifier = Classifier.Load(folder);
        try
        {
            var manifest = File.ReadAllBytes(Path.Combine(folder ?? Classifier.DefaultModelFolder, GenreModel.ManifestFileName));
            return new LoadedModel(classifier, manifest);
        }
        catch
        {
            classifier.Dispose();
            throw;
        }
    }

    public void Dispose() => Classifier.Dispose();
}
