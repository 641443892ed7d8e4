using MelGenre.Model.Data;

namespace MelGenre.Model.Tests.Data;

public sealed class GroupedFoldsTests
{
    private sealed record Item(string Artist, string Label);

    /// <summary>80 artists of 1–8 clips each, each artist playing one of 4 genres (GTZAN-like: whole artists per genre).</summary>
    private static Item[] Items()
    {
        var random = new Random(7);
        var items = new List<Item>();
        for (var a = 0; a < 80; a++)
        {
            var label = "genre" + (a % 4);
            var clips = random.Next(1, 9);
            for (var c = 0; c < clips; c++)
                items.Add(new Item("artist" + a, label));
        }
        return [.. items];
    }

    private static FoldAssignment Folds(Item[] items, int seed = 1) =>
        GroupedFolds.Create(items, i => i.Artist, k: 5, seed, i => i.Label);

    [Fact]
    public void No_artist_spans_two_folds()
    {
        var items = Items();

        var folds = Folds(items);

        foreach (var artist in items.Select((item, i) => (item.Artist, Fold: folds.FoldOf[i])).GroupBy(p => p.Artist))
            Assert.True(artist.Select(p => p.Fold).Distinct().Count() == 1, $"{artist.Key} is in folds {string.Join(",", artist.Select(p => p.Fold).Distinct())}");
    }

    [Fact]
    public void Fold_sizes_differ_by_at_most_the_largest_group_and_labels_stay_near_their_share()
    {
        var items = Items();

        var folds = Folds(items);

        var sizes = folds.Sizes();
        Assert.True(sizes.Max() - sizes.Min() <= 8, $"fold sizes {string.Join(",", sizes)} spread more than the largest group (8)");
        foreach (var label in items.Select(i => i.Label).Distinct())
        {
            var share = items.Count(i => i.Label == label) / 5.0;
            for (var f = 0; f < 5; f++)
            {
                var count = folds.Validation(f).Count(i => items[i].Label == label);
                Assert.True(Math.Abs(count - share) <= 8, $"{label} has {count} clips in fold {f}, share {share:F1}, off by more than the largest group (8)");
            }
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_folds_and_another_seed_other_folds()
    {
        var items = Items();

        Assert.Equal(Folds(items, seed: 3).FoldOf, Folds(items, seed: 3).FoldOf);
        Assert.NotEqual(Folds(items, seed: 3).FoldOf, Folds(items, seed: 4).FoldOf);
    }

    [Fact]
    public void Training_and_validation_parts_partition_the_items()
    {
        var items = Items();
        var folds = Folds(items);

        for (var f = 0; f < folds.FoldCount; f++)
        {
            var all = folds.Training(f).Concat(folds.Validation(f)).Order();
            Assert.Equal(Enumerable.Range(0, items.Length), all);
            Assert.NotEmpty(folds.Validation(f));
        }
    }

    [Fact]
    public void Singleton_groups_split_evenly()
    {
        var items = Enumerable.Range(0, 23).Select(i => new Item("a" + i, "x")).ToArray();

        var sizes = Folds(items).Sizes();

        Assert.Equal([5, 5, 5, 4, 4], sizes.OrderDescending());
    }

    [Fact]
    public void Fewer_groups_than_folds_is_an_error()
    {
        Item[] items = [new("a", "x"), new("a", "x"), new("b", "y"), new("c", "y")];

        Assert.Throws<ArgumentException>(() => Folds(items));
    }
}
