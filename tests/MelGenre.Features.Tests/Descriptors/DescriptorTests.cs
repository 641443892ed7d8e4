using MelGenre.Features.Descriptors;
using MelGenre.Features.Transforms;

namespace MelGenre.Features.Tests.Descriptors;

public class DescriptorTests
{
    private const double BinHz = Signals.SampleRate / 2048.0;

    [Fact]
    public void ZeroCrossingRateOfASquareWaveIsOneChangePerHalfPeriod()
    {
        var rates = ZeroCrossingRate.Compute(Signals.Square(halfPeriod: 32));
        // 2048 samples hold 64 half-periods: 63 or 64 changes among their 2047 neighbouring pairs.
        foreach (var t in Signals.InteriorFrames(3 * Signals.SampleRate))
            Assert.True(rates[t] is 63f / 2048 or 64f / 2048, $"frame {t}: rate {rates[t] * 2048}/2048, expected 63 or 64");
    }

    [Fact]
    public void ZeroCrossingRateOfASineIsTwiceItsFrequencyOverTheRate()
    {
        var rates = ZeroCrossingRate.Compute(Signals.Sine(1000.0));
        foreach (var t in Signals.InteriorFrames(3 * Signals.SampleRate))
            Assert.True(Math.Abs(rates[t] - 2000.0 / Signals.SampleRate) <= 1.0 / 2048, $"frame {t}: {rates[t]} vs {2000.0 / Signals.SampleRate}");
    }

    [Fact]
    public void ZeroCrossingRateCountsNoChangesInSilence()
    {
        Assert.All(ZeroCrossingRate.Compute(new float[5000]), rate => Assert.Equal(0f, rate));
    }

    [Fact]
    public void RmsOfASineIsItsAmplitudeOverRootTwo()
    {
        var rms = Rms.Compute(Signals.Sine(440.0, amplitude: 0.5));
        foreach (var t in Signals.InteriorFrames(3 * Signals.SampleRate))
            Assert.True(Math.Abs(rms[t] - 0.5 / Math.Sqrt(2)) <= 2e-3, $"frame {t}: {rms[t]} vs {0.5 / Math.Sqrt(2)}");
    }

    [Theory]
    [InlineData(40)]
    [InlineData(93)]
    [InlineData(400)]
    public void CentroidSitsOnABinCentredToneAndRolloffOneBinAbove(int bin)
    {
        var frequency = bin * BinHz;
        var spectrogram = new ShortTimeFourierTransform().Magnitude(Signals.Sine(frequency));
        foreach (var t in Signals.InteriorFrames(3 * Signals.SampleRate))
        {
            var frame = Enumerable.Range(0, spectrogram.BinCount).Select(k => spectrogram[k, t]).ToArray();
            var spread = SpectralShape.CentroidAndBandwidth(frame, BinHz);
            // A Hann-windowed bin-centred tone leaks symmetrically into its two neighbours: centroid on the tone,
            // bandwidth √(2 · ¼ / (½ + 2 · ¼)) = √½ bin, widened by the float32 noise floor far from the tone
            // (≈ 1e-7 of the peak in every bin, weighted by the squared distance: measured up to 1.4 bins).
            Assert.True(Math.Abs(spread.Centroid - frequency) <= 0.5, $"frame {t}: centroid {spread.Centroid} Hz vs {frequency} Hz");
            Assert.True(spread.Bandwidth >= BinHz * Math.Sqrt(0.5) - 1e-3 && spread.Bandwidth <= 2 * BinHz,
                $"frame {t}: bandwidth {spread.Bandwidth} Hz, expected between √½ and 2 bins ({BinHz * Math.Sqrt(0.5)} … {2 * BinHz} Hz)");
            // The running sum is ¼ + ½ = 75 % of the magnitude at the tone's bin and passes 85 % one bin above.
            Assert.Equal(frequency + BinHz, SpectralShape.Rolloff(frame, BinHz), 9);
        }
    }

    [Fact]
    public void SpectralShapeOfASilentFrameIsZero()
    {
        var silent = new float[1025];
        Assert.Equal(default, SpectralShape.CentroidAndBandwidth(silent, BinHz));
        Assert.Equal(0.0, SpectralShape.Rolloff(silent, BinHz));
    }

    [Fact]
    public void ChromaOfAnA440TonePeaksAtA()
    {
        var power = new ShortTimeFourierTransform().Power(Signals.Sine(440.0));
        var bank = ChromaFilterbank.Create();
        var chroma = new float[12];
        foreach (var t in Signals.InteriorFrames(3 * Signals.SampleRate))
        {
            bank.Apply(Enumerable.Range(0, power.BinCount).Select(k => power[k, t]).ToArray(), chroma);
            var peak = Array.IndexOf(chroma, chroma.Max());
            Assert.True(peak == 9, $"frame {t}: chroma peaks at class {peak}, expected 9 (A, with C = 0)");
        }
    }

    [Fact]
    public void ChromaFilterbankColumnsHaveUnitNormBeforeTheOctaveWeight()
    {
        var bank = ChromaFilterbank.Create();
        Assert.Equal(12, bank.ChromaCount);
        Assert.Equal(1025, bank.BinCount);
        // Column norms are the octave Gaussian exp(-½((octave - 5)/2)²); at 880 Hz (octave 5) it is 1.
        var bin880 = (int)Math.Round(880 / BinHz);
        var norm = Math.Sqrt(Enumerable.Range(0, 12).Sum(c => Math.Pow(bank.Row(c)[bin880], 2)));
        var octave = Math.Log2(bin880 * BinHz / 27.5);
        Assert.Equal(Math.Exp(-0.5 * Math.Pow((octave - 5) / 2, 2)), norm, 5);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.25)]
    [InlineData(-0.3)]
    public void TuningOfADetunedToneIsItsDeviationInBins(double deviation)
    {
        var power = new ShortTimeFourierTransform().Power(Signals.Sine(440.0 * Math.Pow(2, deviation / 12)));
        var estimator = new TuningEstimator();
        for (var t = 0; t < power.FrameCount; t++)
            estimator.AddFrame(Enumerable.Range(0, power.BinCount).Select(k => power[k, t]).ToArray());
        Assert.True(estimator.PitchCount > 0, "piptrack found no pitch");
        var tuning = estimator.Estimate();
        // Parabolic interpolation of a Hann window's power peak is biased toward the bin: measured 0.02–0.04 bins.
        Assert.True(Math.Abs(tuning - deviation) <= 0.05, $"tuning {tuning} bins for a tone {deviation} bins off A440");
    }

    [Fact]
    public void TuningOfSilenceIsZero()
    {
        var estimator = new TuningEstimator();
        estimator.AddFrame(new float[1025]);
        Assert.Equal(0.0, estimator.Estimate());
    }

    [Fact]
    public void MfccOfSilenceIsTheDcOfMinus100Db()
    {
        // power_to_db of all-zero mel power: 10·log10(1e-10) = -100 dB in every band; the orthonormal DCT puts
        // -100·√128 in coefficient 0 and nothing elsewhere.
        var mfcc = new MfccTransform();
        var coefficients = new float[20];
        mfcc.Apply(Enumerable.Repeat(-100f, 128).ToArray(), coefficients);
        Assert.Equal(-100 * Math.Sqrt(128), coefficients[0], 3);
        Assert.All(coefficients.Skip(1), c => Assert.True(Math.Abs(c) <= 1e-4, $"coefficient {c}"));
    }

    [Fact]
    public void MusicFeaturesOfSilenceAreZeroExceptTheMfccDc()
    {
        var summary = new MusicFeatures().Compute(new float[3 * Signals.SampleRate]);
        Assert.Equal(new MeanVariance(0, 0), summary.Rms);
        Assert.Equal(new MeanVariance(0, 0), summary.SpectralCentroid);
        Assert.Equal(new MeanVariance(0, 0), summary.ZeroCrossingRate);
        Assert.Equal(new MeanVariance(0, 0), summary.Harmony);
        Assert.Equal(new MeanVariance(0, 0), summary.ChromaStft);
        Assert.Equal(-100 * Math.Sqrt(128), summary.Mfcc[0].Mean, 3);
        Assert.Equal(57, summary.ToValues().Length);
        Assert.Equal(57, MusicFeatureSummary.ColumnNames.Count);
    }

    [Fact]
    public void TempoOfA120BpmClickTrainIsTheNearestLag()
    {
        // 0.5 s between clicks = 21.5 frames of 512 samples: lag 21 (123.05 BPM) or 22 (117.45 BPM).
        var summary = new MusicFeatures().Compute(Signals.Clicks(0.5));
        Assert.True(summary.Tempo is 60.0 * 22050 / (512 * 21) or 60.0 * 22050 / (512 * 22), $"tempo {summary.Tempo} BPM for clicks every 0.5 s");
    }
}
