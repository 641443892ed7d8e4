namespace MelGenre.Web.Analysis;

/// <summary>
/// The page's default timeline: every patch for a song, about <see cref="LongRecordingSegments"/> segments for a
/// longer recording (a timeline the page can draw legibly, whatever the length).
/// </summary>
internal static class SegmentPlan
{
    /// <summary>Recordings up to this long get one segment per patch.</summary>
    public const double PerPatchUpToSeconds = 120;

    /// <summary>About how many segments a longer recording gets.</summary>
    public const int LongRecordingSegments = 40;

    /// <summary>Null (one segment per patch) up to <see cref="PerPatchUpToSeconds"/>; beyond,
    /// <c>duration / 40</c> rounded to whole seconds, at least <paramref name="hopSeconds"/>.</summary>
    public static double? DefaultSegmentSeconds(double durationSeconds, double hopSeconds) =>
        durationSeconds <= PerPatchUpToSeconds ? null : Math.Max(Math.Round(durationSeconds / LongRecordingSegments), hopSeconds);
}
