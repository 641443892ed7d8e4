using MelGenre.Audio;
using MelGenre.Audio.Decoding;
using MelGenre.Audio.Processing;

namespace MelGenre.Cli.Commands;

/// <summary>What <c>librosa.load(path, sr=…)</c> does, spelled out: decode, mix to mono, resample.</summary>
internal static class AudioInput
{
    /// <summary>The file at <paramref name="path"/> as a mono clip at <paramref name="sampleRate"/> Hz.</summary>
    public static AudioClip LoadMono(string path, int sampleRate)
    {
        var mono = AudioDecoder.Decode(path).ToMono();
        return Resampler.Resample(mono, sampleRate);
    }
}
