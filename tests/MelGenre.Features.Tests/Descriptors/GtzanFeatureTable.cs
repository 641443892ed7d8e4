using System.Globalization;
using MelGenre.Audio.Decoding;
using MelGenre.Audio.Processing;
using MelGenre.Features.Descriptors;
using MelGenre.TestSupport;

namespace MelGenre.Features.Tests.Descriptors;

/// <summary>
/// The rows of shared/data/gtzan/meta/features_30_sec.csv for the ten lossless clips in shared/data/gtzan/wav, and our
/// features of those clips (computed once per preset and cached for the test run).
/// </summary>
internal static class GtzanFeatureTable
{
    public static readonly string[] ClipNames =
    [
        "blues.00000", "classical.00001", "country.00000", "disco.00000", "hiphop.00002",
        "jazz.00005", "metal.00001", "pop.00002", "reggae.00000", "rock.00000",
    ];

    private static readonly Lazy<IReadOnlyDictionary<string, ClipRow>> Rows = new(LoadRows);
    private static readonly Lazy<IReadOnlyDictionary<string, float[]>> Signals = new(LoadSignals);
    private static readonly Dictionary<MusicFeatureOptions, Dictionary<string, MusicFeatureSummary>> Computed = [];

    /// <summary>The table's row of <paramref name="clip"/> (skips the test when shared data is absent).</summary>
    public static ClipRow Row(string clip)
    {
        SharedData.RequirePath("gtzan/meta/features_30_sec.csv");
        return Rows.Value[clip + ".wav"];
    }

    /// <summary><c>librosa.load(path)</c> of the clip: decode, mono, 22050 Hz (the WAVs are already mono 22050 Hz).</summary>
    public static float[] Signal(string clip)
    {
        SharedData.RequirePath("gtzan/wav/" + clip + ".wav");
        return Signals.Value[clip];
    }

    /// <summary>Our summary of <paramref name="clip"/> under <paramref name="options"/>.</summary>
    public static MusicFeatureSummary Features(string clip, MusicFeatureOptions options)
    {
        var signal = Signal(clip);
        lock (Computed)
        {
            if (!Computed.TryGetValue(options, out var byClip))
                Computed[options] = byClip = [];
            if (!byClip.TryGetValue(clip, out var summary))
                byClip[clip] = summary = new MusicFeatures(options).Compute(signal);
            return summary;
        }
    }

    private static IReadOnlyDictionary<string, ClipRow> LoadRows()
    {
        var lines = File.ReadAllLines(SharedData.RequirePath("gtzan/meta/features_30_sec.csv"));
        var header = lines[0].Split(',');
        var rows = new Dictionary<string, ClipRow>();
        foreach (var line in lines.Skip(1))
        {
            var cells = line.Split(',');
            var values = new Dictionary<string, double>();
            for (var i = 1; i < header.Length - 1; i++)
                values[header[i]] = double.Parse(cells[i], CultureInfo.InvariantCulture);
            rows[cells[0]] = new ClipRow(cells[0], values);
        }
        return rows;
    }

    private static IReadOnlyDictionary<string, float[]> LoadSignals() => ClipNames.ToDictionary(
        clip => clip,
        clip => Resampler.Resample(AudioDecoder.Decode(SharedData.RequirePath("gtzan/wav/" + clip + ".wav")).ToMono(), 22050).Samples.ToArray());
}

/// <summary>One row of the table: its file name and every numeric column by name (<c>length</c> included).</summary>
internal sealed record ClipRow(string FileName, IReadOnlyDictionary<string, double> Values);
