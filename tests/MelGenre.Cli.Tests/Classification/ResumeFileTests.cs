using MelGenre.Cli.Classification;

namespace MelGenre.Cli.Tests.Classification;

/// <summary>Reading what an interrupted JSON Lines run wrote.</summary>
public sealed class ResumeFileTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_missing_file_means_nothing_is_done()
    {
        Assert.Empty(ResumeFile.ReadDone(_folder.File("absent.jsonl")));
    }

    [Fact]
    public void Complete_lines_are_done_and_a_cut_last_line_is_removed_from_the_file()
    {
        var path = _folder.File("out.jsonl");
        const string complete = "{\"file\":\"a.wav\",\"top\":\"jazz\"}\n{\"file\":\"b \\\"x\\\".wav\",\"error\":\"corrupt\"}\n";
        File.WriteAllText(path, complete + "{\"file\":\"c.wav\",\"probab");

        var done = ResumeFile.ReadDone(path);

        Assert.Equal(["a.wav", "b \"x\".wav"], done.Order(StringComparer.Ordinal));
        Assert.Equal(complete, File.ReadAllText(path));
    }

    [Fact]
    public void A_line_that_is_not_a_result_refuses_to_resume_and_leaves_the_file_alone()
    {
        var path = _folder.File("notes.jsonl");
        const string text = "{\"file\":\"a.wav\"}\nthis is not json\n";
        File.WriteAllText(path, text);

        var error = Assert.Throws<InvalidDataException>(() => ResumeFile.ReadDone(path));

        Assert.Contains("line 2", error.Message, StringComparison.Ordinal);
        Assert.Equal(text, File.ReadAllText(path));
    }
}
