using MelGenre.Web.Uploads;

namespace MelGenre.Web.Tests.Uploads;

public sealed class UploadNameTests
{
    [Theory]
    [InlineData("song.mp3", "song.mp3")]
    [InlineData("/etc/passwd", "passwd")]
    [InlineData("..\\..\\windows\\win.ini", "win.ini")]
    [InlineData("a\u0000b\r\nc.wav", "abc.wav")]
    [InlineData("  spaced.flac  ", "spaced.flac")]
    [InlineData("", UploadName.Unnamed)]
    [InlineData(null, UploadName.Unnamed)]
    [InlineData("dir/", UploadName.Unnamed)]
    [InlineData("..", UploadName.Unnamed)]
    [InlineData("\u0007", UploadName.Unnamed)]
    public void Sanitise_keeps_the_file_name_without_path_or_control_characters(string? clientName, string expected) =>
        Assert.Equal(expected, UploadName.Sanitise(clientName));

    [Fact]
    public void Sanitise_cuts_a_long_name_without_splitting_a_character()
    {
        var name = new string('a', UploadName.MaxLength - 1) + "😀😀";
        var label = UploadName.Sanitise(name);
        Assert.Equal(UploadName.MaxLength - 1, label.Length);
        Assert.False(char.IsHighSurrogate(label[^1]), "a lone high surrogate ends the label");
    }
}
