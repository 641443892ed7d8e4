using MelGenre.Model.Data;
using MelGenre.TestSupport;

namespace MelGenre.Model.Tests.Data;

/// <summary>The shared GTZAN copy (skipped when absent): its README's counts hold for our list matching and index.</summary>
public sealed class GtzanSplitTests
{
    [Theory]
    [InlineData("train_filtered.txt", 227, 443)]
    [InlineData("valid_filtered.txt", 101, 197)]
    public void The_split_lists_match_the_clips_the_readme_counts_and_each_has_an_artist_group(string list, int matched, int listed)
    {
        var genres = SharedData.RequirePath("gtzan/genres");
        var index = ArtistIndex.Load(SharedData.RequirePath("gtzan/meta/GTZANindex.txt"));

        var dataset = LabeledDataset.ScanList(genres, SharedData.RequirePath("gtzan/meta/" + list));

        Assert.Equal(matched, dataset.Clips.Count);
        Assert.Equal(listed - matched, dataset.UnmatchedEntries.Count);
        Assert.Equal(["blues", "classical", "country", "disco", "hiphop", "jazz", "metal", "pop", "reggae", "rock"], dataset.Labels);
        Assert.All(dataset.Clips, c => Assert.True(index.Contains(c.ClipId), $"{c.ClipId} is not in GTZANindex.txt"));
        var unknown = dataset.Clips.Where(c => index.ArtistOf(c.ClipId) is null).ToArray();
        Assert.Equal(unknown.Length, unknown.Select(c => index.GroupOf(c.ClipId)).Distinct().Count());
    }

    [Fact]
    public void Train_and_valid_share_no_artist()
    {
        var genres = SharedData.RequirePath("gtzan/genres");
        var index = ArtistIndex.Load(SharedData.RequirePath("gtzan/meta/GTZANindex.txt"));
        var train = LabeledDataset.ScanList(genres, SharedData.RequirePath("gtzan/meta/train_filtered.txt"));
        var valid = LabeledDataset.ScanList(genres, SharedData.RequirePath("gtzan/meta/valid_filtered.txt"));

        var shared = train.Clips.Select(c => index.GroupOf(c.ClipId)).Intersect(valid.Clips.Select(c => index.GroupOf(c.ClipId))).ToArray();

        Assert.True(shared.Length == 0, $"artists in both train and valid: {string.Join(", ", shared)}");
    }

    [Fact]
    public void Artist_folds_of_all_our_clips_keep_each_artist_in_one_fold()
    {
        var index = ArtistIndex.Load(SharedData.RequirePath("gtzan/meta/GTZANindex.txt"));
        var clips = LabeledDataset.Scan(SharedData.RequirePath("gtzan/genres")).Clips;

        var folds = GroupedFolds.Create(clips, c => index.GroupOf(c.ClipId), k: 5, seed: 0, c => c.Label);

        Assert.Equal(345, clips.Count);
        var spans = clips.Select((c, i) => (Group: index.GroupOf(c.ClipId), Fold: folds.FoldOf[i]))
            .GroupBy(p => p.Group).Where(g => g.Select(p => p.Fold).Distinct().Count() > 1).Select(g => g.Key).ToArray();
        Assert.True(spans.Length == 0, $"artists in several folds: {string.Join(", ", spans)}");
        var sizes = folds.Sizes();
        Assert.True(sizes.Max() - sizes.Min() <= 8, $"GTZAN fold sizes {string.Join(",", sizes)} spread more than 8 clips");
        var blues = Enumerable.Range(0, 5).Select(f => folds.Validation(f).Count(i => clips[i].Label == "blues")).ToArray();
        Assert.True(blues.Min() > 0, $"blues clips per fold {string.Join(",", blues)}: a fold without blues");
    }
}
