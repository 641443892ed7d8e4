using MelGenre.TestSupport;

namespace MelGenre.Web.Tests;

/// <summary>Audio the tests make themselves.</summary>
internal static class TestAudio
{
    public const int SampleRate = 22050;

    /// <summary>A mono 16-bit WAV of <paramref name="seconds"/> of a chord-like mix that changes over time, so patches
    /// differ.</summary>
    public static byte[] Wav(double seconds = 5, int sampleRate = SampleRate) =>
        Pcm16Wav.Create(sampleRate, 1, (int)(seconds * sampleRate), (i, _) =>
        {
            var t = (double)i / sampleRate;
            return 0.3 * Math.Sin(2 * Math.PI * 220 * t) + 0.2 * Math.Sin(2 * Math.PI * (440 + 40 * t) * t) * (0.5 + 0.5 * Math.Sin(2 * Math.PI * 2 * t));
        });

    /// <summary>4 KiB of seeded random bytes.</summary>
    public static byte[] RandomBytes()
    {
        var bytes = new byte[4096];
        new Random(20240611).NextBytes(bytes);
        return bytes;
    }
}
