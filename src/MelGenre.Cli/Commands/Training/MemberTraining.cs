using MelGenre.Features.Mel;
using MelGenre.Model.Data;
using MelGenre.Model.Embeddings;
using MelGenre.Model.Training;

namespace MelGenre.Cli.Commands.Training;

/// <summary>
/// Trains ensemble members of the architecture chosen with <c>--arch</c>. For <see cref="ModelKind.ResNet18"/> every
/// clip's patches are embedded once up front (through the embedding cache, progress on stderr); members then train on
/// the embeddings of whichever clips they are given.
/// </summary>
internal sealed class MemberTraining
{
    private readonly ModelKind _kind;
    private readonly EmbeddingHeadOptions? _head;
    private readonly Segmenter? _layout;
    private readonly Dictionary<string, ClipEmbedding> _embeddings;

    private MemberTraining(ModelKind kind, EmbeddingHeadOptions? head, Segmenter? layout, Dictionary<string, ClipEmbedding> embeddings)
    {
        _kind = kind;
        _head = head;
        _layout = layout;
        _embeddings = embeddings;
    }

    /// <summary>Prepares training of <paramref name="kind"/> members on (subsets of) <paramref name="clips"/>; null, with
    /// the reason on <paramref name="log"/>, when the architecture's backbone is not installed.</summary>
    public static MemberTraining? Prepare(ModelKind kind, LogMelOptions features, IReadOnlyList<ClipFeatures> clips, TextWriter log)
    {
        if (kind == ModelKind.Cnn)
            return new MemberTraining(kind, null, null, []);
        BackboneIdentity backbone;
        try
        {
            backbone = BackboneIdentity.InstalledResNet18();
        }
        catch (FileNotFoundException e)
        {
            log.WriteLine($"melgenre: --arch resnet18 needs the ImageNet ResNet18 weights: {e.Message}");
            return null;
        }
        var head = new EmbeddingHeadOptions { LabelCount = 2, Backbone = backbone };
        // Patches without overlap, as the head was measured (docs/RESNET18.md); the model scores clips the same way.
        var layout = new Segmenter();
        using var cache = new EmbeddingCache(new FeatureCache(options: features), layout, imageOptions: head.Image);
        var step = Math.Max(1, clips.Count / 10);
        var progress = new SynchronousProgress<EmbeddingProgress>(p =>
        {
            if (p.Done % step == 0 || p.Done == p.Total)
                log.WriteLine($"embeddings {p.Done}/{p.Total} ({p.Computed} computed, {p.Done - p.Computed} cached)");
        });
        var set = cache.Load(clips.DistinctBy(c => c.Clip.Path).ToArray(), progress);
        return new MemberTraining(kind, head, layout, set.Embeddings.ToDictionary(e => e.Clip.Path));
    }

    /// <summary>Trains one member.</summary>
    public TrainingResult Train(TrainingOptions options, IReadOnlyList<string> labels, IReadOnlyList<ClipFeatures> training,
        IReadOnlyList<ClipFeatures> validation, IProgress<EpochReport> progress) =>
        _kind == ModelKind.Cnn
            ? new GenreTrainer(options).Train(labels, training, validation, progress)
            : new EmbeddingHeadTrainer(options, _head!, _layout!).Train(labels, EmbeddingsOf(training), EmbeddingsOf(validation), progress);

    private ClipEmbedding[] EmbeddingsOf(IReadOnlyList<ClipFeatures> clips) => clips.Select(c => _embeddings[c.Clip.Path]).ToArray();
}
