using System.Buffers.Binary;
using MelGenre.Audio.Decoding;
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

    private const int Channels = 2;

    /// <summary>Writes <paramref name="seconds"/> of <paramref name="clips"/> (cycled in order) to <paramref name="path"/>.</summary>
    public static void Write(string path, IReadOnlyList<string> clips, double seconds)
    {
        var totalFrames = (long)Math.Round(seconds * SampleRate);
        var dataBytes = totalFrames * Channels * sizeof(short);
        if (dataBytes > uint.MaxValue - 36)
            throw new ArgumentOutOfRangeException(nameof(seconds), seconds, "A WAV file holds at most 4 GiB of samples.");
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        file.Write(Header(dataBytes));
        var written = 0L;
        var bytes = new byte[1 << 20];
        for (var c = 0; written < totalFrames; c = (c + 1) % clips.Count)
        {
            var mono = AudioDecoder.Decode(clips[c]).ToMono();
            var samples = Resampler.Resample(mono, SampleRate).Samples.Span;
            var frames = (int)Math.Min(samples.Length, totalFrames - written);
            for (var first = 0; first < frames;)
            {
                var count = Math.Min(frames - first, bytes.Length / (Channels * sizeof(short)));
                for (var i = 0; i < count; i++)
                {
                    // A slightly narrower right channel, so the downmix has real work to do.
                    var left = samples[first + i];
                    BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(4 * i), Pcm16(left));
                    BinaryPrimitives.WriteInt16LittleEndian(bytes.AsSpan(4 * i + 2), Pcm16(0.9f * left));
                }
                file.Write(bytes, 0, count * Channels * sizeof(short));
                first += count;
            }
            written += frames;
        }
    }

    private static short Pcm16(float sample) => (short)Math.Clamp(Math.Round(sample * 32767.0), short.MinValue, short.MaxValue);

    private static byte[] Header(long dataBytes)
    {
        var header = new byte[44];
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), (uint)(36 + dataBytes));
        "WAVEfmt "u8.CopyTo(header.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(header.AsSpan(20), 1); // PCM
        BinaryPrimitives.WriteInt16LittleEndian(header.AsSpan(22), Channels);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(24), SampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(28), SampleRate * Channels * sizeof(short));
        BinaryPrimitives.WriteInt16LittleEndian(header.AsSpan(32), Channels * sizeof(short));
        BinaryPrimitives.WriteInt16LittleEndian(header.AsSpan(34), 16);
        "data"u8.CopyTo(header.AsSpan(36));
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(40), (uint)dataBytes);
        return header;
    }
}
