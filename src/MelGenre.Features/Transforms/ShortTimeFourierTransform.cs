using MelGenre.Features.Windows;

namespace MelGenre.Features.Transforms;

/// <summary>
/// <c>librosa.stft</c> (0.10.2) of mono float32 samples, reduced to magnitude or power: periodic Hann window,
/// centred frames with zero or reflect padding cut as librosa cuts them. Window and FFT twiddles are
/// precomputed once. Not thread-safe (owns FFT and padding buffers): use one instance per thread.
/// </summary>
public sealed class ShortTimeFourierTransform
{
    private readonly FrameSource _frames;
    private readonly RealFft _fft;
    private readonly float[] _window;
    private readonly float[] _real, _imaginary;

    /// <summary>Precomputes the window and FFT for <paramref name="options"/> (null: librosa's defaults).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Invalid options.</exception>
    public ShortTimeFourierTransform(StftOptions? options = null)
    {
        Options = options ?? new StftOptions();
        Options.Validate();
        _frames = new FrameSource(Options);
        _fft = new RealFft(Options.FftSize);
        _window = HannWindow.ForStft(Options.FftSize, Options.EffectiveWindowLength);
        _real = new float[Options.BinCount];
        _imaginary = new float[Options.BinCount];
    }

    /// <summary>The parameters.</summary>
    public StftOptions Options { get; }

    /// <summary>The analysis window, <see cref="StftOptions.FftSize"/> long (float32).</summary>
    public ReadOnlySpan<float> Window => _window;

    /// <summary><c>np.abs(librosa.stft(y))</c>.</summary>
    /// <exception cref="ArgumentException">A signal too short for the options.</exception>
    public Spectrogram Magnitude(ReadOnlySpan<float> samples) => Compute(samples, SpectrogramScale.Magnitude);

    /// <summary><c>np.abs(librosa.stft(y)) ** 2</c>.</summary>
    /// <exception cref="ArgumentException">A signal too short for the options.</exception>
    public Spectrogram Power(ReadOnlySpan<float> samples) => Compute(samples, SpectrogramScale.Power);

    /// <summary>Plans the frames of <paramref name="samples"/>; returns how many there are.</summary>
    internal int Prepare(ReadOnlySpan<float> samples)
    {
        _frames.Prepare(samples);
        return _frames.FrameCount;
    }

    /// <summary>The power spectrum of frame <paramref name="frame"/> of the prepared signal.</summary>
    internal void PowerFrame(ReadOnlySpan<float> samples, int frame, Span<float> power) =>
        FramePower(_frames.Frame(samples, frame), power);

    /// <summary>The complex spectrum of frame <paramref name="frame"/> of the prepared signal (as <c>librosa.stft</c>, before complex64 rounding).</summary>
    internal void ComplexFrame(ReadOnlySpan<float> samples, int frame, Span<float> real, Span<float> imaginary) =>
        _fft.Forward(_frames.Frame(samples, frame), _window, real, imaginary);

    /// <summary>The power spectrum of one unwindowed <c>n_fft</c>-sample frame, cut by the caller (streaming).</summary>
    internal void FramePower(ReadOnlySpan<float> frame, Span<float> power) => _fft.Power(frame, _window, power);

    private Spectrogram Compute(ReadOnlySpan<float> samples, SpectrogramScale scale)
    {
        var frameCount = Prepare(samples);
        var bins = Options.BinCount;
        var values = new float[bins * frameCount];
        for (var t = 0; t < frameCount; t++)
        {
            _fft.Forward(_frames.Frame(samples, t), _window, _real, _imaginary);
            for (var k = 0; k < bins; k++)
            {
                // Magnitude as numpy's abs of complex64 (hypot); power squares it as librosa does.
                var magnitude = float.Hypot(_real[k], _imaginary[k]);
                values[k * frameCount + t] = scale == SpectrogramScale.Power ? magnitude * magnitude : magnitude;
            }
        }
        return new Spectrogram(values, bins, frameCount, Options.FftSize, Options.HopLength, scale);
    }
}
