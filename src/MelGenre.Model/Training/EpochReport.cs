namespace MelGenre.Model.Training;

/// <summary>What one epoch of <see cref="GenreTrainer"/> did, reported as it ends.</summary>
/// <param name="Epoch">1-based epoch number.</param>
/// <param name="Epochs">Epochs planned (early stopping may end sooner).</param>
/// <param name="TrainLoss">Mean training loss over the epoch's patches (augmented, class-weighted).</param>
/// <param name="TrainAccuracy">Fraction of the epoch's training patches the live network got right while learning.</param>
/// <param name="Validation">Clip-level scores of the averaged weights on the validation clips; null without validation data.</param>
/// <param name="Seconds">Wall time of the epoch, validation included.</param>
/// <param name="PatchesPerSecond">Training patches processed per second of the epoch's training phase.</param>
/// <param name="RemainingSeconds">Estimated time to finish the planned epochs at this epoch's pace.</param>
/// <param name="IsBest">Whether this epoch's weights are the best so far (and the ones kept).</param>
public sealed record EpochReport(int Epoch, int Epochs, double TrainLoss, double TrainAccuracy, ValidationScore? Validation,
    double Seconds, double PatchesPerSecond, double RemainingSeconds, bool IsBest);

/// <summary>Clip-level validation scores: a clip's answer is the mean of its patches' probabilities.</summary>
/// <param name="Loss">Mean negative log probability of each clip's true label.</param>
/// <param name="Accuracy">Fraction of clips whose top genre is right.</param>
/// <param name="BalancedAccuracy">Mean recall over the genres present in the validation clips.</param>
public sealed record ValidationScore(double Loss, double Accuracy, double BalancedAccuracy);
