using MelGenre.Features.Mel;

namespace MelGenre.Plots;

/// <summary>
/// What the rows of a spectrogram are, so the picture can place them on a frequency axis the way
/// <c>librosa.display.specshow</c> does: each row is drawn as a cell between two edge frequencies.
/// </summary>
public abstract record FrequencyAxis
{
    private protected FrequencyAxis()
    {
    }

    /// <summary>Number of rows a spectrogram described by this axis has.</summary>
    public abstract int RowCount { get; }

    /// <summary>The <see cref="RowCount"/> + 1 cell edges in Hz, ascending: row <c>i</c> spans <c>[edges[i], edges[i+1]]</c>.</summary>
    internal abstract double[] CellEdgesHz();

    /// <summary>How Hz map to vertical plot units.</summary>
    internal abstract FrequencyScale Scale { get; }
}

/// <summary>
/// Rows are mel bands (librosa <c>y_axis='mel'</c>): Slaney mel scale (librosa's default, <c>htk=False</c>),
/// band centres evenly spaced in mel from <paramref name="FMin"/> to <paramref name="FMax"/>.
/// </summary>
/// <param name="MelCount">Number of mel bands (librosa <c>n_mels</c>, default there 128).</param>
/// <param name="FMin">Lowest band centre in Hz (librosa default 0).</param>
/// <param name="FMax">Highest band centre in Hz (librosa default <c>sr / 2</c>, 11025 at 22050 Hz).</param>
public sealed record MelFrequencyAxis(int MelCount = 128, double FMin = 0.0, double FMax = 11025.0) : FrequencyAxis
{
    /// <inheritdoc/>
    public override int RowCount => MelCount;

    /// <summary>
    /// librosa's <c>__coord_mel_hz</c>: edges halfway between consecutive band centres, the first edge at the
    /// first centre, the last at <see cref="FMax"/>.
    /// </summary>
    internal override double[] CellEdgesHz()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MelCount);
        if (!(FMin >= 0 && FMax > FMin))
            throw new ArgumentOutOfRangeException(nameof(FMax), $"Mel axis needs 0 <= fmin < fmax, got fmin {FMin}, fmax {FMax}.");
        var centres = MelScale.MelFrequencies(MelCount, FMin, FMax);
        var edges = new double[MelCount + 1];
        edges[0] = centres[0];
        for (var i = 1; i < MelCount; i++)
            edges[i] = Math.Max(0.0, centres[i] - 0.5 * (centres[i] - centres[i - 1]));
        edges[MelCount] = FMax;
        return edges;
    }

    /// <summary>librosa draws mel axes on matplotlib's symlog scale (base 2, linear below 1000 Hz).</summary>
    internal override FrequencyScale Scale => FrequencyScale.SymLog;
}

/// <summary>
/// Rows are STFT bins <c>0 … FftSize/2</c> (librosa <c>y_axis='linear'</c> or <c>'hz'</c>).
/// </summary>
/// <param name="SampleRate">Sample rate in Hz the STFT was taken at (librosa default 22050).</param>
/// <param name="FftSize">FFT length (librosa <c>n_fft</c>, default 2048); the spectrogram has <c>1 + FftSize/2</c> rows.</param>
public sealed record LinearFrequencyAxis(int SampleRate = 22050, int FftSize = 2048) : FrequencyAxis
{
    /// <inheritdoc/>
    public override int RowCount => 1 + FftSize / 2;

    /// <summary>
    /// librosa's <c>__coord_fft_hz</c>: bins centred on their frequencies, clipped to <c>[0, sr/2]</c>
    /// (so the first and last rows are half as tall).
    /// </summary>
    internal override double[] CellEdgesHz()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(SampleRate);
        ArgumentOutOfRangeException.ThrowIfLessThan(FftSize, 2);
        var binHz = (double)SampleRate / FftSize;
        var rows = RowCount;
        var edges = new double[rows + 1];
        for (var i = 0; i < rows; i++)
            edges[i] = Math.Max(0.0, (i - 0.5) * binHz);
        edges[rows] = (rows - 1) * binHz;
        return edges;
    }

    /// <inheritdoc/>
    internal override FrequencyScale Scale => FrequencyScale.Linear;
}
