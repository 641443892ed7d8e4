using System.CommandLine;
using MelGenre.Model.Training;

namespace MelGenre.Cli.Commands.Training;

/// <summary>The network to train: <c>--arch</c>.</summary>
internal enum ModelKind
{
    /// <summary>The compact CNN on 3 s log-mel patches (<see cref="GenreTrainer"/>).</summary>
    Cnn,

    /// <summary>An MLP head on frozen ImageNet ResNet18 embeddings of the patches (<see cref="EmbeddingHeadTrainer"/>).</summary>
    ResNet18,
}

/// <summary>The trainer's command-line options, shared by <c>train</c> and <c>cv</c>. Defaults depend on <c>--arch</c>:
/// <see cref="TrainingOptions"/>' for the CNN, <see cref="TrainingOptions.ForEmbeddingHead"/> for ResNet18.</summary>
internal sealed class TrainingOptionSet
{
    private static readonly TrainingOptions CnnDefaults = new();
    private static readonly TrainingOptions HeadDefaults = TrainingOptions.ForEmbeddingHead;

    public Option<ModelKind> Architecture { get; } = new("--arch")
    {
        Description = "Network: cnn (compact CNN on 3 s log-mel patches) or resnet18 (MLP head on frozen ImageNet ResNet18 embeddings of the patches, cached).",
        DefaultValueFactory = _ => ModelKind.Cnn,
    };

    public Option<int?> Epochs { get; } = new("--epochs") { Description = $"Passes over the training clips (default {CnnDefaults.Epochs} for cnn, {HeadDefaults.Epochs} for resnet18)." };

    public Option<int> Seed { get; } = new("--seed") { Description = "Random seed (weights, crops, masks; the ensemble's members use seed, seed+1, ...).", DefaultValueFactory = _ => CnnDefaults.Seed };

    public Option<int> Members { get; } = CommandOptions.PositiveInt("--members", 1, "Networks trained with consecutive seeds and averaged (an ensemble).");

    public Option<int?> BatchSize { get; } = new("--batch-size") { Description = $"Patches per step (default {CnnDefaults.BatchSize} for cnn, {HeadDefaults.BatchSize} for resnet18)." };

    public Option<double?> LearningRate { get; } = new("--learning-rate") { Description = $"Learning rate: the one-cycle peak for cnn (default {CnnDefaults.LearningRate}), constant for resnet18 (default {HeadDefaults.LearningRate})." };

    public Option<double?> Mixup { get; } = new("--mixup") { Description = $"Mixup's alpha (cnn only, default {CnnDefaults.MixupAlpha}); 0 turns mixup off." };

    public Option<double?> ClassWeightPower { get; } = new("--class-weight-power") { Description = $"Inverse-frequency class weights to this power: 0 none, 1 fully balanced (default {CnnDefaults.ClassWeightPower} for cnn, {HeadDefaults.ClassWeightPower} for resnet18)." };

    public Option<int> Threads { get; } = CommandOptions.PositiveInt("--threads", 1, "libtorch threads (1 on a busy or small machine; the number of physical cores on a dedicated one).");

    public IEnumerable<Option> All => [Architecture, Epochs, Seed, Members, BatchSize, LearningRate, Mixup, ClassWeightPower, Threads];

    /// <summary>Adds the options to <paramref name="command"/>. Ranges are checked in the action (<see cref="Problem"/>):
    /// a command validator does not see the options' default values.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in All)
            command.Options.Add(option);
    }

    /// <summary>Why the given values cannot train, or null.</summary>
    public string? Problem(ParseResult parsed) =>
        parsed.GetValue(Epochs) < 1 || parsed.GetValue(Members) < 1 || parsed.GetValue(Threads) < 1 ? "--epochs, --members and --threads must be at least 1."
        : parsed.GetValue(BatchSize) < 2 ? "--batch-size must be at least 2."
        : parsed.GetValue(LearningRate) is <= 0 or double.NaN ? "--learning-rate must be positive."
        : parsed.GetValue(Mixup) < 0 || parsed.GetValue(ClassWeightPower) < 0 ? "--mixup and --class-weight-power must not be negative."
        : parsed.GetValue(Architecture) == ModelKind.ResNet18 && parsed.GetValue(Mixup) > 0 ? "--mixup applies to --arch cnn only."
        : null;

    /// <summary>The trainer settings for member <paramref name="member"/> (0-based) of the ensemble.</summary>
    public TrainingOptions Read(ParseResult parsed, int member = 0)
    {
        var defaults = parsed.GetValue(Architecture) == ModelKind.ResNet18 ? HeadDefaults : CnnDefaults;
        return defaults with
        {
            Epochs = parsed.GetValue(Epochs) ?? defaults.Epochs,
            Seed = parsed.GetValue(Seed) + member,
            BatchSize = parsed.GetValue(BatchSize) ?? defaults.BatchSize,
            LearningRate = parsed.GetValue(LearningRate) ?? defaults.LearningRate,
            MixupAlpha = parsed.GetValue(Mixup) ?? defaults.MixupAlpha,
            ClassWeightPower = parsed.GetValue(ClassWeightPower) ?? defaults.ClassWeightPower,
        };
    }
}
