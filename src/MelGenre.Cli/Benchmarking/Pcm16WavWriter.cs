using System.Buffers.Binary;

namespace MelGenre.Cli.Benchmarking;

/// <summary>Writes a 16-bit PCM WAV file block by block (the benchmark's test recordings); the length is fixed up
/// front so the header is written first and the audio never has to be held whole.</summary>
internal sealed class Pcm16WavWriter : IDisposable
{
    private readonly FileStream _file;
    private readonly byte[] _buffer = new byte[1 << 16];

    /// <exception cref="ArgumentOutOfRangeException">More samples than a WAV file can hold (4 GiB).</exception>
    public Pcm16WavWriter(string path, int sampleRate, int channels, long frames)
    {
        var dataBytes = frames * channels * sizeof(short);
        if (dataBytes > uint.MaxValue - 36)
            throw new ArgumentOutOfRangeException(nameof(frames), frames, "A WAV file holds at most 4 GiB of samples.");
        _file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        var header = new byte[44];
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(4), (uint)(36 + dataBytes));
        "WAVEfmt "u8.CopyTo(header.AsSpan(8));
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(16), 16);
        BinaryPrimitives.WriteInt16LittleEndian(header.AsSpan(20), 1); // PCM
        BinaryPrimitives.WriteInt16LittleEndian(header.AsSpan(22), (short)channels);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(24), sampleRate);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(28), sampleRate * channels * sizeof(short));
        BinaryPrimitives.WriteInt16LittleEndian(header.AsSpan(32), (short)(channels * sizeof(short)));
        BinaryPrimitives.WriteInt16LittleEndian(header.AsSpan(34), 16);
        "data"u8.CopyTo(header.AsSpan(36));
        BinaryPrimitives.WriteUInt32LittleEndian(header.AsSpan(40), (uint)dataBytes);
        _file.Write(header);
    }

    /// <summary>Appends interleaved samples in [−1, 1] (clipped), rounded to 16 bits.</summary>
    public void Write(ReadOnlySpan<float> samples)
    {
        while (!samples.IsEmpty)
        {
            var count = Math.Min(samples.Length, _buffer.Length / sizeof(short));
            for (var i = 0; i < count; i++)
                BinaryPrimitives.WriteInt16LittleEndian(_buffer.AsSpan(2 * i),
                    (short)Math.Clamp(Math.Round(samples[i] * 32767.0), short.MinValue, short.MaxValue));
            _file.Write(_buffer, 0, count * sizeof(short));
            samples = samples[count..];
        }
    }

    public void Dispose() => _file.Dispose();
}
