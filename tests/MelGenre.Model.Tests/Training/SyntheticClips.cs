using MelGenre.Features.Mel;
using MelGenre.Model.Data;

namespace MelGenre.Model.Tests.Training;

/// <summary>
/// Log-mel spectrograms of three easily told "genres" without any audio: a noise floor around −60 dB with a band
/// about 30 dB louder in the low, middle or high third of the mels. Band edges, loudness and per-frame flicker are
/// random, so no two clips are alike and a network must learn where the energy is, not memorise clips.
/// </summary>
internal static class SyntheticClips
{
    public const int Mels = 32;
    public const int Frames = 100;
    public const int PatchFrames = 32;
    public const int SampleRate = 22050;
    public const int HopLength = 512;

    public static readonly string[] Labels = ["low", "middle", "high"];

    /// <summary>The features every synthetic spectrogram matches (default log-mel options with 32 mels).</summary>
    public static readonly LogMelOptions Features = new() { MelCount = Mels };

    /// <summary>Small network widths: training the synthetic task takes a few seconds on one thread.</summary>
    /// <remarks>No two consecutive blocks of 8 channels: with libtorch 2.10 (CPU, one thread) the first backward pass
    /// of the process through an 8 → 8 channel 3 × 3 convolution gives a NaN input gradient (later passes are
    /// finite), which turns the first training of a test run into NaN weights.</remarks>
    public static readonly GenreCnnOptions SmallCnn = new() { LabelCount = 3, BlockChannels = [4, 8, 16, 16] };

    /// <summary><paramref name="perLabel"/> clips of every label, labels interleaved, drawn from <paramref name="seed"/>.</summary>
    public static IReadOnlyList<ClipFeatures> Set(int perLabel, int seed, string prefix)
    {
        var random = new Random(seed);
        var clips = new List<ClipFeatures>();
        for (var i = 0; i < perLabel; i++)
            for (var label = 0; label < Labels.Length; label++)
                clips.Add(Clip(label, $"{prefix}{i:D3}", random));
        return clips;
    }

    /// <summary>One clip of <paramref name="label"/>, with <paramref name="frames"/> frames.</summary>
    public static ClipFeatures Clip(int label, string id, Random random, int frames = Frames)
    {
        var name = Labels[label];
        var clip = new LabeledClip($"/synthetic/{name}/{id}.wav", $"{name}/{id}.wav", id, name, label);
        return new ClipFeatures(clip, Mel(label, random, frames));
    }

    /// <summary>A spectrogram with a loud band in the <paramref name="label"/>-th third of the mels.</summary>
    public static MelSpectrogram Mel(int label, Random random, int frames = Frames, int mels = Mels)
    {
        var third = mels / 3;
        var bandStart = label * third + random.Next(3);
        var bandEnd = Math.Min(mels, bandStart + third - 3 + random.Next(4));
        var loudness = 25 + 10 * random.NextDouble();
        var values = new float[mels * frames];
        for (var t = 0; t < frames; t++)
        {
            var flicker = 0.7 + 0.3 * random.NextDouble();
            for (var m = 0; m < mels; m++)
            {
                var floor = -60 + 8 * (random.NextDouble() - 0.5);
                values[m * frames + t] = (float)(m >= bandStart && m < bandEnd ? floor + loudness * flicker : floor);
            }
        }
        return Wrap(values, mels, frames);
    }

    /// <summary>Wraps row-major <c>[mel][frame]</c> dB values with the synthetic rate and hop.</summary>
    public static MelSpectrogram Wrap(float[] values, int mels, int frames, int sampleRate = SampleRate, int hopLength = HopLength) =>
        new(values, mels, frames, sampleRate, hopLength, 0, sampleRate / 2.0, isDecibels: true);
}
