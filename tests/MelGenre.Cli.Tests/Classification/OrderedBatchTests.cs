using MelGenre.Cli.Classification;
using MelGenre.Prediction;

namespace MelGenre.Cli.Tests.Classification;

/// <summary>The batch runner: results in input order whatever the jobs, and a clean stop when cancelled.</summary>
public sealed class OrderedBatchTests
{
    private static readonly string[] Files = [.. Enumerable.Range(0, 200).Select(i => $"{i}.wav")];

    /// <summary>A stand-in classification whose duration varies, so that workers finish out of order.</summary>
    private static FileClassification Slow(string file)
    {
        var n = int.Parse(file.AsSpan(0, file.IndexOf('.')), System.Globalization.CultureInfo.InvariantCulture);
        Thread.SpinWait((n * 7919 % 13) * 2000);
        return FileClassification.Failed(file, $"stand-in {n}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    public void Results_reach_the_consumer_in_input_order_exactly_once(int jobs)
    {
        var seen = new List<string>();

        var consumed = OrderedBatch.Run(Files, jobs, Slow, result => seen.Add(result.File), CancellationToken.None);

        Assert.Equal(Files.Length, consumed);
        Assert.Equal(Files, seen);
    }

    [Fact]
    public void Cancelling_stops_taking_files_and_hands_over_a_gapless_prefix()
    {
        using var cancellation = new CancellationTokenSource();
        var seen = new List<string>();

        var consumed = OrderedBatch.Run(Files, 3, Slow, result =>
        {
            seen.Add(result.File);
            if (seen.Count == 50)
                cancellation.Cancel();
        }, cancellation.Token);

        Assert.InRange(consumed, 50, 50 + 64);
        Assert.Equal(Files.Take(consumed), seen);
    }

    [Fact]
    public void An_empty_input_consumes_nothing()
    {
        Assert.Equal(0, OrderedBatch.Run([], 2, Slow, _ => Assert.Fail("nothing to consume"), CancellationToken.None));
    }
}
