using MelGenre.Prediction;

namespace MelGenre.Cli.Classification;

/// <summary>One file of a batch, classified so that nothing it does can stop the batch: a result, or the one-line
/// reason it failed (see <see cref="InputBatch"/>).</summary>
internal static class SafeClassification
{
    public static FileClassification Classify(Classifier classifier, string file, ClassifyOptions options)
    {
        GenrePrediction? prediction = null;
        var failure = InputBatch.TryRun(file, f => prediction = classifier.Classify(f, options));
        return failure is null ? FileClassification.Succeeded(file, prediction!) : FileClassification.Failed(file, failure);
    }
}
