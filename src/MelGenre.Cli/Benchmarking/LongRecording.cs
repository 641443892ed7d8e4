using MelGenre.Audio.Processing;

namespace MelGenre.Cli.Benchmarking;

/// <summary>
/// Builds the long test recording of <c>melgenre bench</c>: clips of several genres played one after another (so the
/// timeline has changes to find), at CD format — 44.1 kHz, 16-bit, stereo WAV, the way a DJ mix or a concert is
/// usually exported — written block by block, never held whole.
/// </summary>
internal static class LongRecording
{
    /// <summary>Sample rate of the recording.</summary>
    public const int SampleRate = 44_100;

    /// <summary>Writes <paramref name="seconds"/> of <paramref name="clips"/> (cycled in order) to <paramref name="path"/>.</summary>
    public static void Write(string path, IReadOnlyList<string> clips, double seconds)
    {
        var totalFrames = (long)Math.Round(seconds * SampleRate);
        using var wav = new Pcm16WavWriter(path, SampleRate, channels: 2, totalFrames);
        var written = 0L;
        var stereo = new float[2 * 8192];
        for (var c = 0; written < totalFrames; c = (c + 1) % clips.Count)
        {
            var mono = MonoAudioStream.Load(clips[c], SampleRate).Samples.Span;
            var frames = (int)Math.Min(mono.Length, totalFrames - written);
            for (var first = 0; first < frames; first += stereo.Length / 2)
            {
                var count = Math.Min(frames - first, stereo.Length / 2);
                for (var i = 0; i < count; i++)
                {
                    // A slightly narrower right channel, so the downmix has real work to do.
                    stereo[2 * i] = mono[first + i];
                    stereo[2 * i + 1] = 0.9f * mono[first + i];
                }
                wav.Write(stereo.AsSpan(0, 2 * count));
            }
            written += frames;
        }
    }
}
