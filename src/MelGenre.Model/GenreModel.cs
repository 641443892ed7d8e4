using System.Security.Cryptography;
using System.Text.Json;
using MelGenre.Features.Mel;
using MelGenre.Model.Checkpoints;
using MelGenre.Model.Data;
using MelGenre.Model.Embeddings;
using MelGenre.Model.Training;
using static TorchSharp.torch;

namespace MelGenre.Model;

/// <summary>
/// A trained genre model ready to score log-mel spectrograms: its <see cref="ModelManifest"/> and its networks (one,
/// or several whose probabilities are averaged), all of the manifest's <see cref="ModelArchitecture"/>. Saved as a
/// folder holding <c>manifest.json</c> and one weights file per network; a frozen pretrained backbone
/// (<see cref="ModelArchitecture.ResNet18MlpKind"/>) is not saved but loaded once from its package and shared by the members.
/// </summary>
/// <remarks>
/// <see cref="Score"/> is thread-safe: calls are serialised on the model (libtorch already spreads one call over its
/// intra-op threads). The model owns its networks (and a backbone it loaded); dispose it to free them.
/// </remarks>
public sealed class GenreModel : IDisposable
{
    /// <summary>File name of the manifest inside a model folder.</summary>
    public const string ManifestFileName = "manifest.json";

    /// <summary>Most patches one <see cref="ScorePatches"/> call takes (bounds the network's working memory).</summary>
    public const int MaxBatchPatches = PatchScoring.MaxBatch;

    private readonly IReadOnlyList<IPatchNetwork> _networks;
    private readonly MelEmbedder? _backbone;
    private readonly Segmenter _segmenter;
    private readonly Lock _lock = new();

    private GenreModel(ModelManifest manifest, IReadOnlyList<IPatchNetwork> networks, MelEmbedder? backbone)
    {
        Manifest = manifest;
        _networks = networks;
        _backbone = backbone;
        _segmenter = new Segmenter(manifest.PatchFrames, manifest.HopFrames);
        foreach (var network in networks)
            network.Weights.eval();
    }

    /// <summary>The model's description (labels, features, architecture, training, metrics).</summary>
    public ModelManifest Manifest { get; }

    /// <summary>Genres in output order.</summary>
    public IReadOnlyList<string> Labels => Manifest.Labels;

    /// <summary>Log-mel parameters the input must be computed with.</summary>
    public LogMelOptions Features => Manifest.Features;

    /// <summary>
    /// Wraps trained networks as a model; it takes ownership of the networks (an <see cref="EmbeddingHeadNetwork"/>'s
    /// shared embedder stays the caller's, to dispose after the model). <paramref name="manifest"/>'s
    /// <see cref="ModelManifest.Members"/> are replaced when the model is saved.
    /// </summary>
    /// <exception cref="ArgumentException">No networks, or a network whose output width is not the label count.</exception>
    public static GenreModel Create(ModelManifest manifest, IReadOnlyList<IPatchNetwork> networks)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        ArgumentNullException.ThrowIfNull(networks);
        if (networks.Count == 0)
            throw new ArgumentException("A model needs at least one network.", nameof(networks));
        if (networks.Any(n => n.LabelCount != manifest.Labels.Count))
            throw new ArgumentException($"Every network must score the manifest's {manifest.Labels.Count} labels.", nameof(networks));
        return new GenreModel(manifest, networks, backbone: null);
    }

    /// <summary>Wraps freshly trained networks (the members of an ensemble, all trained on the same features and
    /// patch length) as a model; the manifest records their architecture, seeds and patch length.</summary>
    /// <param name="name">Short model name for the manifest.</param>
    /// <param name="labels">Genres in output order.</param>
    /// <param name="features">Log-mel parameters of the training features.</param>
    /// <param name="members">Training results; the model takes ownership of their networks.</param>
    /// <param name="training">Where the data came from and how training ran, if known.</param>
    /// <param name="metrics">Measured figures, if any.</param>
    /// <exception cref="ArgumentException">No members, members of different architectures or patch lengths, or a
    /// network that is not of its architecture.</exception>
    /// <exception cref="ModelLoadException">The members need a pretrained backbone that is not installed
    /// (<see cref="ModelLoadErrorKind.MissingBackbone"/>).</exception>
    public static GenreModel FromTraining(string name, IReadOnlyList<string> labels, LogMelOptions features,
        IReadOnlyList<Training.TrainingResult> members, TrainingRecord? training = null, IReadOnlyList<ModelMetric>? metrics = null)
    {
        ArgumentNullException.ThrowIfNull(members);
        if (members.Count == 0)
            throw new ArgumentException("A model needs at least one trained network.", nameof(members));
        var first = members[0];
        if (members.Any(m => m.PatchFrames != first.PatchFrames || m.HopFrames != first.HopFrames ||
                             !m.Architecture.CanEnsembleWith(first.Architecture)))
            throw new ArgumentException("Ensemble members must share architecture and patch length.", nameof(members));
        var manifest = new ModelManifest
        {
            Name = name,
            Created = DateTimeOffset.UtcNow,
            Labels = labels,
            Features = features,
            PatchFrames = first.PatchFrames,
            HopFrames = first.HopFrames,
            Architecture = first.Architecture,
            Members = members.Select(m => new ModelMember("", "", m.Seed)).ToArray(),
            Training = training,
            Metrics = metrics ?? [],
        };
        var backbone = LoadBackbone(name, manifest.Architecture);
        try
        {
            return new GenreModel(manifest, members.Select(m => Wrap(m.Network, m.Architecture, backbone)).ToArray(), backbone);
        }
        catch
        {
            backbone?.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Loads and checks a model folder: the manifest's version, feature pipeline and labels, the architecture, every
    /// weights file's SHA-256 and, for a model on a pretrained backbone, that backbone's SHA-256.
    /// </summary>
    /// <param name="folder">The model folder.</param>
    /// <exception cref="ModelLoadException">The folder cannot be used; <see cref="ModelLoadException.Kind"/> says why.</exception>
    public static GenreModel Load(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        var manifestPath = Path.Combine(folder, ManifestFileName);
        if (!File.Exists(manifestPath))
            throw new ModelLoadException(ModelLoadErrorKind.Missing, folder,
                Directory.Exists(folder) ? $"no {ManifestFileName} in it." : "the folder does not exist.");
        var manifest = ReadManifest(folder, manifestPath);
        Check(folder, manifest);

        var backbone = LoadBackbone(folder, manifest.Architecture);
        var networks = new List<IPatchNetwork>();
        try
        {
            foreach (var member in manifest.Members)
                networks.Add(LoadMember(folder, manifest, member, backbone));
        }
        catch
        {
            foreach (var network in networks)
                network.Dispose();
            backbone?.Dispose();
            throw;
        }
        return new GenreModel(manifest, networks, backbone);
    }

    /// <summary>Saves the model: one weights file per network, then <c>manifest.json</c> (last, so a folder with a
    /// manifest is complete). Returns the manifest as written, with its members' file names and hashes.</summary>
    /// <param name="folder">The model folder; created if needed.</param>
    /// <param name="metrics">Figures measured after the model was built (e.g. on validation data), written instead of
    /// the manifest's own when given.</param>
    public ModelManifest Save(string folder, IReadOnlyList<ModelMetric>? metrics = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        Directory.CreateDirectory(folder);
        var members = new List<ModelMember>();
        for (var i = 0; i < _networks.Count; i++)
        {
            var file = $"network-{i}.bin";
            var path = Path.Combine(folder, file);
            _networks[i].Weights.save(path);
            var seed = i < Manifest.Members.Count ? Manifest.Members[i].Seed : 0;
            members.Add(new ModelMember(file, Sha256Of(path), seed));
        }
        var saved = Manifest with { Members = members, Metrics = metrics ?? Manifest.Metrics };
        var temporary = Path.Combine(folder, ManifestFileName + ".tmp");
        File.WriteAllBytes(temporary, JsonSerializer.SerializeToUtf8Bytes(saved, ManifestJson.Default.ModelManifest));
        File.Move(temporary, Path.Combine(folder, ManifestFileName), overwrite: true);
        return saved;
    }

    /// <summary>
    /// Scores a clip: the probabilities of every patch (cut every <paramref name="hopFrames"/> frames, by default
    /// the manifest's hop) and their mean, the clip's answer. Ensemble members are averaged per patch.
    /// </summary>
    /// <param name="mel">Log-mel spectrogram computed with <see cref="Features"/>.</param>
    /// <param name="hopFrames">Frames between patch starts; null = the manifest's <see cref="ModelManifest.HopFrames"/>.</param>
    /// <exception cref="ArgumentException">The spectrogram's mel count, rate or hop differ from the model's features,
    /// or it has no frames.</exception>
    public ClipScores Score(MelSpectrogram mel, int? hopFrames = null)
    {
        ArgumentNullException.ThrowIfNull(mel);
        var features = Manifest.Features;
        if (mel.MelCount != features.MelCount || mel.SampleRate != features.SampleRate || mel.HopLength != features.HopLength)
            throw new ArgumentException(
                $"The model needs {features.MelCount} mels at {features.SampleRate} Hz, hop {features.HopLength}; got {mel.MelCount} mels at {mel.SampleRate} Hz, hop {mel.HopLength}.",
                nameof(mel));
        if (mel.FrameCount == 0)
            throw new ArgumentException("The spectrogram has no frames.", nameof(mel));
        var segmenter = hopFrames is { } hop && hop != _segmenter.HopFrames ? new Segmenter(_segmenter.PatchFrames, hop) : _segmenter;

        float[] patchProbabilities;
        lock (_lock)
            patchProbabilities = PatchScoring.PatchProbabilities(_networks, segmenter, mel);
        return new ClipScores(Labels, mel, segmenter, patchProbabilities);
    }

    /// <summary>
    /// Scores patches cut and converted to dB by the caller (streaming pipelines): the softmax probabilities of the
    /// first <paramref name="count"/> patches of <paramref name="patches"/>, averaged over the ensemble, into
    /// <paramref name="probabilities"/> (row-major patch × label). Thread-safe like <see cref="Score"/>.
    /// </summary>
    /// <param name="patches">Patch after patch, each <c>[mel][frame]</c> with <see cref="LogMelOptions.MelCount"/> ×
    /// <see cref="ModelManifest.PatchFrames"/> values in dB; its length is a whole number of patches.</param>
    /// <param name="count">Patches to score, 1 to <see cref="MaxBatchPatches"/>.</param>
    /// <param name="probabilities">At least <paramref name="count"/> × label count values.</param>
    /// <exception cref="ArgumentException">Sizes that do not fit.</exception>
    public void ScorePatches(float[] patches, int count, Span<float> probabilities)
    {
        ArgumentNullException.ThrowIfNull(patches);
        var size = Features.MelCount * Manifest.PatchFrames;
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, MaxBatchPatches);
        if (patches.Length % size != 0 || patches.Length < count * size)
            throw new ArgumentException($"Expected whole patches of {size} values, at least {count} of them; got {patches.Length} values.", nameof(patches));
        ArgumentOutOfRangeException.ThrowIfLessThan(probabilities.Length, count * Labels.Count, nameof(probabilities));
        lock (_lock)
            PatchScoring.ScoreBatch(_networks, patches, count, Features.MelCount, Manifest.PatchFrames, probabilities[..(count * Labels.Count)]);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var network in _networks)
            network.Dispose();
        _backbone?.Dispose();
    }

    private static ModelManifest ReadManifest(string folder, string path)
    {
        try
        {
            using var stream = File.OpenRead(path);
            return JsonSerializer.Deserialize(stream, ManifestJson.Default.ModelManifest)
                   ?? throw new JsonException("The manifest is null.");
        }
        catch (JsonException e)
        {
            throw new ModelLoadException(ModelLoadErrorKind.InvalidManifest, folder, $"{ManifestFileName} is not a valid manifest: {e.Message}", e);
        }
    }

    private static void Check(string folder, ModelManifest manifest)
    {
        if (manifest.FormatVersion > ModelManifest.CurrentFormatVersion || manifest.FormatVersion < 1)
            throw new ModelLoadException(ModelLoadErrorKind.UnsupportedVersion, folder,
                $"its manifest format version is {manifest.FormatVersion}; this MelGenre reads version {ModelManifest.CurrentFormatVersion}. Use the MelGenre release that wrote it, or retrain.");
        if (manifest.FeaturePipelineVersion != FeatureCache.PipelineVersion)
            throw new ModelLoadException(ModelLoadErrorKind.FeatureMismatch, folder,
                $"it was trained on features of pipeline version {manifest.FeaturePipelineVersion}; this MelGenre computes version {FeatureCache.PipelineVersion}. Retrain the model.");
        var labels = manifest.Labels;
        if (labels.Count < 2 || labels.Any(string.IsNullOrWhiteSpace) || labels.Distinct(StringComparer.Ordinal).Count() != labels.Count)
            throw new ModelLoadException(ModelLoadErrorKind.InvalidManifest, folder,
                $"its labels must be at least two distinct names, got [{string.Join(", ", labels)}].");
        var architecture = manifest.Architecture;
        if (!ModelArchitecture.KnownKinds.Contains(architecture.Kind))
            throw new ModelLoadException(ModelLoadErrorKind.UnknownArchitecture, folder,
                $"architecture '{architecture.Kind}' is unknown to this MelGenre (it knows '{string.Join("', '", ModelArchitecture.KnownKinds)}').");
        if (architecture.LabelCount is not { } labelCount)
            throw new ModelLoadException(ModelLoadErrorKind.InvalidManifest, folder,
                $"architecture '{architecture.Kind}' needs its options and no others (cnn for '{ModelArchitecture.GenreCnnKind}', embeddingHead for '{ModelArchitecture.ResNet18MlpKind}').");
        if (labelCount != labels.Count)
            throw new ModelLoadException(ModelLoadErrorKind.InvalidManifest, folder,
                $"the network scores {labelCount} labels but the manifest lists {labels.Count}.");
        if (manifest.PatchFrames < 16 || manifest.HopFrames < 1)
            throw new ModelLoadException(ModelLoadErrorKind.InvalidManifest, folder,
                $"patch length {manifest.PatchFrames} and hop {manifest.HopFrames} frames are not usable (need ≥ 16 and ≥ 1).");
        if (manifest.Members.Count == 0)
            throw new ModelLoadException(ModelLoadErrorKind.InvalidManifest, folder, "it lists no weights files.");
    }

    private static IPatchNetwork LoadMember(string folder, ModelManifest manifest, ModelMember member, MelEmbedder? backbone)
    {
        // Member files are plain names inside the folder: a manifest must not reach elsewhere on the disk.
        if (member.File != Path.GetFileName(member.File) || member.File is "" or "." or "..")
            throw new ModelLoadException(ModelLoadErrorKind.InvalidManifest, folder, $"weights file '{member.File}' is not a plain file name.");
        var path = Path.Combine(folder, member.File);
        if (!File.Exists(path))
            throw new ModelLoadException(ModelLoadErrorKind.Missing, folder, $"weights file {member.File} is missing.");
        var actual = Sha256Of(path);
        if (!string.Equals(actual, member.Sha256, StringComparison.OrdinalIgnoreCase))
            throw new ModelLoadException(ModelLoadErrorKind.CorruptWeights, folder,
                $"weights file {member.File} has SHA-256 {actual}, the manifest expects {member.Sha256}: the file was changed or damaged.");
        var architecture = manifest.Architecture;
        nn.Module weights = architecture.Kind == ModelArchitecture.GenreCnnKind
            ? new GenreCnn(architecture.Cnn!)
            : new EmbeddingHead(architecture.EmbeddingHead!);
        try
        {
            weights.load(path);
        }
        catch (Exception e) when (e is ArgumentException or IOException or InvalidOperationException or System.Runtime.InteropServices.ExternalException)
        {
            weights.Dispose();
            throw new ModelLoadException(ModelLoadErrorKind.CorruptWeights, folder, $"weights file {member.File} does not fit the architecture: {e.Message}", e);
        }
        weights.eval();
        return Wrap(weights, architecture, backbone);
    }

    /// <summary>The member network for trained <paramref name="weights"/> of <paramref name="architecture"/>.</summary>
    /// <exception cref="ArgumentException">The weights are not of the architecture's module type.</exception>
    private static IPatchNetwork Wrap(nn.Module weights, ModelArchitecture architecture, MelEmbedder? backbone) =>
        (weights, backbone) switch
        {
            (GenreCnn cnn, _) when architecture.Kind == ModelArchitecture.GenreCnnKind => cnn,
            (EmbeddingHead head, { } embedder) when architecture.Kind == ModelArchitecture.ResNet18MlpKind => new EmbeddingHeadNetwork(embedder, head),
            _ => throw new ArgumentException($"A {weights.GetType().Name} is not a network of architecture '{architecture.Kind}'.", nameof(weights)),
        };

    /// <summary>The shared frozen backbone an architecture stands on (null for one that has none), after checking that the
    /// installed weights file is the one recorded.</summary>
    /// <exception cref="ModelLoadException">The backbone's package is absent or holds other weights.</exception>
    private static MelEmbedder? LoadBackbone(string folder, ModelArchitecture architecture)
    {
        if (architecture.Kind != ModelArchitecture.ResNet18MlpKind || architecture.EmbeddingHead is not { } head)
            return null;
        var wanted = head.Backbone;
        try
        {
            var installed = ResNet18OnnxFiles.BackboneSha256();
            if (!string.Equals(installed, wanted.Sha256, StringComparison.OrdinalIgnoreCase))
                throw new ModelLoadException(ModelLoadErrorKind.MissingBackbone, folder,
                    $"it was trained on the ResNet18.onnx of {wanted.PackageId} {wanted.PackageVersion} with SHA-256 {wanted.Sha256}; " +
                    $"the installed one ({ResNet18OnnxFiles.PackageId} {ResNet18OnnxFiles.PackageVersion}) has SHA-256 {installed}. " +
                    "Use the MelGenre release that matches the model, or retrain.");
            return MelEmbedder.LoadPretrained(head.Image);
        }
        catch (FileNotFoundException e)
        {
            throw new ModelLoadException(ModelLoadErrorKind.MissingBackbone, folder,
                $"it stands on the ImageNet ResNet18 of NuGet package {wanted.PackageId} {wanted.PackageVersion}, which is not installed " +
                $"(no {e.FileName}). Run 'dotnet restore' of src/MelGenre.Model on this machine.", e);
        }
    }

    private static string Sha256Of(string path)
    {
        using var file = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(file));
    }
}
