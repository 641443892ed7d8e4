using MelGenre.Model.Data;

namespace MelGenre.Model.Tests.Data;

public sealed class LabeledDatasetTests
{
    private static DataTree SmallTree()
    {
        var tree = new DataTree();
        foreach (var name in new[] { "rock/rock.00001.ogg", "rock/rock.00000.ogg", "Blues/Blues.00003.wav", "jazz/jazz.00007.flac" })
            tree.Bytes(name, [1]);
        tree.Bytes("jazz/notes.txt", [1]);
        tree.Bytes("jazz/.hidden.wav", [1]);
        tree.Bytes("root.wav", [1]);
        tree.Bytes("empty/readme.md", [1]);
        tree.Bytes(".git/x.wav", [1]);
        return tree;
    }

    [Fact]
    public void Scan_takes_audio_files_of_first_level_folders_with_ordinally_sorted_labels()
    {
        using var tree = SmallTree();

        var dataset = LabeledDataset.Scan(tree.Root);

        Assert.Equal(["Blues", "jazz", "rock"], dataset.Labels);
        Assert.Equal(["Blues/Blues.00003.wav", "jazz/jazz.00007.flac", "rock/rock.00000.ogg", "rock/rock.00001.ogg"],
            dataset.Clips.Select(c => c.RelativePath));
        Assert.Equal([0, 1, 2, 2], dataset.Clips.Select(c => c.LabelIndex));
        Assert.Equal("rock.00000", dataset.Clips[2].ClipId);
        Assert.Equal(tree.PathOf("rock/rock.00000.ogg"), dataset.Clips[2].Path);
        Assert.Empty(dataset.UnmatchedEntries);
    }

    [Fact]
    public void Restrict_matches_exact_paths_and_wav_entries_to_ogg_files_and_reports_the_rest()
    {
        using var tree = SmallTree();
        string[] list =
        [
            "# GTZAN-style list",
            "",
            "rock/rock.00001.wav",
            "./jazz/jazz.00007.flac",
            "Blues\\Blues.00003.wav",
            "rock/rock.00001.wav",
            "rock/rock.00099.wav",
            "pop/pop.00000.wav",
        ];

        var dataset = LabeledDataset.Restrict(tree.Root, list);

        Assert.Equal(["Blues/Blues.00003.wav", "jazz/jazz.00007.flac", "rock/rock.00001.ogg"], dataset.Clips.Select(c => c.RelativePath));
        Assert.Equal(["rock/rock.00099.wav", "pop/pop.00000.wav"], dataset.UnmatchedEntries);
        Assert.Equal(["Blues", "jazz", "rock"], dataset.Labels);
        Assert.Equal(2, dataset.Clips.Single(c => c.ClipId == "rock.00001").LabelIndex);
    }

    [Fact]
    public void ScanList_reads_the_list_file()
    {
        using var tree = SmallTree();
        var list = tree.Bytes("lists/train.txt", "rock/rock.00000.wav\nmetal/metal.00001.wav\n"u8.ToArray());

        var dataset = LabeledDataset.ScanList(tree.Root, list);

        Assert.Equal(["rock/rock.00000.ogg"], dataset.Clips.Select(c => c.RelativePath));
        Assert.Equal(["metal/metal.00001.wav"], dataset.UnmatchedEntries);
    }

    [Fact]
    public void An_entry_whose_stem_names_two_files_is_an_error_not_a_guess()
    {
        using var tree = new DataTree();
        tree.Bytes("rock/rock.00000.ogg", [1]);
        tree.Bytes("rock/rock.00000.mp3", [1]);

        var error = Assert.Throws<InvalidDataException>(() => LabeledDataset.Restrict(tree.Root, ["rock/rock.00000.wav"]));

        Assert.Contains("rock/rock.00000.mp3", error.Message, StringComparison.Ordinal);
        Assert.Single(LabeledDataset.Restrict(tree.Root, ["rock/rock.00000.ogg"]).Clips);
    }

    [Fact]
    public void A_missing_root_is_a_clear_error()
    {
        using var tree = new DataTree();

        Assert.Throws<DirectoryNotFoundException>(() => LabeledDataset.Scan(tree.PathOf("nope")));
    }
}
