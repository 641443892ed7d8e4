using MelGenre.Prediction.Pipeline;

namespace MelGenre.Prediction.Tests.Pipeline;

/// <summary>From patch answers to the recording's answer and its timeline.</summary>
public sealed class TimelineTests
{
    private static readonly string[] Labels = ["a", "b"];
    private const double FrameSeconds = 0.5;

    private static Timeline Fill(int? segmentFrames, params (long Start, float A)[] patches)
    {
        var timeline = new Timeline(Labels, FrameSeconds, segmentFrames, keepSegments: true);
        foreach (var (start, a) in patches)
            timeline.Add(new PatchPlacement(start, 10), [a, 1 - a]);
        return timeline;
    }

    [Fact]
    public void The_answer_is_the_mean_of_the_patches_and_each_patch_is_a_segment_by_default()
    {
        var prediction = Fill(null, (0, 0.9f), (5, 0.5f), (10, 0.1f)).Finish(duration: 9.7);

        Assert.Equal(0.5, prediction.Probabilities["a"], 6);
        Assert.Equal(3, prediction.Segments.Count);
        Assert.Equal((2.5, 7.5, "a"), (prediction.Segments[1].Start, prediction.Segments[1].End, prediction.Segments[1].Top));
        Assert.Equal("b", prediction.Segments[2].Top);
        Assert.Equal(9.7, prediction.Duration);
    }

    [Fact]
    public void Segments_average_the_patches_starting_in_them_and_the_last_one_ends_with_the_recording()
    {
        // Segments of 10 frames (5 s): patches at 0, 5 → segment 0; at 10, 15 → segment 1; at 20 → segment 2.
        var prediction = Fill(10, (0, 1f), (5, 0.8f), (10, 0.2f), (15, 0.4f), (20, 0.6f)).Finish(duration: 12.3);

        Assert.Equal(3, prediction.Segments.Count);
        Assert.Equal([0.0, 5.0, 10.0], prediction.Segments.Select(s => s.Start));
        Assert.Equal([5.0, 10.0, 12.3], prediction.Segments.Select(s => s.End));
        Assert.Equal(0.9, prediction.Segments[0].Probabilities["a"], 6);
        Assert.Equal(0.3, prediction.Segments[1].Probabilities["a"], 6);
        Assert.Equal("b", prediction.Segments[1].Top);
        Assert.Equal(0.6, prediction.Probabilities["a"], 6);
    }

    [Fact]
    public void Without_segments_requested_the_timeline_stays_empty()
    {
        var timeline = new Timeline(Labels, FrameSeconds, null, keepSegments: false);
        timeline.Add(new PatchPlacement(0, 10), [0.25f, 0.75f]);

        var prediction = timeline.Finish(5);

        Assert.Empty(prediction.Segments);
        Assert.Equal(1.0, prediction.Probabilities.Values.Sum(), 12);
    }

    [Fact]
    public void Finishing_without_any_patch_is_a_bug_not_an_answer()
    {
        Assert.Throws<InvalidOperationException>(() => new Timeline(Labels, FrameSeconds, null, true).Finish(1));
    }
}
