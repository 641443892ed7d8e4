namespace MelGenre.Features.Mel;

/// <summary>
/// Parameters of <c>librosa.filters.mel</c> (0.10.2) with its defaults: <c>n_mels=128</c>, <c>fmin=0</c>,
/// <c>fmax=sr/2</c>, <c>htk=False</c>, <c>norm='slaney'</c>, float32 weights. Sample rate and FFT size default to
/// the project's 22050 Hz and 2048.
/// </summary>
public sealed record MelFilterbankOptions
{
    /// <summary>Sample rate <c>sr</c> in Hz. Default 22050.</summary>
    public double SampleRate { get; init; } = 22050;

    /// <summary>FFT length <c>n_fft</c>; the bank has <c>1 + n_fft/2</c> columns. Default 2048.</summary>
    public int FftSize { get; init; } = 2048;

    /// <summary>Number of mel bands <c>n_mels</c>. Default 128.</summary>
    public int MelCount { get; init; } = 128;

    /// <summary>Lowest band edge <c>fmin</c> in Hz. Default 0.</summary>
    public double MinFrequency { get; init; }

    /// <summary>Highest band edge <c>fmax</c> in Hz. Default null = <c>sr / 2</c>.</summary>
    public double? MaxFrequency { get; init; }

    /// <summary>HTK mel formula instead of Slaney's (<c>htk</c>). Default false.</summary>
    public bool Htk { get; init; }

    /// <summary>Slaney area normalisation, each triangle scaled by <c>2 / (f[i+2] − f[i])</c> (<c>norm='slaney'</c>); false = <c>norm=None</c>, peaks of 1. Default true.</summary>
    public bool SlaneyNormalize { get; init; } = true;

    /// <summary>The effective <c>fmax</c>.</summary>
    public double EffectiveMaxFrequency => MaxFrequency ?? SampleRate / 2;
}
