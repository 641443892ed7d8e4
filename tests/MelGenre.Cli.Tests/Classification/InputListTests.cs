using MelGenre.Cli.Classification;

namespace MelGenre.Cli.Tests.Classification;

/// <summary>Expanding classify's arguments: files as given, folders walked in a fixed order, paths from stdin.</summary>
public sealed class InputListTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private string Touch(string relative)
    {
        var path = _folder.File(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "x");
        return path;
    }

    [Fact]
    public void A_folder_gives_its_audio_files_recursively_in_ordinal_order_and_names_the_others_as_skipped()
    {
        var b = Touch("b/song.flac");
        var a2 = Touch("a/2.MP3");
        var a10 = Touch("a/10.wav");
        var cover = Touch("a/cover.jpg");
        Touch(".hidden/secret.wav");
        Touch("a/.DS_Store");

        var inputs = InputList.Expand([_folder.Path], TextReader.Null);

        Assert.Equal([a10, a2, b], inputs.Files);
        Assert.Equal([cover], inputs.Skipped);
    }

    [Fact]
    public void Files_keep_their_spelling_and_order_missing_ones_included_and_repeats_dropped()
    {
        var song = Touch("song.ogg");
        var notes = Touch("notes.txt");
        var missing = _folder.File("missing.wav");

        var inputs = InputList.Expand([song, missing, notes, song], TextReader.Null);

        // A file named on the command line is classified whatever its extension: the decoder decides.
        Assert.Equal([song, missing, notes], inputs.Files);
        Assert.Empty(inputs.Skipped);
    }

    [Fact]
    public void A_dash_reads_one_path_per_line_from_stdin_ignoring_blank_lines_and_line_end_spaces()
    {
        var first = Touch("one.wav");
        var second = Touch("two.wav");

        var inputs = InputList.Expand(["-"], new StringReader($"{first}\r\n\n  {second}  \n"));

        Assert.Equal([first, second], inputs.Files);
    }
}
