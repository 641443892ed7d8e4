using MelGenre.Audio;
using MelGenre.Audio.Decoding;
using MelGenre.Model.Checkpoints;

namespace MelGenre.Prediction.Tests;

/// <summary>The library entry point: audio in any form → the same, well-formed genre probabilities.</summary>
public sealed class ClassifierTests : IDisposable
{
    private const double SumTolerance = 1e-9;
    /// <summary>Seconds per log-mel frame at the model's features (hop 512 at 22050 Hz).</summary>
    private const double FrameSeconds = 512.0 / 22050;
    private const int PatchFrames = 130;

    private readonly TempFolder _folder = new();
    private readonly Classifier _classifier;

    public ClassifierTests() => _classifier = Classifier.Load(TinyModel.Save(_folder.File("model")));

    public void Dispose()
    {
        _classifier.Dispose();
        _folder.Dispose();
    }

    private string WriteGlide(string name, double seconds)
    {
        var path = _folder.File(name);
        File.WriteAllBytes(path, TestWav.StereoGlide(seconds));
        return path;
    }

    [Fact]
    public void Path_stream_and_decoded_clip_give_bit_identical_predictions()
    {
        var path = WriteGlide("glide.wav", 7);
        var options = new ClassifyOptions { IncludeSegments = true };

        var fromPath = _classifier.Classify(path, options);
        using var stream = File.OpenRead(path);
        var fromStream = _classifier.Classify(stream, "glide.wav", options);
        var fromClip = _classifier.Classify(AudioDecoder.Decode(path), options);

        foreach (var (name, other) in new[] { ("stream", fromStream), ("clip", fromClip) })
        {
            Assert.True(fromPath.Duration == other.Duration, $"{name}: duration {other.Duration} vs path {fromPath.Duration}");
            Assert.True(fromPath.Top == other.Top, $"{name}: top {other.Top} vs path {fromPath.Top}");
            foreach (var label in TinyModel.Labels)
                Assert.True(fromPath.Probabilities[label] == other.Probabilities[label],
                    $"{name}: P({label}) = {other.Probabilities[label]:R}, from the path {fromPath.Probabilities[label]:R}");
            Assert.Equal(fromPath.Segments.Count, other.Segments.Count);
            for (var s = 0; s < other.Segments.Count; s++)
                foreach (var label in TinyModel.Labels)
                    Assert.True(fromPath.Segments[s].Probabilities[label] == other.Segments[s].Probabilities[label],
                        $"{name}: segment {s} P({label}) differs from the path's");
        }
    }

    [Fact]
    public void Probabilities_cover_every_label_in_model_order_sum_to_one_and_top_is_the_largest()
    {
        var prediction = _classifier.Classify(WriteGlide("glide.wav", 5));

        Assert.Equal(TinyModel.Labels, prediction.Labels);
        Assert.Equal(TinyModel.Labels, prediction.Probabilities.Keys);
        var sum = prediction.Probabilities.Values.Sum();
        Assert.True(Math.Abs(sum - 1) <= SumTolerance, $"probabilities sum to {sum:R}, not 1 within {SumTolerance}");
        Assert.All(prediction.Probabilities, p => Assert.InRange(p.Value, 0.0, 1.0));
        var largest = prediction.Probabilities.MaxBy(p => p.Value).Key;
        Assert.Equal(largest, prediction.Top);
        Assert.True(Math.Abs(prediction.Duration - 5.0) < 1.0 / 44100, $"duration {prediction.Duration} s, the file holds 5 s");
        Assert.Empty(prediction.Segments);
    }

    [Fact]
    public void Segments_tile_the_clip_in_time_order_and_their_mean_is_the_clip_answer()
    {
        const double seconds = 10;
        var prediction = _classifier.Classify(WriteGlide("glide.wav", seconds), new ClassifyOptions { IncludeSegments = true });

        // 10 s at 22050 Hz = 220500 samples → 1 + 220500 / 512 = 431 frames → 3 whole 130-frame patches.
        var frames = 1 + (int)(seconds * 22050) / 512;
        Assert.Equal(1 + (frames - PatchFrames) / PatchFrames, prediction.Segments.Count);
        for (var s = 0; s < prediction.Segments.Count; s++)
        {
            var segment = prediction.Segments[s];
            Assert.True(Math.Abs(segment.Start - s * PatchFrames * FrameSeconds) < 1e-12, $"segment {s} starts at {segment.Start} s");
            Assert.True(Math.Abs(segment.End - segment.Start - PatchFrames * FrameSeconds) < 1e-12, $"segment {s} spans {segment.Start}–{segment.End} s");
            if (s > 0)
                Assert.True(segment.Start == prediction.Segments[s - 1].End, $"segment {s} does not start where {s - 1} ends");
            var sum = segment.Probabilities.Values.Sum();
            Assert.True(Math.Abs(sum - 1) <= SumTolerance, $"segment {s} probabilities sum to {sum:R}");
            Assert.Equal(segment.Probabilities.MaxBy(p => p.Value).Key, segment.Top);
        }
        // Whole patches only: the uncovered tail is shorter than one patch.
        var tail = prediction.Duration - prediction.Segments[^1].End;
        Assert.InRange(tail, 0, PatchFrames * FrameSeconds);
        // The glide makes patches differ, so the mean below is a real check.
        Assert.NotEqual(prediction.Segments[0].Probabilities["jazz"], prediction.Segments[^1].Probabilities["jazz"]);
        foreach (var label in TinyModel.Labels)
        {
            var mean = prediction.Segments.Average(s => s.Probabilities[label]);
            Assert.True(Math.Abs(mean - prediction.Probabilities[label]) < 1e-6,
                $"P({label}) = {prediction.Probabilities[label]:R} but the segments' mean is {mean:R}");
        }
    }

    [Fact]
    public void A_hop_of_half_a_patch_doubles_the_segments_with_overlap()
    {
        var halfPatch = PatchFrames / 2 * FrameSeconds; // 65 frames
        var prediction = _classifier.Classify(WriteGlide("glide.wav", 10), new ClassifyOptions { IncludeSegments = true, HopSeconds = halfPatch });

        Assert.Equal(1 + (431 - PatchFrames) / 65, prediction.Segments.Count);
        for (var s = 0; s < prediction.Segments.Count; s++)
            Assert.True(Math.Abs(prediction.Segments[s].Start - s * 65 * FrameSeconds) < 1e-12, $"segment {s} starts at {prediction.Segments[s].Start} s");
    }

    [Fact]
    public void A_clip_shorter_than_one_patch_gives_one_segment_ending_at_the_clip_end()
    {
        var prediction = _classifier.Classify(WriteGlide("short.wav", 1), new ClassifyOptions { IncludeSegments = true });

        var segment = Assert.Single(prediction.Segments);
        Assert.Equal(0, segment.Start);
        Assert.True(Math.Abs(segment.End - (1 + 22050 / 512) * FrameSeconds) < 1e-12, $"the one segment ends at {segment.End} s");
        Assert.True(Math.Abs(prediction.Probabilities.Values.Sum() - 1) <= SumTolerance);
    }

    [Fact]
    public void Concurrent_calls_give_the_same_answers_as_serial_ones()
    {
        var paths = Enumerable.Range(0, 4).Select(i => WriteGlide($"glide{i}.wav", 3 + i)).ToArray();
        var serial = paths.Select(p => _classifier.Classify(p)).ToArray();

        var parallel = new GenrePrediction[paths.Length];
        Parallel.For(0, paths.Length, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i => parallel[i] = _classifier.Classify(paths[i]));

        for (var i = 0; i < paths.Length; i++)
            Assert.True(serial[i].Probabilities.SequenceEqual(parallel[i].Probabilities), $"clip {i}: concurrent answer differs from the serial one");
    }

    [Fact]
    public void A_corrupt_file_or_stream_throws_AudioDecodeException_naming_it()
    {
        var path = _folder.File("corrupt.wav");
        File.WriteAllBytes(path, TestWav.CorruptHeader());

        var fromPath = Assert.Throws<AudioDecodeException>(() => _classifier.Classify(path));
        Assert.Equal(AudioErrorKind.Corrupt, fromPath.Kind);
        Assert.Equal(path, fromPath.Source);
        using var stream = new MemoryStream(TestWav.CorruptHeader());
        var fromStream = Assert.Throws<AudioDecodeException>(() => _classifier.Classify(stream, "upload.wav"));
        Assert.Equal("upload.wav", fromStream.Source);
    }

    [Fact]
    public void A_missing_file_throws_AudioDecodeException_Unreadable()
    {
        var error = Assert.Throws<AudioDecodeException>(() => _classifier.Classify(_folder.File("absent.wav")));
        Assert.Equal(AudioErrorKind.Unreadable, error.Kind);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_hop_that_is_not_a_positive_number_of_seconds_is_refused(double hop)
    {
        var clip = new AudioClip(new float[22050], 22050);
        Assert.Throws<ArgumentOutOfRangeException>(() => _classifier.Classify(clip, new ClassifyOptions { HopSeconds = hop }));
    }

    [Fact]
    public void Loading_a_folder_that_does_not_exist_throws_ModelLoadException_Missing()
    {
        var folder = _folder.File("no-model");
        var error = Assert.Throws<ModelLoadException>(() => Classifier.Load(folder));
        Assert.Equal(ModelLoadErrorKind.Missing, error.Kind);
        Assert.Equal(folder, error.Folder);
    }

    [Fact]
    public void TopGenres_ranks_by_probability_and_stops_at_the_label_count()
    {
        var prediction = _classifier.Classify(WriteGlide("glide.wav", 4));

        var ranked = prediction.TopGenres(10);
        Assert.Equal(TinyModel.Labels.Length, ranked.Count);
        Assert.Equal(prediction.Top, ranked[0].Genre);
        for (var i = 1; i < ranked.Count; i++)
            Assert.True(ranked[i - 1].Probability >= ranked[i].Probability, $"rank {i} ({ranked[i].Probability}) is above rank {i - 1}");
        Assert.Equal(ranked.Take(2), prediction.TopGenres(2));
        Assert.Throws<ArgumentOutOfRangeException>(() => prediction.TopGenres(0));
    }
}
