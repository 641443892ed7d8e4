using MelGenre.Features.Descriptors;
using MelGenre.Features.Transforms;

namespace MelGenre.Features.Tests.Descriptors;

public class HarmonicPercussiveTests
{
    [Theory]
    [InlineData(57, 19)]
    [InlineData(10, 9)]
    [InlineData(200, 33)]
    public void MedianFilterMatchesSortingEachReflectExtendedWindow(int rows, int columns)
    {
        var random = new Random(rows);
        // Few distinct values, so windows hold many ties.
        var matrix = Enumerable.Range(0, rows * columns).Select(_ => random.Next(10) / 3f).ToArray();
        var filtered = new float[matrix.Length];
        new MedianFilter(31).FilterColumns(matrix, rows, columns, filtered);
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
            {
                var window = Enumerable.Range(r - 15, 31).Select(i => matrix[Reflect(i, rows) * columns + c]).Order().ToArray();
                Assert.True(window[15] == filtered[r * columns + c], $"row {r}, column {c}: {filtered[r * columns + c]}, sorted window's median {window[15]}");
            }
        }
    }

    [Fact]
    public void HarmonicPlusPercussiveReconstructsTheSignal()
    {
        var noise = Signals.Noise(50_000);
        var parts = new HarmonicPercussiveSeparation().Separate(noise);
        for (var i = 0; i < noise.Length; i++)
            Assert.True(Math.Abs(parts.Harmonic[i] + parts.Percussive[i] - noise[i]) <= 1e-6, $"sample {i}: {parts.Harmonic[i]} + {parts.Percussive[i]} vs {noise[i]}");
    }

    [Fact]
    public void PercussiveSignalIsTheInverseStftOfThePercussiveMaskWithinFloat32Rounding()
    {
        // The separation takes the percussive part as input − harmonic; librosa inverts the percussive-masked STFT.
        var noise = Signals.Noise(50_000, seed: 7);
        var frames = new StftOptions().FrameCount(noise.Length);
        var count = frames * 1025;
        float[] real = new float[count], imaginary = new float[count], magnitude = new float[count];
        ComplexStft(noise, real, imaginary);
        for (var i = 0; i < count; i++)
            magnitude[i] = MathF.Sqrt(real[i] * real[i] + imaginary[i] * imaginary[i]);
        float[] harmonicMedian = new float[count], percussiveMedian = new float[count];
        var filter = new MedianFilter(31);
        filter.FilterColumns(magnitude, frames, 1025, harmonicMedian);
        filter.FilterRows(magnitude, frames, 1025, percussiveMedian);
        for (var i = 0; i < count; i++)
        {
            var z = MathF.Max(harmonicMedian[i], percussiveMedian[i]);
            float h = harmonicMedian[i] / z, p = percussiveMedian[i] / z;
            var mask = z < 1.17549435e-38f ? 0.5f : p * p / (h * h + p * p);
            real[i] *= mask;
            imaginary[i] *= mask;
        }
        var expected = new float[noise.Length];
        new InverseShortTimeFourierTransform().Inverse(real, imaginary, expected);
        var percussive = new HarmonicPercussiveSeparation().Separate(noise).Percussive;
        for (var i = 0; i < noise.Length; i++)
            Assert.True(Math.Abs(percussive[i] - expected[i]) <= 1e-6, $"sample {i}: {percussive[i]} vs istft of the percussive mask {expected[i]}");
    }

    [Theory]
    [InlineData(21, 70)]
    [InlineData(17, 9)]
    public void MedianFilterAlongRowsIsTheColumnFilterOfTheTranspose(int rows, int columns)
    {
        var random = new Random(rows);
        var matrix = Enumerable.Range(0, rows * columns).Select(_ => random.Next(10) / 3f).ToArray();
        var transposed = new float[matrix.Length];
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
                transposed[c * rows + r] = matrix[r * columns + c];
        }
        var filter = new MedianFilter(31);
        var byRow = new float[matrix.Length];
        filter.FilterRows(matrix, rows, columns, byRow);
        var byColumn = new float[matrix.Length];
        filter.FilterColumns(transposed, columns, rows, byColumn);
        for (var r = 0; r < rows; r++)
        {
            for (var c = 0; c < columns; c++)
                Assert.True(byRow[r * columns + c] == byColumn[c * rows + r], $"row {r}, column {c}: {byRow[r * columns + c]} vs {byColumn[c * rows + r]}");
        }
    }

    [Fact]
    public void ASteadyToneIsHarmonicAndClicksArePercussive()
    {
        var hpss = new HarmonicPercussiveSeparation();
        var tone = hpss.Separate(Signals.Sine(440.0, seconds: 3.0));
        Assert.True(Energy(tone.Harmonic) > 0.99 * (Energy(tone.Harmonic) + Energy(tone.Percussive)), "a steady tone should be harmonic");
        var clicks = hpss.Separate(Signals.Clicks(0.5, seconds: 3.0));
        Assert.True(Energy(clicks.Percussive) > 0.95 * (Energy(clicks.Harmonic) + Energy(clicks.Percussive)), "clicks should be percussive");
    }

    [Fact]
    public void TruncatedSeparationEndsAfterHopTimesFramesMinusOne()
    {
        var noise = Signals.Noise(10_000);
        var parts = new HarmonicPercussiveSeparation(truncatedLength: true).Separate(noise);
        var kept = 512 * (10_000 / 512);
        Assert.All(parts.Harmonic[kept..], v => Assert.Equal(0f, v));
        Assert.Contains(parts.Harmonic[..kept], v => v != 0f);
    }

    [Fact]
    public void InverseStftOfTheStftReturnsTheSignal()
    {
        var noise = Signals.Noise(20_001);
        var frames = new StftOptions().FrameCount(noise.Length);
        var real = new float[frames * 1025];
        var imaginary = new float[frames * 1025];
        ComplexStft(noise, real, imaginary);
        var back = new float[noise.Length];
        new InverseShortTimeFourierTransform().Inverse(real, imaginary, back);
        for (var i = 0; i < noise.Length; i++)
            Assert.True(Math.Abs(back[i] - noise[i]) <= 1e-6, $"sample {i}: {back[i]} vs {noise[i]}");
    }

    [Theory]
    [InlineData(16)]
    [InlineData(2048)]
    public void RealInverseFftUndoesTheForwardTransform(int size)
    {
        var input = Signals.Noise(size, seed: size);
        var fft = new RealFft(size);
        var real = new float[fft.BinCount];
        var imaginary = new float[fft.BinCount];
        fft.Forward(input, real, imaginary);
        var back = new float[size];
        fft.Inverse(real, imaginary, back);
        for (var i = 0; i < size; i++)
            Assert.True(Math.Abs(back[i] - input[i]) <= 1e-6, $"n={size}, sample {i}: {back[i]} vs {input[i]}");
    }

    // The windowed frames' spectra, frame-major, through the public FFT (as the STFT cuts them: zero padding).
    private static void ComplexStft(float[] signal, float[] real, float[] imaginary)
    {
        var window = new ShortTimeFourierTransform().Window.ToArray();
        var padded = new float[signal.Length + 2048];
        signal.CopyTo(padded, 1024);
        var fft = new RealFft(2048);
        var frames = real.Length / 1025;
        var frame = new float[2048];
        for (var t = 0; t < frames; t++)
        {
            for (var i = 0; i < 2048; i++)
                frame[i] = padded[t * 512 + i] * window[i];
            fft.Forward(frame, real.AsSpan(t * 1025, 1025), imaginary.AsSpan(t * 1025, 1025));
        }
    }

    private static double Energy(float[] signal) => signal.Sum(v => (double)v * v);

    private static int Reflect(int index, int length)
    {
        var period = 2 * length;
        var m = ((index % period) + period) % period;
        return m < length ? m : period - m - 1;
    }
}
