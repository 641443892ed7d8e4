using MelGenre.Audio;

namespace MelGenre.Cli.Tests;

public sealed class InputBatchTests
{
    [Fact]
    public void Every_input_is_processed_and_each_failure_is_one_line_naming_the_input()
    {
        var processed = new List<string>();
        var errors = new StringWriter();

        var exitCode = InputBatch.Run(["good-1", "corrupt", "bug", "good-2"], input =>
        {
            processed.Add(input);
            if (input == "corrupt")
                throw new AudioDecodeException(AudioErrorKind.Corrupt, "the header says 0 channels", input);
            if (input == "bug")
                throw new InvalidOperationException("a bug\nover two lines");
        }, errors);

        Assert.Equal(ExitCodes.SomeInputsFailed, exitCode);
        Assert.Equal(["good-1", "corrupt", "bug", "good-2"], processed);
        Assert.Equal(
            ["melgenre: corrupt: the header says 0 channels", "melgenre: bug: internal error (InvalidOperationException): a bug over two lines"],
            errors.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void A_batch_without_failures_exits_zero_and_prints_nothing()
    {
        var errors = new StringWriter();

        Assert.Equal(ExitCodes.Success, InputBatch.Run(["a", "b"], _ => { }, errors));
        Assert.Empty(errors.ToString());
    }
}
