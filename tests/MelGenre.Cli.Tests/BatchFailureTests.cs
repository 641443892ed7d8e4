namespace MelGenre.Cli.Tests;

/// <summary>A bad input never stops a batch: one stderr line per bad file, the good ones written, exit code 1.</summary>
public sealed class BatchFailureTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void Good_file_is_written_and_each_bad_one_gets_exactly_one_line_naming_it_with_a_reason_and_exit_code_1()
    {
        var good = TestAudio.WriteSineWav(_folder.File("good.wav"));
        var corrupt = TestAudio.WriteRandomBytes(_folder.File("corrupt.wav"));
        var text = _folder.File("text.wav");
        File.WriteAllText(text, "These are liner notes, not audio.\n");
        var missing = _folder.File("missing.wav");
        var output = _folder.File("out");

        var result = Cli.Run("spectrogram", corrupt, good, text, missing, "--out-dir", output);

        Assert.True(result.ExitCode == ExitCodes.SomeInputsFailed, result.ToString());
        Assert.Equal(["good.npy"], Directory.GetFiles(output).Select(Path.GetFileName));
        var mel = NpyFile.Read(Path.Combine(output, "good.npy"));
        Assert.Equal((128, 1 + 22050 / 512), (mel.Rows, mel.Columns));
        string[] bad = [corrupt, text, missing];
        Assert.True(result.ErrorLines.Length == bad.Length, $"expected one stderr line per bad input, got:\n{result.Error}");
        for (var i = 0; i < bad.Length; i++)
        {
            var prefix = $"melgenre: {bad[i]}: ";
            var line = result.ErrorLines[i];
            Assert.True(line.StartsWith(prefix, StringComparison.Ordinal) && line.Length > prefix.Length, $"line {i} should name {bad[i]} and give a reason: {line}");
            Assert.DoesNotContain("Exception", line, StringComparison.Ordinal);
        }
        Assert.DoesNotContain(" at ", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_single_bad_input_with_out_writes_nothing_and_exits_1()
    {
        var corrupt = TestAudio.WriteRandomBytes(_folder.File("corrupt.wav"));
        var target = _folder.File("corrupt.npy");

        var result = Cli.Run("spectrogram", corrupt, "--out", target);

        Assert.True(result.ExitCode == ExitCodes.SomeInputsFailed, result.ToString());
        Assert.Single(result.ErrorLines);
        Assert.False(File.Exists(target), "a failed input left an output file behind");
    }
}
