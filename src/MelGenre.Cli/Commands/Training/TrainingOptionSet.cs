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

    public Option<int> Members { get; } = new("--members") { Description = "Networks trained with consecutive seeds and averaged (an ensemble).", DefaultValueFactory = _ => 1 };

    public Option<int?> BatchSize { get; } = new("--batch-size") { Description = $"Patches per step (default {CnnDefaults.BatchSize} for cnn, {HeadDefaults.BatchSize} for resnet18)." };

    public Option<double?> LearningRate { get; } = new("--learning-rate") { Description = $"Learning rate: the one-cycle peak for cnn (default {CnnDefaults.LearningRate}), constant for resnet18 (default {HeadDefaults.LearningRate})." };

    public Option<double> Mixup { get; } = new("--mixup") { Description = "Mixup's alpha (cnn only); 0 turns mixup off.", DefaultValueFactory = _ => CnnDefaults.MixupAlpha };

    public Option<double?> ClassWeightPower { get; } = new("--class-weight-power") { Description = $"Inverse-frequency class weights to this power: 0 none, 1 fully balanced (default {CnnDefaults.ClassWeightPower} for cnn, {HeadDefaults.ClassWeightPower} for resnet18)." };

    public Option<int> Threads { get; } = new("--threads") { Description = "libtorch threads (1 on a busy or small machine; the number of physical cores on a dedicated one).", DefaultValueFactory = _ => 1 };

    public IEnumerable<Option> All => [Architecture, Epochs, Seed, Members, BatchSize, LearningRate, Mixup, ClassWeightPower, Threads];

    /// <summary>Adds the options and a validator of their ranges to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        foreach (var option in All)
            command.Options.Add(option);
        command.Validators.Add(result =>
        {
            if (result.GetValue(Epochs) < 1 || result.GetValue(Members) < 1 || result.GetValue(BatchSize) < 2 || result.GetValue(Threads) < 1)
                result.AddError("--epochs, --members and --threads must be at least 1, --batch-size at least 2.");
            else if (result.GetValue(LearningRate) is <= 0 or double.NaN || result.GetValue(Mixup) < 0 || result.GetValue(ClassWeightPower) < 0)
                result.AddError("--learning-rate must be positive; --mixup and --class-weight-power not negative.");
            else if (result.GetValue(Architecture) == ModelKind.ResNet18 && result.GetValue(Mixup) > 0)
                result.AddError("--mixup applies to --arch cnn only.");
        });
    }

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
            MixupAlpha = parsed.GetValue(Mixup),
            ClassWeightPower = parsed.GetValue(ClassWeightPower) ?? defaults.ClassWeightPower,
        };
    }
}
