namespace MelGenre.Features;

/// <summary>A half-open range of sample indices <c>[Start, End)</c>.</summary>
/// <param name="Start">First sample inside the range.</param>
/// <param name="End">First sample after the range.</param>
public readonly record struct SampleRange(int Start, int End)
{
    /// <summary>Number of samples in the range.</summary>
    public int Length => End - Start;
}
