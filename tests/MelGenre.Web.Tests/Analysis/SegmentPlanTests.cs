using MelGenre.Web.Analysis;

namespace MelGenre.Web.Tests.Analysis;

public sealed class SegmentPlanTests
{
    private const double Hop = 1.509;

    [Theory]
    [InlineData(30, null)]
    [InlineData(120, null)]
    [InlineData(130, 3.0)]
    [InlineData(600, 15.0)]
    [InlineData(1200, 30.0)]
    public void Default_segments_are_one_per_patch_up_to_two_minutes_then_about_forty(double duration, double? expected) =>
        Assert.Equal(expected, SegmentPlan.DefaultSegmentSeconds(duration, Hop));

    [Fact]
    public void Default_segments_are_never_shorter_than_the_hop() =>
        Assert.Equal(5.0, SegmentPlan.DefaultSegmentSeconds(121, hopSeconds: 5.0));
}
