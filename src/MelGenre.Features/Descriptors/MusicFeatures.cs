using System.Runtime.Intrinsics;
using MelGenre.Features.Mel;
using MelGenre.Features.Transforms;

namespace MelGenre.Features.Descriptors;

/// <summary>
/// The GTZAN feature table's descriptors of a mono 22050 Hz clip, librosa 0.10.2-exact, from one shared STFT
/// (n_fft 2048, hop 512, Hann, centred, zero padding — every feature's default):
/// <list type="bullet">
/// <item><c>chroma_stft</c>: power spectrum → <see cref="ChromaFilterbank"/> tuned by <see cref="TuningEstimator"/>
/// (librosa estimates the tuning when none is given) → each frame divided by its largest class (<c>norm=inf</c>);</item>
/// <item><c>rms</c> (<see cref="Features.Rms"/>, frames of 2048, zero-padded), <c>zero_crossing_rate</c>
/// (<see cref="Descriptors.ZeroCrossingRate"/>, edge-padded);</item>
/// <item><c>spectral_centroid</c>, <c>spectral_bandwidth</c> (p 2), <c>spectral_rolloff</c> (0.85) of the magnitude
/// (<see cref="SpectralShape"/>);</item>
/// <item><c>mfcc</c>: 20 coefficients of <c>power_to_db(melspectrogram)</c> (128 Slaney bands, ref 1.0, top_db 80;
/// <see cref="MfccTransform"/>); the same dB frames feed the onset strength of <see cref="TempoEstimator"/>;</item>
/// <item><c>effects.hpss</c> (<see cref="HarmonicPercussiveSeparation"/>): mean and variance of the two signals.</item>
/// </list>
/// Filterbanks, windows and FFT twiddles are built once; buffers grow to the longest clip seen and are reused.
/// Not thread-safe: use one instance per thread.
/// </summary>
public sealed class MusicFeatures
{
    /// <summary>The sample rate every default above assumes: 22050 Hz.</summary>
    public const int SampleRate = 22050;

    private readonly StftOptions _options;
    private readonly ShortTimeFourierTransform _stft;
    private readonly MelFilterbank _mel = MelFilterbank.Create();
    private readonly MfccTransform _mfcc = new(MusicFeatureSummary.MfccCount, 128);
    private readonly HarmonicPercussiveSeparation _hpss;
    private readonly TempoEstimator _tempo;
    private readonly double _binHz;
    private readonly float[] _power;
    private float[] _real = [], _imaginary = [], _magnitude = [], _melFrames = [];
    private float[] _harmonic = [], _percussive = [];

    /// <summary>Precomputes everything for <paramref name="options"/> (null: librosa 0.10.2's defaults).</summary>
    public MusicFeatures(MusicFeatureOptions? options = null)
    {
        Options = options ?? MusicFeatureOptions.Librosa010;
        _options = new StftOptions { PadMode = Options.PadMode };
        _stft = new ShortTimeFourierTransform(_options);
        _hpss = new HarmonicPercussiveSeparation(HarmonicPercussiveSeparation.DefaultKernelSize, _options, Options.TruncatedHpss);
        _tempo = new TempoEstimator(SampleRate, _options.HopLength);
        _binHz = (double)SampleRate / _options.FftSize;
        _power = new float[_options.BinCount];
    }

    /// <summary>The version-dependent defaults in use.</summary>
    public MusicFeatureOptions Options { get; }

    /// <summary>
    /// The descriptors of <paramref name="mono22050"/>: mono samples at 22050 Hz, as <c>librosa.load(path)</c> returns
    /// them (decode, <c>ToMono()</c>, resample to 22050 Hz with soxr HQ).
    /// </summary>
    /// <exception cref="ArgumentException">An empty signal.</exception>
    public MusicFeatureSummary Compute(ReadOnlySpan<float> mono22050)
    {
        if (mono22050.IsEmpty)
            throw new ArgumentException("No samples: the features of an empty clip are undefined.", nameof(mono22050));
        var bins = _options.BinCount;
        var melCount = _mel.MelCount;
        var frames = _stft.Prepare(mono22050);
        var cells = frames * bins;
        var real = Grow(ref _real, cells);
        var imaginary = Grow(ref _imaginary, cells);
        var magnitude = Grow(ref _magnitude, cells);
        var melFrames = Grow(ref _melFrames, frames * melCount);
        var centroid = new double[frames];
        var bandwidth = new double[frames];
        var rolloff = new double[frames];
        var tuning = new TuningEstimator(SampleRate, _options.FftSize, 12);
        var melMax = 0f;
        for (var t = 0; t < frames; t++)
        {
            var re = real.Slice(t * bins, bins);
            var im = imaginary.Slice(t * bins, bins);
            var mag = magnitude.Slice(t * bins, bins);
            _stft.ComplexFrame(mono22050, t, re, im);
            Magnitude(re, im, mag, _power);
            var spread = SpectralShape.CentroidAndBandwidth(mag, _binHz);
            centroid[t] = spread.Centroid;
            bandwidth[t] = spread.Bandwidth;
            rolloff[t] = SpectralShape.Rolloff(mag, _binHz);
            var melFrame = melFrames.Slice(t * melCount, melCount);
            _mel.Apply(_power, melFrame);
            melMax = MathF.Max(melMax, Decibels.Max(melFrame));
            tuning.AddFrame(_power);
        }

        var chroma = Chroma(magnitude, frames, tuning.Estimate());
        Decibels.ConvertPower(melFrames, melFrames, 1.0, Decibels.DefaultPowerAmin, Decibels.DefaultTopDb, melMax);
        var mfcc = Mfcc(melFrames, frames);
        var tempo = _tempo.Estimate(TempoEstimator.OnsetStrength(melFrames, melCount, _options.FftSize, _options.HopLength, Options.OnsetAggregate));

        var harmonic = Grow(ref _harmonic, mono22050.Length);
        var percussive = Grow(ref _percussive, mono22050.Length);
        _hpss.Separate(mono22050, real, imaginary, magnitude, harmonic, percussive);

        return new MusicFeatureSummary
        {
            Length = mono22050.Length,
            ChromaStft = chroma,
            Rms = MeanVariance.Of(Features.Rms.Compute(mono22050, _options.FftSize, _options.HopLength, center: true, _options.PadMode)),
            SpectralCentroid = MeanVariance.Of(centroid),
            SpectralBandwidth = MeanVariance.Of(bandwidth),
            Rolloff = MeanVariance.Of(rolloff),
            ZeroCrossingRate = MeanVariance.Of(Descriptors.ZeroCrossingRate.Compute(mono22050, _options.FftSize, _options.HopLength)),
            Harmony = MeanVariance.Of(harmonic),
            Percussive = MeanVariance.Of(percussive),
            Tempo = tempo,
            Mfcc = mfcc,
        };
    }

    // chroma_stft(norm=inf) of every frame's power (recomputed from the stored magnitude), pooled over classes and frames.
    private MeanVariance Chroma(ReadOnlySpan<float> magnitude, int frames, double tuning)
    {
        var bank = ChromaFilterbank.Create(SampleRate, _options.FftSize, tuning);
        var bins = _options.BinCount;
        var values = new float[frames * bank.ChromaCount];
        for (var t = 0; t < frames; t++)
        {
            var mag = magnitude.Slice(t * bins, bins);
            for (var k = 0; k < bins; k++)
                _power[k] = mag[k] * mag[k];
            var frame = values.AsSpan(t * bank.ChromaCount, bank.ChromaCount);
            bank.Apply(_power, frame);
            var largest = 0f;
            foreach (var c in frame)
                largest = MathF.Max(largest, MathF.Abs(c));
            // util.normalize leaves a frame whose norm is below float32's smallest normal unscaled.
            if (largest >= Tiny.Single)
            {
                for (var c = 0; c < frame.Length; c++)
                    frame[c] /= largest;
            }
        }
        return MeanVariance.Of(values);
    }

    private MeanVariance[] Mfcc(ReadOnlySpan<float> melFrames, int frames)
    {
        var count = _mfcc.CoefficientCount;
        // [coefficient][frame], so that each coefficient's frames are contiguous for its mean and variance.
        var byCoefficient = new float[count * frames];
        Span<float> coefficients = stackalloc float[count];
        for (var t = 0; t < frames; t++)
        {
            _mfcc.Apply(melFrames.Slice(t * _mfcc.MelCount, _mfcc.MelCount), coefficients);
            for (var c = 0; c < count; c++)
                byCoefficient[c * frames + t] = coefficients[c];
        }
        var result = new MeanVariance[count];
        for (var c = 0; c < count; c++)
            result[c] = MeanVariance.Of(byCoefficient.AsSpan(c * frames, frames));
        return result;
    }

    // |X| = √(re² + im²) (numpy's hypot differs by at most an ulp), and the power |X|² as librosa squares the magnitude.
    internal static void Magnitude(ReadOnlySpan<float> real, ReadOnlySpan<float> imaginary, Span<float> magnitude, Span<float> power)
    {
        var k = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; k + Vector256<float>.Count <= real.Length; k += Vector256<float>.Count)
            {
                var re = Vector256.Create(real.Slice(k, Vector256<float>.Count));
                var im = Vector256.Create(imaginary.Slice(k, Vector256<float>.Count));
                var m = Vector256.Sqrt(re * re + im * im);
                m.CopyTo(magnitude[k..]);
                (m * m).CopyTo(power[k..]);
            }
        }
        for (; k < real.Length; k++)
        {
            magnitude[k] = MathF.Sqrt(real[k] * real[k] + imaginary[k] * imaginary[k]);
            power[k] = magnitude[k] * magnitude[k];
        }
    }

    private static Span<float> Grow(ref float[] buffer, int length)
    {
        if (buffer.Length < length)
            buffer = new float[length];
        return buffer.AsSpan(0, length);
    }
}
