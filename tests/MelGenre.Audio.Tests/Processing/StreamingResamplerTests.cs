using System.Collections.Concurrent;
using MelGenre.Audio.Processing;

namespace MelGenre.Audio.Tests.Processing;

public class StreamingResamplerTests
{
    // Filters designed once per pair of rates: every case of a pair shares them.
    private static readonly ConcurrentDictionary<(int, int), Resampler> s_resamplers = new();

    private static readonly (int Source, int Target)[] RatePairs =
    [
        (44100, 22050), (48000, 22050), (8000, 22050), (11025, 22050), (16000, 22050), (96000, 22050), (22050, 22050),
        (44100, 16000),
    ];

    /// <summary>Lengths: none, one sample, a few hundred, and "Long" = three and a half chunks plus an odd remainder.</summary>
    private const int Long = -1;

    public static TheoryData<int, int, int, int> WholeSignalCases()
    {
        var cases = new TheoryData<int, int, int, int>();
        foreach (var (source, target) in RatePairs)
            foreach (var length in new[] { 0, 1, 333, Long })
                foreach (var block in new[] { 1, 7, 4096, 100003 })
                    cases.Add(source, target, length, block);
        return cases;
    }

    [Theory]
    [MemberData(nameof(WholeSignalCases))]
    public void BlockwiseOutputIsBitIdenticalToTheWholeSignalResampled(int source, int target, int length, int block)
    {
        var resampler = ResamplerFor(source, target);
        var streaming = new StreamingResampler(resampler);
        var signal = TestSignal(length == Long ? 3 * streaming.ChunkLength + streaming.ChunkLength / 2 + 4321 : length, source);

        var actual = Stream(streaming, signal, block);

        AssertBitIdentical(resampler.Process(signal), actual, $"{source}→{target} Hz, {signal.Length} samples in blocks of {block}");
    }

    [Theory]
    [InlineData(44100, 22050)]
    [InlineData(48000, 22050)]
    [InlineData(8000, 22050)]
    [InlineData(96000, 22050)]
    [InlineData(44100, 16000)]
    [InlineData(37800, 22050)] // a stage with Up and Down not coprime (14/12)
    public void ChunksAsShortAsTheAlignmentPeriodStillGiveTheSameBits(int source, int target)
    {
        // Chunk length 1 rounds up to one alignment period: a window boundary every few hundred samples, so every
        // stage's phase meets every boundary.
        var resampler = ResamplerFor(source, target);
        var streaming = new StreamingResampler(resampler, chunkLength: 1);
        var signal = TestSignal(40 * (streaming.ChunkLength + streaming.ContextLength) + 77, source);

        var actual = Stream(streaming, signal, block: 1000);

        AssertBitIdentical(resampler.Process(signal), actual,
            $"{source}→{target} Hz with chunks of {streaming.ChunkLength} and context {streaming.ContextLength}");
    }

    [Theory]
    [InlineData(44100, 22050)]
    [InlineData(48000, 22050)]
    [InlineData(96000, 22050)]
    [InlineData(8000, 22050)]
    public void ContextCoversTheReachOfAllStagesAndAlignsToThePeriod(int source, int target)
    {
        var streaming = new StreamingResampler(ResamplerFor(source, target));

        Assert.Equal(0, streaming.ContextLength % streaming.AlignmentPeriod);
        Assert.Equal(0, streaming.ChunkLength % streaming.AlignmentPeriod);
        Assert.Equal(0, streaming.AlignmentPeriod * target % source); // window starts map to whole output indices
        // The overlap recomputed per chunk stays around one per cent of it.
        Assert.True(2.0 * streaming.ContextLength / streaming.ChunkLength < 0.02,
            $"context {streaming.ContextLength} on each side of a {streaming.ChunkLength}-sample chunk");
    }

    [Fact]
    public void NothingIsReadableUntilAWindowFillsAndTheEndIsSignalledOnlyAfterComplete()
    {
        var streaming = new StreamingResampler(ResamplerFor(44100, 22050));
        var buffer = new float[64];

        streaming.Write(TestSignal(1000, 44100));

        Assert.Equal(0, streaming.Read(buffer));
        Assert.False(streaming.IsFinished, "the output cannot have ended before Complete");
        streaming.Complete();
        var total = 0;
        for (int read; (read = streaming.Read(buffer)) > 0;)
            total += read;
        Assert.Equal(500, total);
        Assert.True(streaming.IsFinished, "every output was read after Complete");
        Assert.Equal(1000, streaming.InputCount);
    }

    [Fact]
    public void EqualRatesPassTheInputThroughAsItArrives()
    {
        var streaming = new StreamingResampler(22050, 22050);
        var signal = TestSignal(10, 22050);
        var buffer = new float[16];

        streaming.Write(signal);

        Assert.Equal(10, streaming.Read(buffer));
        Assert.Equal(signal, buffer[..10]);
    }

    [Fact]
    public void WritingAfterCompleteIsRefused()
    {
        var streaming = new StreamingResampler(48000);
        streaming.Complete();

        Assert.Throws<InvalidOperationException>(() => streaming.Write(new float[3]));
    }

    private static Resampler ResamplerFor(int source, int target) => s_resamplers.GetOrAdd((source, target), key => new Resampler(key.Item1, key.Item2));

    /// <summary>Writes <paramref name="signal"/> <paramref name="block"/> samples at a time, reading after each write
    /// into a buffer of another size, then completes and drains.</summary>
    private static float[] Stream(StreamingResampler streaming, float[] signal, int block)
    {
        var output = new List<float>();
        var buffer = new float[3001];
        for (var i = 0; i < signal.Length; i += block)
        {
            streaming.Write(signal.AsSpan(i, Math.Min(block, signal.Length - i)));
            Drain(streaming, buffer, output);
        }
        streaming.Complete();
        Drain(streaming, buffer, output);
        Assert.True(streaming.IsFinished, "Read returned 0 after Complete, so the output has ended");
        return [.. output];
    }

    private static void Drain(StreamingResampler streaming, float[] buffer, List<float> output)
    {
        for (int read; (read = streaming.Read(buffer)) > 0;)
            output.AddRange(buffer.AsSpan(0, read));
    }

    /// <summary>A seeded mix of two sines and noise, so every output depends on many differing inputs.</summary>
    private static float[] TestSignal(int length, int rate)
    {
        var random = new Random(length);
        var signal = new float[length];
        for (var i = 0; i < length; i++)
            signal[i] = (float)(0.4 * Math.Sin(2 * Math.PI * 440 * i / rate) + 0.2 * Math.Sin(2 * Math.PI * 5123.4 * i / rate) + 0.2 * (random.NextDouble() - 0.5));
        return signal;
    }

    internal static void AssertBitIdentical(ReadOnlySpan<float> expected, ReadOnlySpan<float> actual, string what)
    {
        Assert.True(expected.Length == actual.Length, $"{what}: {actual.Length} samples, expected {expected.Length}");
        for (var i = 0; i < expected.Length; i++)
        {
            if (BitConverter.SingleToInt32Bits(expected[i]) != BitConverter.SingleToInt32Bits(actual[i]))
                Assert.Fail($"{what}: sample {i} of {expected.Length} is {actual[i]:R}, the whole-signal resampler gives {expected[i]:R}");
        }
    }
}
