using System.Buffers.Binary;
using BenchmarkDotNet.Attributes;
using MelGenre.Audio;
using MelGenre.Audio.Decoding;

namespace MelGenre.Benchmarks;

/// <summary>
/// Decoding a 30 s GTZAN-sized clip (661 794 frames at 22 050 Hz) held in memory, per stored sample format,
/// so file-system speed is out of the measurement. The WAV is synthesised: the suite runs without shared data.
/// </summary>
[MemoryDiagnoser]
[MinColumn]
public class WavDecodeBenchmarks
{
    private const int Frames = 661_794;
    private const int SampleRate = 22_050;
    private byte[] _wav = [];
    private readonly float[] _samples = new float[Frames];

    /// <summary>Stored format: PCM bits, or 32f for IEEE float.</summary>
    [Params("16", "24", "32f")]
    public string Format { get; set; } = "16";

    [GlobalSetup]
    public void Setup()
    {
        var (tag, bytesPerSample) = Format switch
        {
            "16" => ((ushort)1, 2),
            "24" => ((ushort)1, 3),
            "32f" => ((ushort)3, 4),
            _ => throw new InvalidOperationException(Format),
        };
        var dataBytes = Frames * bytesPerSample;
        _wav = new byte[44 + dataBytes];
        var header = _wav.AsSpan();
        "RIFF"u8.CopyTo(header);
        BinaryPrimitives.WriteUInt32LittleEndian(header[4..], (uint)(_wav.Length - 8));
        "WAVEfmt "u8.CopyTo(header[8..]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 16);
        BinaryPrimitives.WriteUInt16LittleEndian(header[20..], tag);
        BinaryPrimitives.WriteUInt16LittleEndian(header[22..], 1);
        BinaryPrimitives.WriteUInt32LittleEndian(header[24..], SampleRate);
        BinaryPrimitives.WriteUInt32LittleEndian(header[28..], (uint)(SampleRate * bytesPerSample));
        BinaryPrimitives.WriteUInt16LittleEndian(header[32..], (ushort)bytesPerSample);
        BinaryPrimitives.WriteUInt16LittleEndian(header[34..], (ushort)(bytesPerSample * 8));
        "data"u8.CopyTo(header[36..]);
        BinaryPrimitives.WriteUInt32LittleEndian(header[40..], (uint)dataBytes);
        var random = new Random(42);
        for (var i = 0; i < Frames; i++)
        {
            var value = 0.5 * Math.Sin(2 * Math.PI * 440 * i / SampleRate) + 0.1 * (random.NextDouble() - 0.5);
            var sample = header.Slice(44 + i * bytesPerSample, bytesPerSample);
            switch (Format)
            {
                case "16": BinaryPrimitives.WriteInt16LittleEndian(sample, (short)(value * 32767)); break;
                case "24":
                    var x = (int)(value * 8388607);
                    sample[0] = (byte)x;
                    sample[1] = (byte)(x >> 8);
                    sample[2] = (byte)(x >> 16);
                    break;
                default: BinaryPrimitives.WriteSingleLittleEndian(sample, (float)value); break;
            }
        }
    }

    /// <summary>The whole clip into a new <see cref="AudioClip"/>: includes allocating (and the kernel zeroing) 2.6 MB.</summary>
    [Benchmark]
    public AudioClip Decode30Seconds() => AudioDecoder.Decode(new MemoryStream(_wav, writable: false), "bench.wav");

    /// <summary>Steady state of the streaming path: the same clip pulled into a buffer the caller reuses.</summary>
    [Benchmark]
    public int ReadInto30Seconds()
    {
        using var reader = AudioDecoder.Open(new MemoryStream(_wav, writable: false), "bench.wav");
        var total = 0;
        int read;
        while (total < _samples.Length && (read = reader.Read(_samples.AsSpan(total))) > 0)
            total += read;
        return total;
    }
}
