namespace MelGenre.Cli.Tests;

/// <summary>A wrong command line is refused before any input is read: <c>melgenre: MESSAGE</c> lines, a hint, exit code 2.</summary>
public sealed class UsageErrorTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    public static TheoryData<string[], string> Cases => new()
    {
        { ["spectrogram", "{in}", "--out", "{folder}/a.npy", "--out-dir", "{folder}/d"], "exactly one of --out FILE or --out-dir DIR" },
        { ["spectrogram", "{in}"], "exactly one of --out FILE or --out-dir DIR" },
        { ["spectrogram", "{in}", "{in}", "--out", "{folder}/a.npy"], "--out takes a single input" },
        { ["spectrogram", "{in}", "--out", "{folder}/a.txt"], "unknown extension" },
        { ["spectrogram", "{in}", "--out", "{folder}/a.npy", "--ref", "bogus"], "--ref bogus" },
        { ["spectrogram", "{in}", "--out", "{folder}/a.npy", "--top-db", "-3"], "--top-db -3" },
        { ["spectrogram", "{in}", "--out", "{folder}/a.npy", "--n-fft", "0"], "--n-fft must be a positive integer" },
        { ["spectrogram", "--out", "{folder}/a.npy"], "Required argument missing" },
        { ["spectrogram", "{in}", "--out", "{folder}/a.npy", "--no-such-option"], "--no-such-option: unknown option" },
        { ["spectrogram", "{in}", "--nmels", "64", "--out-dir", "{folder}/d"], "--nmels: unknown option" },
        { ["waveform", "{in}"], "'--out' is required" },
        { ["spectrogram", "{in}", "--out", "{folder}/a.npy", "--pad-mode", "bogus"], "Did you mean one of the following? Constant Reflect" },
        { ["no-such-verb"], "no-such-verb" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Is_refused_with_exit_code_2_a_message_and_a_hint_and_writes_nothing(string[] args, string message)
    {
        // The input exists and is good: had the command run, it would have exited 0 and written a file.
        var input = TestAudio.WriteSineWav(_folder.File("in.wav"));
        var expanded = args.Select(a => a.Replace("{in}", input, StringComparison.Ordinal).Replace("{folder}", _folder.Path, StringComparison.Ordinal)).ToArray();

        var result = Cli.Run(expanded);

        Assert.True(result.ExitCode == ExitCodes.UsageError, result.ToString());
        var lines = result.ErrorLines;
        Assert.True(lines.Length >= 2 && lines[..^1].All(l => l.StartsWith("melgenre: ", StringComparison.Ordinal)), result.Error);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Equal("Try 'melgenre --help'.", lines[^1]);
        Assert.Empty(result.Output);
        Assert.Equal(["in.wav"], Directory.GetFileSystemEntries(_folder.Path).Select(Path.GetFileName));
    }
}
