namespace MelGenre.Model.Training;

/// <summary>
/// Training produced a non-finite loss, so the weights are no longer numbers (a learning rate far too high, or a
/// libtorch CPU kernel fault seen here with two consecutive 8-channel blocks). Thrown instead of returning NaN weights.
/// </summary>
public sealed class TrainingDivergedException(int epoch, double loss)
    : Exception($"Training diverged: the mean loss of epoch {epoch} is {loss}. Lower --learning-rate or change the block widths.")
{
    /// <summary>The 1-based epoch whose loss was not finite.</summary>
    public int Epoch { get; } = epoch;
}
