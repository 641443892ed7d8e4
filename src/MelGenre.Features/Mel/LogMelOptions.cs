using MelGenre.Features.Transforms;

namespace MelGenre.Features.Mel;

/// <summary>
/// Parameters of the project's log-mel features: <c>power_to_db(melspectrogram(y, sr, n_fft, hop_length, n_mels,
/// center=True, pad_mode), ref=np.max, amin=1e-10, top_db=80)</c> with librosa 0.10.2 semantics. Defaults match
/// the reference data: 22050 Hz, n_fft 2048, hop 512, 128 Slaney-normalised bands from 0 Hz to sr/2, power 2,
/// zero padding, <c>ref=np.max</c>.
/// </summary>
public sealed record LogMelOptions
{
    /// <summary>Sample rate the input must have, Hz. Default 22050.</summary>
    public int SampleRate { get; init; } = 22050;

    /// <summary>FFT length <c>n_fft</c>. Default 2048.</summary>
    public int FftSize { get; init; } = 2048;

    /// <summary>Samples between frames <c>hop_length</c>. Default 512.</summary>
    public int HopLength { get; init; } = 512;

    /// <summary>Padding of the centred STFT. Default <see cref="PadMode.Constant"/>.</summary>
    public PadMode PadMode { get; init; } = PadMode.Constant;

    /// <summary>Number of mel bands <c>n_mels</c>. Default 128.</summary>
    public int MelCount { get; init; } = 128;

    /// <summary>Lowest band edge <c>fmin</c>, Hz. Default 0.</summary>
    public double MinFrequency { get; init; }

    /// <summary>Highest band edge <c>fmax</c>, Hz. Default null = sr / 2.</summary>
    public double? MaxFrequency { get; init; }

    /// <summary>HTK mel formula instead of Slaney's. Default false.</summary>
    public bool Htk { get; init; }

    /// <summary>0 dB reference of <c>power_to_db</c>. Default <see cref="DecibelReference.Maximum"/> (<c>ref=np.max</c>).</summary>
    public DecibelReference Reference { get; init; } = DecibelReference.Maximum;

    /// <summary>Floor of the power before the logarithm, <c>amin</c>. Default 1e-10.</summary>
    public double Amin { get; init; } = Decibels.DefaultPowerAmin;

    /// <summary>Dynamic range kept below the maximum, <c>top_db</c>; null keeps everything. Default 80.</summary>
    public double? TopDb { get; init; } = Decibels.DefaultTopDb;

    /// <summary>The STFT part of these options (Hann window of n_fft, centred).</summary>
    public StftOptions ToStftOptions() => new() { FftSize = FftSize, HopLength = HopLength, PadMode = PadMode };

    /// <summary>The filterbank part of these options (Slaney norm, float32).</summary>
    public MelFilterbankOptions ToFilterbankOptions() => new()
    {
        SampleRate = SampleRate,
        FftSize = FftSize,
        MelCount = MelCount,
        MinFrequency = MinFrequency,
        MaxFrequency = MaxFrequency,
        Htk = Htk,
    };
}
