using System.Text.Json;
using MelGenre.Features.Mel;
using MelGenre.TestSupport;

namespace MelGenre.Features.Tests.Mel;

public class MelFilterbankTests
{
    private const double WeightTolerance = 1e-6;

    [Theory]
    [InlineData("mel_filterbank.bin")]
    [InlineData("mel_filterbank_f64.bin")]
    public void DefaultBankMatchesLibrosaFiltersMelWithin1e_6(string file)
    {
        var expected = ReferenceArray.Load(SharedData.RequirePath("librosa/" + file));
        var bank = MelFilterbank.Create();
        var dense = bank.ToDense();
        Assert.Equal(expected.Rows, bank.MelCount);
        Assert.Equal(expected.Columns, bank.BinCount);
        for (var m = 0; m < bank.MelCount; m++)
            for (var k = 0; k < bank.BinCount; k++)
                Assert.True(Math.Abs(dense[m * bank.BinCount + k] - expected[m, k]) <= WeightTolerance,
                    $"{file} [mel {m}, bin {k}]: {dense[m * bank.BinCount + k]} vs librosa {expected[m, k]} (tolerance {WeightTolerance})");
    }

    [Fact]
    public void SparseBandsAndEdgesMatchLibrosaSparseJson()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(SharedData.RequirePath("librosa/mel_filterbank_sparse.json")));
        var bank = MelFilterbank.Create();
        var edges = json.RootElement.GetProperty("mel_band_edges_hz").EnumerateArray().Select(e => e.GetDouble()).ToArray();
        Assert.Equal(edges.Length, bank.BandEdges.Count);
        for (var i = 0; i < edges.Length; i++)
            Assert.True(Math.Abs(bank.BandEdges[i] - edges[i]) <= 1e-9 * Math.Max(1, edges[i]), $"edge {i}: {bank.BandEdges[i]} Hz vs librosa {edges[i]} Hz");
        var m = 0;
        foreach (var band in json.RootElement.GetProperty("bands").EnumerateArray())
        {
            var values = band.GetProperty("values").EnumerateArray().Select(e => e.GetDouble()).ToArray();
            Assert.True(band.GetProperty("start").GetInt32() == bank.BandStart(m), $"band {m}: starts at bin {bank.BandStart(m)}, librosa {band.GetProperty("start").GetInt32()}");
            var weights = bank.BandWeights(m);
            Assert.True(values.Length == weights.Length, $"band {m}: {weights.Length} weights, librosa {values.Length}");
            for (var j = 0; j < values.Length; j++)
                Assert.True(Math.Abs(weights[j] - values[j]) <= WeightTolerance, $"band {m} weight {j}: {weights[j]} vs librosa {values[j]}");
            m++;
        }
        Assert.Equal(bank.MelCount, m);
    }

    public static readonly TheoryData<double, int, int, bool> Grid = BuildGrid();

    [Theory]
    [MemberData(nameof(Grid))]
    public void BankHasLibrosaShapeNonNegativeWeightsAndPeaksWithinOneBinOfCentre(double sampleRate, int fftSize, int melCount, bool htk)
    {
        var bank = MelFilterbank.Create(new MelFilterbankOptions { SampleRate = sampleRate, FftSize = fftSize, MelCount = melCount, Htk = htk });
        var dense = bank.ToDense();

        Assert.Equal(melCount, bank.MelCount);
        Assert.Equal(1 + fftSize / 2, bank.BinCount);
        Assert.Equal(melCount * (1 + fftSize / 2), dense.Length);
        Assert.All(dense, w => Assert.True(w >= 0, $"negative weight {w}"));
        var binWidth = sampleRate / fftSize;
        for (var m = 0; m < melCount; m++)
        {
            var weights = bank.BandWeights(m);
            if (weights.IsEmpty)
                continue; // a band narrower than a bin: librosa leaves it empty too
            var peak = bank.BandStart(m) + weights.IndexOf(MaxOf(weights));
            var centre = bank.BandEdges[m + 1];
            Assert.True(Math.Abs(peak * binWidth - centre) <= binWidth,
                $"sr {sampleRate}, n_fft {fftSize}, n_mels {melCount}, htk {htk}: band {m} peaks at bin {peak} ({peak * binWidth:F1} Hz), centre {centre:F1} Hz is more than one bin away");
        }
    }

    [Fact]
    public void ApplyEqualsDenseMatrixTimesSpectrum()
    {
        var bank = MelFilterbank.Create();
        var random = new Random(3);
        var spectrum = Enumerable.Range(0, bank.BinCount).Select(_ => (float)random.NextDouble()).ToArray();
        var mel = new float[bank.MelCount];
        bank.Apply(spectrum, mel);
        var dense = bank.ToDense();
        for (var m = 0; m < bank.MelCount; m++)
        {
            var expected = 0.0;
            for (var k = 0; k < bank.BinCount; k++)
                expected += dense[m * bank.BinCount + k] * (double)spectrum[k];
            Assert.True(Math.Abs(mel[m] - expected) <= 1e-5 * Math.Max(1, expected), $"band {m}: {mel[m]} vs dense product {expected}");
        }
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(440.0)]
    [InlineData(1000.0)]
    [InlineData(5000.0)]
    public void MelScaleRoundTrips(double hz)
    {
        Assert.Equal(hz, MelScale.MelToHz(MelScale.HzToMel(hz)), 9);
        Assert.Equal(hz, MelScale.MelToHz(MelScale.HzToMel(hz, htk: true), htk: true), 9);
    }

    [Fact]
    public void SlaneyScaleIsLinearBelow1kHzAndLogAbove()
    {
        Assert.Equal(15.0, MelScale.HzToMel(1000), 12);
        Assert.Equal(6.6, MelScale.HzToMel(440), 12);
        Assert.Equal(15.0 + 27.0, MelScale.HzToMel(6400), 12);
    }

    private static float MaxOf(ReadOnlySpan<float> values)
    {
        var max = float.MinValue;
        foreach (var v in values)
            max = Math.Max(max, v);
        return max;
    }

    private static TheoryData<double, int, int, bool> BuildGrid()
    {
        var grid = new TheoryData<double, int, int, bool>();
        foreach (var (sr, nFft, nMels) in new[] { (22050.0, 2048, 128), (22050.0, 1024, 64), (16000.0, 512, 40), (44100.0, 4096, 128), (8000.0, 256, 20), (22050.0, 2000, 96) })
        {
            grid.Add(sr, nFft, nMels, false);
            grid.Add(sr, nFft, nMels, true);
        }
        return grid;
    }
}
