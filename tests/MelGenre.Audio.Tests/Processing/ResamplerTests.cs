using MelGenre.Audio.Decoding;
using MelGenre.Audio.Processing;
using MelGenre.TestSupport;

namespace MelGenre.Audio.Tests.Processing;

public class ResamplerTests
{
    [Theory]
    [InlineData("edge_stereo_44100_pcm16")]
    [InlineData("edge_mono_48000_float32")]
    public void MonoMixResampledTo22050MatchesLibrosaSoxrHq(string name)
    {
        var clip = AudioDecoder.Decode(SharedData.RequirePath($"librosa/audio/{name}.wav"));
        var expected = ReferenceArray.Load(SharedData.RequirePath($"librosa/{name}/signal_22050_soxr_hq.bin")).Values;

        var actual = Resampler.Resample(clip.ToMono()).Samples.ToArray();

        Assert.Equal(expected.Length, actual.Length);
        var (snrDb, maxError, worstAt) = Compare(expected, actual);
        Assert.True(snrDb >= 130, $"{name}: SNR against librosa's soxr_hq output is {snrDb:F1} dB, expected ≥ 130 dB");
        Assert.True(maxError <= 5e-7, $"{name}: largest difference {maxError:E2} at sample {worstAt}, expected ≤ 5e-7 (float32 rounding)");
    }

    [Fact]
    public void ToMonoOfStereoMatchesLibrosaToMono()
    {
        const string name = "edge_stereo_44100_pcm16";
        var clip = AudioDecoder.Decode(SharedData.RequirePath($"librosa/audio/{name}.wav"));
        using var meta = System.Text.Json.JsonDocument.Parse(File.ReadAllText(SharedData.RequirePath($"librosa/{name}/meta.json")));
        var native = meta.RootElement.GetProperty("native_mono");
        var first16 = native.GetProperty("first16").EnumerateArray().Select(e => e.GetSingle()).ToArray();

        var mono = clip.ToMono().Samples.ToArray();

        Assert.Equal(native.GetProperty("length").GetInt32(), mono.Length);
        Assert.Equal(first16, mono[..16]);
        var rms = Math.Sqrt(mono.Average(v => (double)v * v));
        Assert.Equal(native.GetProperty("rms").GetDouble(), rms, 1e-12);
    }

    [Fact]
    public void EqualRatesReturnTheClipItself()
    {
        var clip = new AudioClip([0.1f, 0.2f, 0.3f], 22050);

        Assert.Same(clip, Resampler.Resample(clip, 22050));
    }

    [Theory]
    [InlineData(44100, 22050, 220500)]
    [InlineData(48000, 22050, 240001)]
    [InlineData(16000, 22050, 16001)]
    [InlineData(8000, 22050, 7999)]
    [InlineData(96000, 22050, 9601)]
    [InlineData(22050, 16000, 22051)]
    [InlineData(11025, 22050, 1)]
    public void OutputLengthIsTheCeilingOfTheScaledLength(int source, int target, int frames)
    {
        var clip = new AudioClip(new float[frames], source);

        var resampled = Resampler.Resample(clip, target);

        var expected = (int)Math.Ceiling((decimal)frames * target / source);
        Assert.Equal(expected, resampled.FrameCount);
        Assert.Equal(target, resampled.SampleRate);
    }

    [Theory]
    [InlineData(44100, 22050, 1000.0)]
    [InlineData(48000, 22050, 9000.0)]
    [InlineData(16000, 22050, 440.0)]
    [InlineData(8000, 22050, 3500.0)]
    [InlineData(32000, 22050, 7000.0)]
    [InlineData(96000, 22050, 5000.0)]
    public void PassbandSineKeepsAmplitudeAndPhase(int source, int target, double hz)
    {
        var input = Sine(hz, source, seconds: 1.0);

        var output = Resampler.Resample(new AudioClip(input, source), target).Samples.Span;

        // Away from the edges the output is the same sine sampled at the new rate, with no delay; HQ allows
        // a 0.01 dB droop at the passband end, 5.8e-4 on an amplitude of 0.5.
        var worst = 0.0;
        for (var j = target / 10; j < output.Length - target / 10; j++)
            worst = Math.Max(worst, Math.Abs(output[j] - 0.5 * Math.Sin(2 * Math.PI * hz * j / target)));
        Assert.True(worst < 5.8e-4, $"{source}→{target} Hz: a {hz} Hz sine deviates by up to {worst:E2} from the ideal one");
    }

    [Theory]
    [InlineData(48000, 22050, 13000.0)]
    [InlineData(44100, 22050, 11500.0)]
    [InlineData(96000, 22050, 30000.0)]
    public void ToneAboveTheNewNyquistIsRejected(int source, int target, double hz)
    {
        var input = Sine(hz, source, seconds: 1.0);

        var output = Resampler.Resample(new AudioClip(input, source), target).Samples.Span;

        var interior = output[(target / 10)..^(target / 10)];
        var rms = Math.Sqrt(interior.ToArray().Average(v => (double)v * v));
        var rejectionDb = 20 * Math.Log10(0.5 / Math.Sqrt(2) / rms);
        Assert.True(rejectionDb >= 100, $"{source}→{target} Hz: a {hz} Hz tone is only {rejectionDb:F1} dB down");
    }

    [Fact]
    public void EachChannelIsResampledAlone()
    {
        var left = Sine(440, 48000, 0.2);
        var right = Sine(3000, 48000, 0.2);
        var interleaved = new float[left.Length * 2];
        for (var i = 0; i < left.Length; i++)
            (interleaved[2 * i], interleaved[2 * i + 1]) = (left[i], right[i]);

        var stereo = Resampler.Resample(new AudioClip(interleaved, 48000, channelCount: 2)).Samples.ToArray();

        var resampler = new Resampler(48000);
        var expectedLeft = resampler.Process(left);
        var expectedRight = resampler.Process(right);
        Assert.Equal(expectedLeft, stereo.Where((_, i) => i % 2 == 0));
        Assert.Equal(expectedRight, stereo.Where((_, i) => i % 2 == 1));
    }

    [Fact]
    public void RejectsAClipAtAnotherRate()
    {
        var resampler = new Resampler(44100);

        Assert.Throws<ArgumentException>(() => resampler.Process(new AudioClip(new float[4], 48000)));
    }

    private static float[] Sine(double hz, int rate, double seconds)
    {
        var samples = new float[(int)(rate * seconds)];
        for (var i = 0; i < samples.Length; i++)
            samples[i] = (float)(0.5 * Math.Sin(2 * Math.PI * hz * i / rate));
        return samples;
    }

    private static (double SnrDb, double MaxError, int WorstAt) Compare(double[] expected, float[] actual)
    {
        double signal = 0, noise = 0, maxError = 0;
        var worstAt = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            var error = Math.Abs(actual[i] - expected[i]);
            signal += expected[i] * expected[i];
            noise += error * error;
            if (error > maxError)
                (maxError, worstAt) = (error, i);
        }
        return (10 * Math.Log10(signal / noise), maxError, worstAt);
    }
}
