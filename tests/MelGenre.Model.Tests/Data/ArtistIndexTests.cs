using MelGenre.Model.Data;

namespace MelGenre.Model.Tests.Data;

public sealed class ArtistIndexTests
{
    private static readonly string[] Lines =
    [
        "## Bob L. Sturm, 2012",
        "##",
        "blues.00000.wav ::: John Lee Hooker ::: One Bourbon",
        "blues.00001.wav ::: John Lee Hooker ::: I'm In The Mood",
        "classical.00059.wav   :::   ::: ",
        "metal.00010.wav ::: Rage Against The Machine ::: Bombtrack",
        "rock.00012.wav ::: Rage Against  the Machine ::: Killing In The Name",
        "country.00002.wav ::: ::: I Wish I Had A Nickel",
        "",
    ];

    [Fact]
    public void Parse_maps_clip_ids_to_artists_and_skips_comments()
    {
        var index = ArtistIndex.Parse(Lines);

        Assert.Equal(6, index.Count);
        Assert.Equal("John Lee Hooker", index.ArtistOf("blues.00001"));
        Assert.Null(index.ArtistOf("classical.00059"));
        Assert.Null(index.ArtistOf("country.00002"));
        Assert.True(index.Contains("country.00002"));
        Assert.False(index.Contains("rock.00000"));
    }

    [Fact]
    public void Clips_of_unknown_artists_each_get_a_group_of_their_own()
    {
        var index = ArtistIndex.Parse(Lines);

        Assert.Equal(index.GroupOf("blues.00000"), index.GroupOf("blues.00001"));
        Assert.Equal("john lee hooker", index.GroupOf("blues.00000"));
        string[] unknown = ["classical.00059", "country.00002", "rock.00000"];
        Assert.Equal(3, unknown.Select(index.GroupOf).Distinct().Count());
        Assert.DoesNotContain(index.GroupOf("blues.00000"), unknown.Select(index.GroupOf));
    }

    [Fact]
    public void Spellings_of_one_artist_differing_in_case_or_spacing_form_one_group()
    {
        var index = ArtistIndex.Parse(Lines);

        Assert.Equal(index.GroupOf("metal.00010"), index.GroupOf("rock.00012"));
        Assert.Equal("Rage Against  the Machine", index.ArtistOf("rock.00012"));
    }

    [Theory]
    [InlineData("blues/blues.00029.wav", "blues.00029")]
    [InlineData("blues.00029.ogg", "blues.00029")]
    [InlineData("genres\\rock\\rock.00001.wav", "rock.00001")]
    public void ClipIdOf_drops_folders_and_extension(string path, string expected) =>
        Assert.Equal(expected, ArtistIndex.ClipIdOf(path));

    [Fact]
    public void A_line_without_separator_is_rejected_with_its_number()
    {
        var error = Assert.Throws<InvalidDataException>(() => ArtistIndex.Parse(["## c", "blues.00000.wav John Lee Hooker"]));

        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
    }
}
