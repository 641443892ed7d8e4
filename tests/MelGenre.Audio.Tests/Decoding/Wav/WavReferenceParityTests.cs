using System.Text.Json;
using MelGenre.Audio.Decoding;
using MelGenre.TestSupport;

namespace MelGenre.Audio.Tests.Decoding.Wav;

/// <summary>
/// The shared reference clips decode to what <c>librosa.load(path, sr=None, mono=False)</c> (soundfile/libsndfile)
/// returned: <c>meta.json</c> "native_decode" gives length, rate, the first 16 samples per channel, RMS and sum.
/// </summary>
public class WavReferenceParityTests
{
    public static TheoryData<string, string> ReferenceClips => new()
    {
        { "librosa/audio/edge_mono_22050_u8.wav", "edge_mono_22050_u8" },
        { "librosa/audio/edge_mono_48000_float32.wav", "edge_mono_48000_float32" },
        { "librosa/audio/edge_short_0.1s_22050.wav", "edge_short_0.1s_22050" },
        { "librosa/audio/edge_silence_3s_22050.wav", "edge_silence_3s_22050" },
        { "librosa/audio/edge_sine440_3s_22050.wav", "edge_sine440_3s_22050" },
        { "librosa/audio/edge_stereo_44100_pcm16.wav", "edge_stereo_44100_pcm16" },
        { "librosa/audio/edge_tiny_0.03s_22050.wav", "edge_tiny_0.03s_22050" },
        { "gtzan/wav/classical.00001.wav", "classical.00001" },
        { "gtzan/wav/jazz.00005.wav", "jazz.00005" },
        { "gtzan/wav/metal.00001.wav", "metal.00001" },
    };

    [Theory]
    [MemberData(nameof(ReferenceClips))]
    public void DecodeMatchesLibsndfileOnTheReferenceClip(string audio, string reference)
    {
        var path = SharedData.RequirePath(audio);
        using var meta = JsonDocument.Parse(File.ReadAllText(SharedData.RequirePath($"librosa/{reference}/meta.json")));
        var expected = meta.RootElement.GetProperty("native_decode");

        var clip = AudioDecoder.Decode(path);

        var samples = clip.Samples.Span;
        Assert.Equal(expected.GetProperty("sr").GetInt32(), clip.SampleRate);
        Assert.Equal(expected.GetProperty("length").GetInt32(), clip.FrameCount);
        var first16 = expected.GetProperty("first16");
        // Mono: one list; multichannel: one list per channel ([channels][N] in librosa).
        var perChannel = first16[0].ValueKind == JsonValueKind.Array ? first16.EnumerateArray().ToArray() : [first16];
        Assert.Equal(perChannel.Length, clip.ChannelCount);
        for (var channel = 0; channel < clip.ChannelCount; channel++)
        {
            var values = perChannel[channel].EnumerateArray().Select(v => (float)v.GetDouble()).ToArray();
            for (var frame = 0; frame < values.Length; frame++)
            {
                var actual = samples[frame * clip.ChannelCount + channel];
                Assert.True(values[frame] == actual, $"{reference}: frame {frame}, channel {channel} is {actual:R}, librosa gives {values[frame]:R}");
            }
        }

        double sum = 0, squares = 0, maxAbs = 0;
        foreach (var x in samples)
        {
            sum += x;
            squares += (double)x * x;
            maxAbs = Math.Max(maxAbs, Math.Abs(x));
        }
        var rms = Math.Sqrt(squares / samples.Length);
        var expectedRms = expected.GetProperty("rms").GetDouble();
        var expectedSum = expected.GetProperty("sum").GetDouble();
        // librosa summed in float32 (numpy pairwise); we sum in float64: allow float32 accumulation error.
        Assert.True(Math.Abs(rms - expectedRms) <= 1e-6 * expectedRms + 1e-12, $"{reference}: RMS {rms:R}, librosa {expectedRms:R}");
        Assert.True(Math.Abs(sum - expectedSum) <= 1e-3 + 1e-6 * Math.Abs(expectedSum), $"{reference}: sum {sum:R}, librosa {expectedSum:R}");
        Assert.Equal(expected.GetProperty("max_abs").GetDouble(), maxAbs, 0.0);
    }
}
