using System.Buffers.Binary;

namespace MelGenre.TestSupport;

/// <summary>Canonical 44-byte-header 16-bit PCM WAV files built in memory, for tests that make their own audio.</summary>
public static class Pcm16Wav
{
    /// <summary>
    /// A WAV of <paramref name="frames"/> frames: <paramref name="sample"/>(frame, channel) gives each sample in
    /// [−1, 1], scaled by 32767 and rounded.
    /// </summary>
    public static byte[] Create(int sampleRate, int channels, int frames, Func<int, int, double> sample)
    {
        var dataBytes = 2 * channels * frames;
        var wav = new byte[44 + dataBytes];
        "RIFF"u8.CopyTo(wav);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(4), wav.Length - 8);
        "WAVEfmt "u8.CopyTo(wav.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(20), 1); // PCM
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(22), (short)channels);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(24), sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(28), 2 * channels * sampleRate);
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(32), (short)(2 * channels));
        BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(34), 16);
        "data"u8.CopyTo(wav.AsSpan(36));
        BinaryPrimitives.WriteInt32LittleEndian(wav.AsSpan(40), dataBytes);
        for (var i = 0; i < frames; i++)
            for (var c = 0; c < channels; c++)
                BinaryPrimitives.WriteInt16LittleEndian(wav.AsSpan(44 + 2 * (i * channels + c)), (short)Math.Round(32767 * sample(i, c)));
        return wav;
    }

    /// <summary>A mono sine of <paramref name="frequency"/> Hz at <paramref name="amplitude"/> of full scale.</summary>
    public static byte[] Sine(int sampleRate, int frames, double frequency, double amplitude = 0.5) =>
        Create(sampleRate, 1, frames, (i, _) => amplitude * Math.Sin(2 * Math.PI * frequency * i / sampleRate));
}
