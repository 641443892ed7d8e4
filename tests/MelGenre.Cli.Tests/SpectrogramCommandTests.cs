using MelGenre.Features;
using SkiaSharp;

namespace MelGenre.Cli.Tests;

/// <summary><c>melgenre spectrogram</c> end to end, in process: file in, librosa's numbers out.</summary>
public sealed class SpectrogramCommandTests : IDisposable
{
    /// <summary>Whole-pipeline agreement with librosa's float32 log-mel (decode, STFT, mel, dB): the features' own tolerance.</summary>
    private const double ToleranceDb = 0.01;

    private const string Jazz = "jazz.00005";
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private NpyFile Spectrogram(string clip, params string[] options)
    {
        var target = _folder.File($"{clip}-{Guid.NewGuid():N}.npy");
        Cli.Succeed(["spectrogram", Librosa.Input(clip), "--out", target, .. options]);
        return NpyFile.Read(target);
    }

    [Fact]
    public void Npy_of_a_30_s_gtzan_clip_is_128_by_1293_and_matches_librosa_logmel_within_0_01_dB()
    {
        var mel = Spectrogram(Jazz);

        Assert.Equal((128, 1293), (mel.Rows, mel.Columns));
        Librosa.AssertMatches(Librosa.Reference(Jazz, "logmel"), mel, ToleranceDb, $"{Jazz} → .npy");
    }

    [Fact]
    public void Csv_parses_back_to_the_same_float32_values_as_the_npy()
    {
        var npy = Spectrogram(Jazz);
        var csv = _folder.File("jazz.csv");
        Cli.Succeed("spectrogram", Librosa.Input(Jazz), "--out", csv);

        var lines = File.ReadAllLines(csv);
        Assert.Equal(npy.Rows, lines.Length);
        for (var row = 0; row < lines.Length; row++)
        {
            var values = lines[row].Split(',').Select(v => float.Parse(v, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(npy.Columns, values.Length);
            for (var frame = 0; frame < values.Length; frame++)
                Assert.True(values[frame] == npy[row, frame], $"csv row {row}, frame {frame}: {values[frame]:R}, npy holds {npy[row, frame]:R}");
        }
    }

    [Fact]
    public void Png_is_a_valid_picture_of_the_default_1000_by_400_pixels()
    {
        var png = _folder.File("jazz.png");
        Cli.Succeed("spectrogram", Librosa.Input(Jazz), "--out", png);

        var bytes = File.ReadAllBytes(png);
        Assert.True(bytes.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "no PNG signature");
        using var bitmap = SKBitmap.Decode(bytes);
        Assert.NotNull(bitmap);
        Assert.Equal((1000, 400), (bitmap.Width, bitmap.Height));
    }

    [Fact]
    public void Out_dir_writes_one_npy_per_input_named_after_it_holding_that_inputs_log_mel()
    {
        string[] clips = ["classical.00001", Jazz, "metal.00001"];
        var folder = _folder.File("mels");

        Cli.Succeed(["spectrogram", .. clips.Select(Librosa.Input), "--out-dir", folder]);

        Assert.Equal(clips.Select(c => c + ".npy").Order(), Directory.GetFiles(folder).Select(Path.GetFileName).Order());
        foreach (var clip in clips)
            Librosa.AssertMatches(Librosa.Reference(clip, "logmel"), NpyFile.Read(Path.Combine(folder, clip + ".npy")), ToleranceDb, $"--out-dir {clip}.npy");
    }

    [Fact]
    public void N_mels_64_gives_64_rows()
    {
        var mel = Spectrogram(Jazz, "--n-mels", "64");

        Assert.Equal((64, 1293), (mel.Rows, mel.Columns));
    }

    [Fact]
    public void Hop_256_doubles_the_frames_of_a_30_s_clip()
    {
        // center=True: 1 + 661794 // 256 = 2586 = 2 × (1 + 661794 // 512).
        var mel = Spectrogram(Jazz, "--hop", "256");

        Assert.Equal((128, 2 * 1293), (mel.Rows, mel.Columns));
    }

    [Fact]
    public void Pad_mode_reflect_matches_librosa_logmel_reflect_within_0_01_dB()
    {
        var mel = Spectrogram(Jazz, "--pad-mode", "reflect");

        Librosa.AssertMatches(Librosa.Reference(Jazz, "logmel_reflect"), mel, ToleranceDb, $"{Jazz} --pad-mode reflect");
    }

    [Fact]
    public void Ref_1_shifts_every_value_of_ref_max_by_the_peak_mel_power_in_dB()
    {
        var relative = Spectrogram(Jazz);
        var absolute = Spectrogram(Jazz, "--ref", "1");
        using var meta = Librosa.Meta(Jazz);
        var peakDb = 10 * Math.Log10(meta.RootElement.GetProperty("melpower").GetProperty("max").GetDouble());

        // ref=max puts the peak at 0 dB, so the constant offset is ref=1's own peak; top_db floors both relative to their peak.
        var offset = (double)absolute.Values.Max();
        Assert.True(Math.Abs(offset - peakDb) <= ToleranceDb, $"ref=1 peak {offset:F5} dB, librosa's 10·log10(max mel power) is {peakDb:F5} dB");
        var worst = 0.0;
        for (var i = 0; i < absolute.Values.Length; i++)
            worst = Math.Max(worst, Math.Abs(absolute.Values[i] - relative.Values[i] - offset));
        // float32 rounding of values up to ~110 dB in magnitude: a few ulps of 1e-5 dB.
        Assert.True(worst <= 1e-4, $"ref=1 minus ref=max strays {worst:E2} dB from the constant {offset:F5} dB");
    }

    [Fact]
    public void Top_db_none_keeps_what_the_80_dB_floor_clips_and_nothing_else_changes()
    {
        var floored = Spectrogram(Jazz);
        var unfloored = Spectrogram(Jazz, "--top-db", "none");
        using var meta = Librosa.Meta(Jazz);
        var power = meta.RootElement.GetProperty("melpower");
        var expectedMin = 10 * Math.Log10(power.GetProperty("min").GetDouble() / power.GetProperty("max").GetDouble());

        var below = 0;
        for (var i = 0; i < floored.Values.Length; i++)
        {
            if (unfloored.Values[i] < -Decibels.DefaultTopDb)
            {
                below++;
                Assert.True(floored.Values[i] == -80f, $"value {i}: {unfloored.Values[i]} dB unfloored but {floored.Values[i]} dB with the floor");
            }
            else
            {
                Assert.True(floored.Values[i] == unfloored.Values[i], $"value {i}: {unfloored.Values[i]} dB unfloored but {floored.Values[i]} dB with the floor");
            }
        }
        Assert.True(below > 0, "no value fell below -80 dB, so --top-db none was not exercised");
        var min = unfloored.Values.Min();
        Assert.True(Math.Abs(min - expectedMin) <= ToleranceDb, $"unfloored minimum {min:F5} dB, librosa's mel power gives {expectedMin:F5} dB");
    }

    [Fact]
    public void Stft_kind_gives_1025_rows_matching_the_original_projects_trimmed_amplitude_dB()
    {
        // metal.00001 is the clip whose trailing silence effects.trim cuts (trim_index [0, 661504]).
        const string clip = "metal.00001";
        var db = Spectrogram(clip, "--kind", "stft");
        using var meta = Librosa.Meta(clip);
        var seed = meta.RootElement.GetProperty("seed_pipeline");
        var summary = seed.GetProperty("amplitude_db");
        var shape = summary.GetProperty("shape").EnumerateArray().Select(e => e.GetInt32()).ToArray();

        Assert.Equal(1025, db.Rows);
        Assert.Equal((shape[0], shape[1]), (db.Rows, db.Columns));
        var mid = seed.GetProperty("frame_mid_index").GetInt32();
        foreach (var (name, frame) in new[] { ("frame0", 0), ("frame_mid", mid), ("frame_last", db.Columns - 1) })
        {
            var expected = seed.GetProperty(name).EnumerateArray().Select(e => e.GetDouble()).ToArray();
            for (var bin = 0; bin < expected.Length; bin++)
                Assert.True(Math.Abs(db[bin, frame] - expected[bin]) <= ToleranceDb,
                    $"{clip} {name} bin {bin}: {db[bin, frame]} dB, librosa {expected[bin]} dB (tolerance {ToleranceDb})");
        }
        foreach (var (name, actual) in new[] { ("min", (double)db.Values.Min()), ("max", db.Values.Max()), ("mean", db.Values.Average(v => (double)v)) })
        {
            var expected = summary.GetProperty(name).GetDouble();
            Assert.True(Math.Abs(actual - expected) <= ToleranceDb, $"{clip} amplitude dB {name}: ours {actual:F5}, librosa {expected:F5}");
        }
    }
}
