namespace MelGenre.Model.Tabular;

/// <summary>One row of a feature table: the clip's file name, its length in samples, its feature values in the table's
/// column order, and its genre when the table has a <c>label</c> column.</summary>
/// <param name="File">The row's <c>filename</c>, e.g. <c>blues.00000.wav</c>.</param>
/// <param name="Length">The <c>length</c> column: samples at 22 050 Hz.</param>
/// <param name="Values">One value per feature column, in <see cref="FeatureTable.Columns"/> order.</param>
/// <param name="Label">The <c>label</c> column, or null when the table has none.</param>
public sealed record FeatureRow(string File, long Length, IReadOnlyList<double> Values, string? Label)
{
    /// <summary>Sample rate the <c>length</c> column counts at (GTZAN's).</summary>
    public const double SampleRate = 22050;

    /// <summary>The clip's duration in seconds: <see cref="Length"/> / <see cref="SampleRate"/>.</summary>
    public double Duration => Length / SampleRate;
}
