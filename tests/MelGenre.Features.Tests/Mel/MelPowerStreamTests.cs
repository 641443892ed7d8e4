using MelGenre.Features.Mel;
using MelGenre.Features.Transforms;

namespace MelGenre.Features.Tests.Mel;

public class MelPowerStreamTests
{
    private const int ThirtySeconds = 30 * Clips.SampleRate;

    // Reads use a destination of a few frames so that partial reads are exercised too.
    private const int ReadFrames = 3;

    public static readonly TheoryData<int, int> LengthsAndBlocks = Grid(
        [0, 1, 100, 1023, 1024, 1025, 2047, 2048, 2049, 5000, ThirtySeconds + 17],
        [1, 511, 512, 4096, 100_003]);

    public static readonly TheoryData<int, int, int, int> OtherOptions = new()
    {
        // n_fft, hop, n_mels, length
        { 1024, 256, 64, 44_100 },
        { 1000, 300, 40, 9_001 },    // Bluestein FFT
        { 511, 100, 32, 5_000 },     // odd n_fft
        { 511, 100, 32, 1 },
        { 512, 1500, 16, 20_000 },   // hop longer than the frame: samples between frames are never used
    };

    [Theory]
    [MemberData(nameof(LengthsAndBlocks))]
    public void FramesAreBitIdenticalToComputePowerColumns(int length, int block)
    {
        var signal = Signal(length);
        var expected = new LogMelExtractor().ComputePower(signal);

        var actual = StreamAll(new MelPowerStream(), signal, block);

        AssertBitIdentical(expected, actual, $"{length} samples in blocks of {block}");
    }

    [Theory]
    [MemberData(nameof(OtherOptions))]
    public void FramesAreBitIdenticalToComputePowerColumnsForOtherOptions(int fftSize, int hop, int melCount, int length)
    {
        var options = new LogMelOptions { FftSize = fftSize, HopLength = hop, MelCount = melCount };
        var signal = Signal(length);
        var expected = new LogMelExtractor(options).ComputePower(signal);

        foreach (var block in new[] { 1, 333, 4096 })
            AssertBitIdentical(expected, StreamAll(new MelPowerStream(options), signal, block), $"n_fft {fftSize}, hop {hop}, {length} samples in blocks of {block}");
    }

    [Theory]
    [InlineData("jazz.00005", 4096)]
    [InlineData("classical.00001", 100_003)]
    public void FramesOfARealClipAreBitIdenticalToComputePowerColumns(string clip, int block)
    {
        var signal = Clips.Samples(clip);
        var expected = new LogMelExtractor().ComputePower(signal);

        AssertBitIdentical(expected, StreamAll(new MelPowerStream(), signal, block), $"{clip} in blocks of {block}");
    }

    [Fact]
    public void EmptySignalGivesOneAllZeroFrameThenFinishes()
    {
        var stream = new MelPowerStream();
        var frame = new float[stream.MelCount];
        frame.AsSpan().Fill(float.NaN);

        Assert.Equal(0, stream.Read(frame));
        Assert.False(stream.IsFinished);
        stream.Complete();

        Assert.Equal(1, stream.Read(frame));
        Assert.All(frame, v => Assert.Equal(0f, v));
        Assert.True(stream.IsFinished);
        Assert.Equal(0, stream.Read(frame));
    }

    [Fact]
    public void FrameBecomesReadyWhenItsLastSampleArrives()
    {
        // Frame t covers [t·hop − n_fft/2, t·hop + n_fft/2): ready once sample t·hop + n_fft/2 − 1 is written.
        var stream = new MelPowerStream();
        var signal = Signal(5000);
        for (var i = 0; i < signal.Length; i++)
        {
            stream.Write(signal.AsSpan(i, 1));
            var expected = stream.SampleCount < 1024 ? 0 : 1 + (stream.SampleCount - 1024) / 512;
            Assert.True(expected == stream.FramesAvailable, $"after {stream.SampleCount} samples: {stream.FramesAvailable} frames ready, expected {expected}");
        }
        stream.Complete();
        Assert.Equal(1 + 5000 / 512, stream.FramesAvailable);
    }

    [Fact]
    public void ReflectPaddingIsRefusedBecauseItCannotStream()
    {
        var error = Assert.Throws<ArgumentException>(() => new MelPowerStream(new LogMelOptions { PadMode = PadMode.Reflect }));
        Assert.Contains("Constant", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteAfterCompleteIsRefused()
    {
        var stream = new MelPowerStream();
        stream.Write(new float[100]);
        stream.Complete();

        Assert.Throws<InvalidOperationException>(() => stream.Write(new float[1]));
    }

    [Fact]
    public void ReadIntoLessThanOneFrameIsRefused()
    {
        var stream = new MelPowerStream();
        stream.Write(new float[4096]);

        Assert.Throws<ArgumentException>(() => stream.Read(new float[stream.MelCount - 1]));
    }

    [Fact]
    public void TenMinutesInBlocksOf4096AllocateLessThan512KiBAndNothingAfterTheFirstMinute()
    {
        // The whole signal would be 52.9 MB of float32; the stream keeps about n_fft + one block of it.
        const int blockSize = 4096;
        var sampleCount = 10 * 60 * Clips.SampleRate;
        var block = new float[blockSize];
        var frames = new float[128 * 16];
        var before = GC.GetAllocatedBytesForCurrentThread();
        var afterFirstMinute = 0L;

        var stream = new MelPowerStream();
        for (var start = 0; start < sampleCount; start += blockSize)
        {
            if (start / blockSize == 60 * Clips.SampleRate / blockSize)
                afterFirstMinute = GC.GetAllocatedBytesForCurrentThread();
            var count = Math.Min(blockSize, sampleCount - start);
            for (var i = 0; i < count; i++)
                block[i] = 0.3f * MathF.Sin((start + i) * 0.0627f);
            stream.Write(block.AsSpan(0, count));
            while (stream.Read(frames) > 0)
            {
            }
        }
        stream.Complete();
        while (stream.Read(frames) > 0)
        {
        }

        var after = GC.GetAllocatedBytesForCurrentThread();
        var allocated = after - before;
        Assert.True(stream.IsFinished);
        Assert.Equal(1 + sampleCount / 512, stream.FramesRead);
        Assert.True(allocated < 512 * 1024, $"streaming 10 minutes allocated {allocated} bytes, bound 524288");
        Assert.True(after == afterFirstMinute, $"minutes 2 to 10 allocated {after - afterFirstMinute} bytes; the buffer should have stopped growing");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(600)]
    [InlineData(1162)]    // the last whole patch of 1292 frames
    public void PatchConvertedWithTheClipMaximumEqualsTheWholeLogMelBitForBit(int firstFrame)
    {
        // The prediction path: stream mel power, cut a 130-frame patch, convert it with the whole clip's maximum.
        const int patchFrames = 130;
        var signal = Signal(ThirtySeconds);
        var extractor = new LogMelExtractor();
        var whole = extractor.Compute(signal);
        var maximum = extractor.ComputePower(signal).Values.ToArray().Max();
        var stream = new MelPowerStream();
        var frames = StreamAll(stream, signal, 4096);
        var melCount = stream.MelCount;

        var patch = new float[melCount * patchFrames];
        for (var m = 0; m < melCount; m++)
        {
            for (var j = 0; j < patchFrames; j++)
                patch[m * patchFrames + j] = frames[(firstFrame + j) * melCount + m];
        }
        var db = new float[patch.Length];
        Decibels.PowerToDb(patch, db, referencePower: maximum, maximumPower: maximum);

        for (var m = 0; m < melCount; m++)
        {
            for (var j = 0; j < patchFrames; j++)
            {
                float expected = whole[m, firstFrame + j], actual = db[m * patchFrames + j];
                Assert.True(BitConverter.SingleToInt32Bits(expected) == BitConverter.SingleToInt32Bits(actual),
                    $"mel {m}, frame {firstFrame + j}: patch {actual:R} dB vs whole log-mel {expected:R} dB");
            }
        }
    }

    // Write in blocks, reading every ready frame after each; then complete and drain. Frame-major output.
    private static float[] StreamAll(MelPowerStream stream, float[] signal, int block)
    {
        var melCount = stream.MelCount;
        var output = new List<float>();
        var frames = new float[ReadFrames * melCount + 5];
        void Drain()
        {
            int read;
            while ((read = stream.Read(frames)) > 0)
                output.AddRange(frames.AsSpan(0, read * melCount));
        }
        for (var start = 0; start < signal.Length; start += block)
        {
            stream.Write(signal.AsSpan(start, Math.Min(block, signal.Length - start)));
            Drain();
            Assert.False(stream.IsFinished, "finished before Complete()");
        }
        stream.Complete();
        Drain();
        Assert.True(stream.IsFinished, $"not finished after Complete(): {stream.FramesAvailable} frames still available");
        Assert.Equal(signal.Length, stream.SampleCount);
        Assert.Equal(output.Count / melCount, stream.FramesRead);
        return [.. output];
    }

    private static void AssertBitIdentical(MelSpectrogram expected, float[] actual, string what)
    {
        var melCount = expected.MelCount;
        Assert.True(expected.FrameCount * melCount == actual.Length,
            $"{what}: stream gave {actual.Length / melCount} frames, ComputePower {expected.FrameCount}");
        for (var t = 0; t < expected.FrameCount; t++)
        {
            for (var m = 0; m < melCount; m++)
            {
                float e = expected[m, t], a = actual[t * melCount + m];
                if (BitConverter.SingleToInt32Bits(e) != BitConverter.SingleToInt32Bits(a))
                    Assert.Fail($"{what}: frame {t}, mel {m}: stream {a:R} vs ComputePower {e:R}");
            }
        }
    }

    // Tones plus noise (fixed seed); every length is a prefix of the same signal.
    private static float[] Signal(int length)
    {
        var random = new Random(42);
        var signal = new float[length];
        for (var i = 0; i < length; i++)
            signal[i] = 0.3f * MathF.Sin(i * 0.0627f) + 0.1f * MathF.Sin(i * 0.31f) + 0.05f * (float)(random.NextDouble() - 0.5);
        return signal;
    }

    private static TheoryData<int, int> Grid(int[] lengths, int[] blocks)
    {
        var data = new TheoryData<int, int>();
        foreach (var length in lengths)
        {
            foreach (var block in blocks)
                data.Add(length, block);
        }
        return data;
    }
}
