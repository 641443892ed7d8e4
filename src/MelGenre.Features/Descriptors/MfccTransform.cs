namespace MelGenre.Features.Descriptors;

/// <summary>
/// The last step of <c>librosa.feature.mfcc</c> (0.10.2): the orthonormal DCT-II (<c>scipy.fftpack.dct(type=2,
/// norm='ortho')</c>) of a frame of <c>power_to_db(melspectrogram)</c> (ref 1.0, top_db 80), keeping the first
/// <see cref="CoefficientCount"/> coefficients (<c>n_mfcc=20</c>, no liftering). The cosine table is built once;
/// immutable and thread-safe.
/// </summary>
public sealed class MfccTransform
{
    private readonly double[] _basis;

    /// <summary>The DCT of <paramref name="melCount"/> (default 128) bands to <paramref name="coefficientCount"/> (default 20).</summary>
    /// <exception cref="ArgumentOutOfRangeException">Non-positive counts, or more coefficients than bands.</exception>
    public MfccTransform(int coefficientCount = 20, int melCount = 128)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(coefficientCount);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(melCount);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(coefficientCount, melCount);
        CoefficientCount = coefficientCount;
        MelCount = melCount;
        _basis = new double[coefficientCount * melCount];
        for (var c = 0; c < coefficientCount; c++)
        {
            var scale = Math.Sqrt((c == 0 ? 1.0 : 2.0) / melCount);
            for (var m = 0; m < melCount; m++)
                _basis[c * melCount + m] = scale * Math.Cos(Math.PI * c * (2 * m + 1) / (2.0 * melCount));
        }
    }

    /// <summary>Number of coefficients kept.</summary>
    public int CoefficientCount { get; }

    /// <summary>Number of mel bands in a frame.</summary>
    public int MelCount { get; }

    /// <summary>The coefficients of one dB mel frame (<see cref="MelCount"/> values) into <paramref name="coefficients"/>.</summary>
    /// <exception cref="ArgumentException">Spans of the wrong length.</exception>
    public void Apply(ReadOnlySpan<float> decibels, Span<float> coefficients)
    {
        if (decibels.Length != MelCount)
            throw new ArgumentException($"Expected {MelCount} bands, got {decibels.Length}.", nameof(decibels));
        if (coefficients.Length != CoefficientCount)
            throw new ArgumentException($"Expected {CoefficientCount} coefficients, got {coefficients.Length}.", nameof(coefficients));
        for (var c = 0; c < CoefficientCount; c++)
        {
            var row = _basis.AsSpan(c * MelCount, MelCount);
            var sum = 0.0;
            for (var m = 0; m < MelCount; m++)
                sum += row[m] * decibels[m];
            coefficients[c] = (float)sum;
        }
    }
}
