using MelGenre.Audio;
using MelGenre.Features.Mel;
using MelGenre.Model.Data;
using MelGenre.Prediction.Pipeline;

namespace MelGenre.Prediction.Tests.Pipeline;

/// <summary>Streaming patches: librosa's log-mel for recordings up to the reference window, local references beyond.</summary>
public sealed class PatchAssemblerTests
{
    private const int Mels = 128;
    private const int PatchFrames = 130;
    private static readonly LogMelOptions Features = new();

    /// <summary>Feeds <paramref name="power"/> (frame-major) in uneven blocks, taking patches as soon as they are
    /// ready, as the pipeline does.</summary>
    private static List<(PatchPlacement Placement, float[] Values)> Stream(float[] power, int hop, int referenceFrames, int seed = 5)
    {
        var assembler = new PatchAssembler(Features, PatchFrames, hop, referenceFrames);
        var patches = new List<(PatchPlacement, float[])>();
        var random = new Random(seed);
        void Take()
        {
            var values = new float[Mels * PatchFrames];
            while (assembler.TryTake(values, out var placement))
            {
                patches.Add((placement, values));
                values = new float[Mels * PatchFrames];
            }
        }
        var frames = power.Length / Mels;
        for (var first = 0; first < frames;)
        {
            var count = Math.Min(frames - first, random.Next(1, 200));
            assembler.Add(power.AsSpan(first * Mels, count * Mels));
            first += count;
            Take();
        }
        assembler.Complete();
        Take();
        return patches;
    }

    /// <summary>Mel power of a 22050 Hz signal, frame-major, through the streaming mel.</summary>
    private static float[] MelPower(float[] samples)
    {
        var stream = new MelPowerStream(Features);
        stream.Write(samples);
        stream.Complete();
        var frames = new float[(1 + samples.Length / Features.HopLength) * Mels];
        var read = stream.Read(frames);
        Assert.Equal(frames.Length / Mels, read);
        return frames;
    }

    /// <summary>A tone whose loudness swells and fades over <paramref name="seconds"/>, so references matter.</summary>
    private static float[] Swell(double seconds, double loudFrom = 0, double loudTo = 0)
    {
        var samples = new float[(int)(seconds * 22050)];
        for (var i = 0; i < samples.Length; i++)
        {
            var t = i / 22050.0;
            var gain = t >= loudFrom && t < loudTo ? 0.9 : 0.01 + 0.005 * Math.Sin(t);
            samples[i] = (float)(gain * Math.Sin(2 * Math.PI * (300 + 40 * Math.Sin(t / 3)) * t));
        }
        return samples;
    }

    [Theory]
    [InlineData(30.0, 65)]
    [InlineData(7.0, 130)]
    [InlineData(59.5, 22)]
    public void Up_to_the_reference_window_patches_equal_librosa_log_mel_cut_by_the_segmenter_bit_for_bit(double seconds, int hop)
    {
        var samples = Swell(seconds);
        var whole = new LogMelExtractor(Features).Compute(new AudioClip(samples, 22050));
        var segmenter = new Segmenter(PatchFrames, hop);

        var patches = Stream(MelPower(samples), hop, referenceFrames: 2584);

        Assert.Equal(segmenter.PatchCount(whole.FrameCount), patches.Count);
        var expected = new float[Mels * PatchFrames];
        for (var p = 0; p < patches.Count; p++)
        {
            Assert.Equal(p * hop, patches[p].Placement.StartFrame);
            segmenter.CopyPatch(whole, p * hop, expected);
            var mismatch = expected.AsSpan().CommonPrefixLength(patches[p].Values);
            Assert.True(mismatch == expected.Length,
                $"patch {p}: value {mismatch} (mel {mismatch / PatchFrames}, frame {mismatch % PatchFrames}) differs: {patches[p].Values[Math.Min(mismatch, expected.Length - 1)]} vs {expected[Math.Min(mismatch, expected.Length - 1)]}");
        }
    }

    [Fact]
    public void A_recording_shorter_than_a_patch_gives_one_patch_padded_with_its_quietest_value_like_the_segmenter()
    {
        var samples = Swell(1.0);
        var whole = new LogMelExtractor(Features).Compute(new AudioClip(samples, 22050));
        var expected = new float[Mels * PatchFrames];
        new Segmenter(PatchFrames, 65).CopyPatch(whole, 0, expected);

        var patch = Assert.Single(Stream(MelPower(samples), 65, 2584));

        Assert.Equal(new PatchPlacement(0, whole.FrameCount), patch.Placement);
        Assert.Equal(expected, patch.Values);
    }

    [Fact]
    public void Beyond_the_window_each_patch_is_referenced_to_the_loudest_bin_of_the_window_around_it()
    {
        // 3 minutes, loud from 100 s to 110 s: a whole-recording reference would push everything else 40 dB down.
        const int reference = 1000;
        var power = MelPower(Swell(180, loudFrom: 100, loudTo: 110));
        var frames = power.Length / Mels;
        var frameMax = Enumerable.Range(0, frames).Select(f => FrameMax(power, f)).ToArray();

        var patches = Stream(power, 65, reference);

        Assert.Equal(1 + (frames - PatchFrames) / 65, patches.Count);
        var transposed = new float[Mels * PatchFrames];
        var expected = new float[Mels * PatchFrames];
        foreach (var (placement, values) in patches)
        {
            var start = (int)placement.StartFrame;
            var windowStart = Math.Clamp(start + PatchFrames / 2 - reference / 2, 0, frames - reference);
            var max = frameMax.AsSpan(windowStart, reference).ToArray().Max();
            for (var f = 0; f < PatchFrames; f++)
                for (var m = 0; m < Mels; m++)
                    transposed[m * PatchFrames + f] = power[(start + f) * Mels + m];
            MelGenre.Features.Decibels.PowerToDb(transposed, expected, max, max, Features.Amin, Features.TopDb);
            Assert.True(expected.AsSpan().SequenceEqual(values), $"patch at frame {start} (window from {windowStart}) differs");
        }
        // The quiet start really is referenced locally: its loudest bins are near 0 dB, not ~40 dB below the loud part.
        Assert.InRange(patches[0].Values.Max(), -10f, 0f);
    }

    private static float FrameMax(float[] power, int frame) => power.AsSpan(frame * Mels, Mels).ToArray().Max();
}
