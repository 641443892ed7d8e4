using MelGenre.Features.Transforms;
using MelGenre.Features.Windows;

namespace MelGenre.Features.Tests.Transforms;

public class ShortTimeFourierTransformTests
{
    public static readonly TheoryData<int, int, int, PadMode> FrameGrid = BuildGrid();

    [Theory]
    [MemberData(nameof(FrameGrid))]
    public void CentredFrameCountIsOnePlusLengthOverHop(int length, int fftSize, int hop, PadMode padMode)
    {
        var stft = new ShortTimeFourierTransform(new StftOptions { FftSize = fftSize, HopLength = hop, PadMode = padMode });
        var signal = Enumerable.Range(0, length).Select(i => MathF.Sin(i * 0.3f)).ToArray();

        var spectrogram = stft.Power(signal);

        Assert.Equal(1 + length / hop, spectrogram.FrameCount);
        Assert.Equal(1 + length / hop, stft.Options.FrameCount(length));
        Assert.Equal(fftSize / 2 + 1, spectrogram.BinCount);
    }

    [Theory]
    [MemberData(nameof(FrameGrid))]
    public void EachFrameSatisfiesParseval(int length, int fftSize, int hop, PadMode padMode)
    {
        var options = new StftOptions { FftSize = fftSize, HopLength = hop, PadMode = padMode };
        var random = new Random(length + fftSize);
        var signal = Enumerable.Range(0, length).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var spectrogram = new ShortTimeFourierTransform(options).Power(signal);
        var padded = PadLikeNumpyWhole(signal, fftSize / 2, padMode);
        var window = HannWindow.ForStft(fftSize, fftSize);

        for (var t = 0; t < spectrogram.FrameCount; t++)
        {
            // Σ|X|² over all n bins = n Σ(w·x)²; the one-sided spectrum counts bins 1…n/2−1 twice.
            var timeEnergy = 0.0;
            for (var i = 0; i < fftSize; i++)
                timeEnergy += Math.Pow(window[i] * padded[t * hop + i], 2);
            var spectralEnergy = 0.0;
            for (var k = 0; k < spectrogram.BinCount; k++)
                spectralEnergy += (k == 0 || k == fftSize / 2 ? 1 : 2) * spectrogram[k, t];
            Assert.True(Math.Abs(spectralEnergy - fftSize * timeEnergy) <= 1e-4 * fftSize * Math.Max(timeEnergy, 1e-3),
                $"len {length}, n_fft {fftSize}, hop {hop}, {padMode}, frame {t}: Σ|X|² {spectralEnergy} vs n·Σ(wx)² {fftSize * timeEnergy}");
        }
    }

    [Fact]
    public void ReflectPaddingOfSignalShorterThanPadIteratesLikeNumpy()
    {
        // np.pad(np.arange(3.), (1, 9), 'reflect') = [1 0 1 2 1 0 1 2 1 0 1 0 1]: not a periodic mirror.
        var destination = new float[13];
        NumpyPad.Pad([0f, 1f, 2f], 1, 9, PadMode.Reflect, destination);
        Assert.Equal([1f, 0, 1, 2, 1, 0, 1, 2, 1, 0, 1, 0, 1], destination);

        // np.pad(np.arange(4.), 9, 'reflect')
        destination = new float[22];
        NumpyPad.Pad([0f, 1f, 2f, 3f], 9, 9, PadMode.Reflect, destination);
        Assert.Equal([3f, 2, 1, 0, 1, 2, 3, 2, 1, 0, 1, 2, 3, 2, 1, 0, 1, 2, 3, 2, 1, 0], destination);

        // np.pad([5.], 3, 'reflect') repeats the single sample.
        destination = new float[7];
        NumpyPad.Pad([5f], 3, 3, PadMode.Reflect, destination);
        Assert.All(destination, v => Assert.Equal(5f, v));
    }

    [Fact]
    public void MagnitudeIsSquareRootOfPower()
    {
        var signal = Enumerable.Range(0, 3000).Select(i => MathF.Cos(i * 0.01f)).ToArray();
        var stft = new ShortTimeFourierTransform();
        var power = stft.Power(signal);
        var magnitude = stft.Magnitude(signal);
        for (var k = 0; k < power.BinCount; k += 17)
            for (var t = 0; t < power.FrameCount; t++)
                Assert.True(Math.Abs(magnitude[k, t] * magnitude[k, t] - power[k, t]) <= 1e-5 * Math.Max(1, power[k, t]), $"bin {k} frame {t}");
    }

    [Fact]
    public void ConstantSignalGivesDcOnlyInFullyCoveredFrames()
    {
        var spectrogram = new ShortTimeFourierTransform().Power(Enumerable.Repeat(0.5f, 22050).ToArray());
        // Frames 2 … frames−3 lie inside the signal: a windowed constant has energy only at DC and the first bin.
        for (var t = 2; t < spectrogram.FrameCount - 3; t++)
        {
            var dc = spectrogram[0, t];
            for (var k = 2; k < spectrogram.BinCount; k++)
                Assert.True(spectrogram[k, t] <= 1e-9 * dc, $"frame {t} bin {k}: {spectrogram[k, t]} vs DC {dc}");
        }
    }

    private static TheoryData<int, int, int, PadMode> BuildGrid()
    {
        var grid = new TheoryData<int, int, int, PadMode>();
        foreach (var padMode in new[] { PadMode.Constant, PadMode.Reflect })
        {
            foreach (var (length, fftSize, hop) in new[] { (5000, 2048, 512), (662, 2048, 512), (2205, 2048, 512), (1025, 2048, 512), (3000, 512, 128), (777, 256, 100), (4000, 1000, 250), (100, 64, 16), (2, 16, 4) })
                grid.Add(length, fftSize, hop, padMode);
        }
        return grid;
    }

    // numpy's pad of the whole signal; librosa's split padding gives the same frames whenever the head and tail slices exceed n_fft/2.
    private static float[] PadLikeNumpyWhole(float[] signal, int pad, PadMode mode)
    {
        var padded = new float[signal.Length + 2 * pad];
        NumpyPad.Pad(signal, pad, pad, mode, padded);
        return padded;
    }
}
