using MelGenre.Cli.Output;

namespace MelGenre.Cli.Tests;

public sealed class AtomicFileTests
{
    [Fact]
    public void Writing_replaces_an_existing_file_and_leaves_no_temporary_behind()
    {
        using var folder = new TempFolder();
        var path = folder.File("out.bin");
        File.WriteAllText(path, "old");
        AtomicFile.WriteAllBytes(path, new byte[] { 1, 2, 3 });
        Assert.Equal(new byte[] { 1, 2, 3 }, File.ReadAllBytes(path));
        Assert.Equal(["out.bin"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }

    [Fact]
    public void A_failing_writer_leaves_the_old_file_untouched_and_no_temporary_behind()
    {
        using var folder = new TempFolder();
        var path = folder.File("out.csv");
        File.WriteAllText(path, "old content");
        Assert.Throws<InvalidOperationException>(() => AtomicFile.Write(path, stream =>
        {
            stream.WriteByte(42);
            throw new InvalidOperationException("writer failed half way");
        }));
        Assert.Equal("old content", File.ReadAllText(path));
        Assert.Equal(["out.csv"], Directory.GetFiles(folder.Path).Select(Path.GetFileName));
    }
}
