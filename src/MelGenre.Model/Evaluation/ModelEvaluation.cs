using MelGenre.Model.Data;

namespace MelGenre.Model.Evaluation;

/// <summary>Scores labelled clips with a model and tallies its answers.</summary>
public static class ModelEvaluation
{
    /// <summary>
    /// Classifies every clip (mean of its patch probabilities, top genre) and counts the answers against the clips'
    /// labels, over the model's labels.
    /// </summary>
    /// <param name="model">The model.</param>
    /// <param name="dataLabels">The label names the clips' <see cref="LabeledClip.LabelIndex"/> refer to.</param>
    /// <param name="clips">Clips with log-mel spectrograms computed with the model's features.</param>
    /// <exception cref="ArgumentException">A clip's genre is not one of the model's labels, or no clips.</exception>
    public static ConfusionMatrix Evaluate(GenreModel model, IReadOnlyList<string> dataLabels, IReadOnlyList<ClipFeatures> clips)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(dataLabels);
        ArgumentNullException.ThrowIfNull(clips);
        if (clips.Count == 0)
            throw new ArgumentException("No clips to evaluate.", nameof(clips));
        var modelIndex = model.Labels.Select((label, i) => (label, i)).ToDictionary(p => p.label, p => p.i, StringComparer.Ordinal);
        var unknown = clips.Select(c => dataLabels[c.Clip.LabelIndex]).Where(l => !modelIndex.ContainsKey(l)).Distinct().ToArray();
        if (unknown.Length > 0)
            throw new ArgumentException(
                $"The data has genres the model does not know: {string.Join(", ", unknown)} (the model knows {string.Join(", ", model.Labels)}).",
                nameof(clips));
        var matrix = new ConfusionMatrixBuilder(model.Labels);
        foreach (var clip in clips)
            matrix.Add(modelIndex[dataLabels[clip.Clip.LabelIndex]], model.Score(clip.Mel).TopIndex);
        return matrix.Build();
    }
}
