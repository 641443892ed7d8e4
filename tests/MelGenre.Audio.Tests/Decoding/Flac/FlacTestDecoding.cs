using MelGenre.Audio.Decoding.Flac;

namespace MelGenre.Audio.Tests.Decoding.Flac;

/// <summary>Runs our decoder over whole byte arrays, for the tests.</summary>
internal static class FlacTestDecoding
{
    /// <summary>All integer samples, interleaved, read in odd-sized chunks to exercise block boundaries.</summary>
    public static int[] DecodeSamples(byte[] flac, int chunkFrames = 1000)
    {
        using var reader = new FlacReader(new MemoryStream(flac), "test.flac");
        var all = new List<int>();
        var chunk = new int[chunkFrames * reader.ChannelCount];
        int read;
        while ((read = reader.ReadSamples(chunk)) > 0)
            all.AddRange(chunk.AsSpan(0, read));
        return [.. all];
    }

    /// <summary>All float samples, interleaved.</summary>
    public static float[] DecodeFloats(byte[] flac)
    {
        using var reader = new FlacReader(new MemoryStream(flac), "test.flac");
        var all = new List<float>();
        var chunk = new float[4096 * reader.ChannelCount];
        int read;
        while ((read = reader.Read(chunk)) > 0)
            all.AddRange(chunk.AsSpan(0, read));
        return [.. all];
    }

    /// <summary>The index of the first difference, or -1; a length mismatch counts from the shorter end.</summary>
    public static int FirstDifference(ReadOnlySpan<int> expected, ReadOnlySpan<int> actual)
    {
        var common = Math.Min(expected.Length, actual.Length);
        for (var i = 0; i < common; i++)
        {
            if (expected[i] != actual[i])
                return i;
        }
        return expected.Length == actual.Length ? -1 : common;
    }

    /// <summary>Asserts bit-identical samples and says where and how they diverge otherwise.</summary>
    public static void AssertIdentical(int[] expected, int[] actual, int channelCount, string what)
    {
        var index = FirstDifference(expected, actual);
        if (index < 0)
            return;
        var detail = index < Math.Min(expected.Length, actual.Length)
            ? $"expected {expected[index]}, decoded {actual[index]}"
            : $"lengths differ: expected {expected.Length} samples, decoded {actual.Length}";
        Assert.Fail($"{what}: first difference at frame {index / channelCount}, channel {index % channelCount}: {detail}");
    }
}
