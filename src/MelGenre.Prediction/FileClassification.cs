namespace MelGenre.Prediction;

/// <summary>What classifying one input gave: its prediction, or why it failed. One entry of the JSON array
/// <see cref="PredictionJson"/> writes.</summary>
/// <param name="File">The input as the caller named it (a path as given, an upload's name).</param>
/// <param name="Prediction">The answer; null when the input failed.</param>
/// <param name="Error">A one-line reason the input failed; null when it succeeded.</param>
public sealed record FileClassification(string File, GenrePrediction? Prediction, string? Error)
{
    /// <summary>An input that was classified.</summary>
    public static FileClassification Succeeded(string file, GenrePrediction prediction)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        return new FileClassification(file, prediction, null);
    }

    /// <summary>An input that failed, with a one-line <paramref name="error"/>.</summary>
    public static FileClassification Failed(string file, string error)
    {
        ArgumentException.ThrowIfNullOrEmpty(error);
        return new FileClassification(file, null, error);
    }
}
