using MelGenre.TestSupport;

namespace MelGenre.Model.Tests.Data;

/// <summary>A fresh temporary folder for a synthetic dataset, with helpers to write WAV files into it; deleted on dispose.</summary>
internal sealed class DataTree : IDisposable
{
    public DataTree() => Directory.CreateDirectory(Root);

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "melgenre-data-tests-" + Guid.NewGuid().ToString("N"));

    public string PathOf(string relative) => Path.Combine(Root, relative);

    /// <summary>Writes a 16-bit mono PCM WAV of a sine at <paramref name="frequency"/> Hz.</summary>
    public string Wav(string relative, double seconds = 0.25, double frequency = 440, int sampleRate = 22050) =>
        Bytes(relative, Pcm16Wav.Sine(sampleRate, (int)(seconds * sampleRate), frequency, amplitude: 16000 / 32767.0));

    /// <summary>Writes <paramref name="bytes"/> at <paramref name="relative"/>, creating folders.</summary>
    public string Bytes(string relative, byte[] bytes)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
