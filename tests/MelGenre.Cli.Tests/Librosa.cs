using System.Text.Json;
using MelGenre.TestSupport;

namespace MelGenre.Cli.Tests;

/// <summary>The librosa 0.10.2 reference inputs and outputs in shared/data (tests skip when absent).</summary>
internal static class Librosa
{
    /// <summary>The audio file librosa analysed for <paramref name="clip"/>: a GTZAN WAV or an edge-case WAV.</summary>
    public static string Input(string clip) => SharedData.RequirePath(clip.StartsWith("edge_", StringComparison.Ordinal)
        ? $"librosa/audio/{clip}.wav"
        : $"gtzan/wav/{clip}.wav");

    public static ReferenceArray Reference(string clip, string name) => ReferenceArray.Load(SharedData.RequirePath($"librosa/{clip}/{name}.bin"));

    public static JsonDocument Meta(string clip) => JsonDocument.Parse(File.ReadAllText(SharedData.RequirePath($"librosa/{clip}/meta.json")));

    /// <summary>Asserts <paramref name="actual"/> has the reference's shape and every value within <paramref name="toleranceDb"/>.</summary>
    public static void AssertMatches(ReferenceArray expected, NpyFile actual, double toleranceDb, string what)
    {
        Assert.True(expected.Rows == actual.Rows && expected.Columns == actual.Columns,
            $"{what}: shape [{actual.Rows}, {actual.Columns}], librosa [{expected.Rows}, {expected.Columns}]");
        var worst = 0.0;
        var at = 0;
        for (var i = 0; i < actual.Values.Length; i++)
        {
            var error = Math.Abs(actual.Values[i] - expected.Values[i]);
            if (error > worst)
                (worst, at) = (error, i);
        }
        Assert.True(worst <= toleranceDb,
            $"{what}: max |error| {worst:F5} dB at row {at / actual.Columns}, frame {at % actual.Columns} " +
            $"(ours {actual.Values[at]}, librosa {expected.Values[at]}) exceeds {toleranceDb} dB");
    }
}
