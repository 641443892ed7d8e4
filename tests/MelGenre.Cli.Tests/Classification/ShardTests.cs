using MelGenre.Cli.Classification;

namespace MelGenre.Cli.Tests.Classification;

/// <summary><c>--shard I/N</c>: a partition of the inputs that each process computes alone from the paths.</summary>
public sealed class ShardTests
{
    private static readonly string[] Paths = [.. Enumerable.Range(0, 1000).Select(i => $"library/artist {i % 37}/track {i:D4}.mp3")];

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(8)]
    public void The_shards_of_a_count_partition_the_inputs(int count)
    {
        var shares = Enumerable.Range(0, count).Select(i => Paths.Where(new Shard(i, count).Contains).ToList()).ToList();

        Assert.Equal(Paths.Length, shares.Sum(s => s.Count));
        Assert.Equal(Paths.Order(StringComparer.Ordinal), shares.SelectMany(s => s).Order(StringComparer.Ordinal));
        // A hash spreads 1000 paths evenly: each share within ±40 % of its fair size.
        var fair = (double)Paths.Length / count;
        Assert.All(shares, s => Assert.InRange(s.Count, 0.6 * fair, 1.4 * fair));
    }

    [Fact]
    public void A_path_belongs_to_the_same_shard_whatever_else_is_in_the_input()
    {
        var shard = new Shard(2, 5);
        var alone = Paths.Where(shard.Contains).ToHashSet();
        var withMore = Paths.Concat(["new/album/track.flac"]).Reverse().Where(shard.Contains).ToHashSet();

        Assert.Subset(withMore, alone);
    }

    [Theory]
    [InlineData("0/4", 0, 4)]
    [InlineData("3/4", 3, 4)]
    [InlineData("0/1", 0, 1)]
    public void Parse_reads_index_and_count(string text, int index, int count)
    {
        Assert.Equal(new Shard(index, count), Shard.Parse(text, out var error));
        Assert.Null(error);
    }

    [Theory]
    [InlineData("4/4")]
    [InlineData("1/0")]
    [InlineData("-1/4")]
    [InlineData("1")]
    [InlineData("a/b")]
    [InlineData("1/2/3")]
    public void Parse_refuses_anything_else_saying_what_is_expected(string text)
    {
        Assert.Null(Shard.Parse(text, out var error));
        Assert.Contains("0 ≤ I < N", error, StringComparison.Ordinal);
    }
}
