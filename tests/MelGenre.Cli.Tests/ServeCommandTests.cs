namespace MelGenre.Cli.Tests;

/// <summary><c>melgenre serve</c> refuses what would keep it from serving with one line, before listening.</summary>
public sealed class ServeCommandTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_model_that_cannot_load_is_one_line_and_exit_code_2()
    {
        var result = Cli.Run("serve", "--urls", "http://127.0.0.1:0", "--model", _folder.File("no-model"));

        Assert.True(result.ExitCode == ExitCodes.UsageError, result.ToString());
        var line = Assert.Single(result.ErrorLines);
        Assert.StartsWith("melgenre: Cannot load the model in ", line);
        Assert.Empty(result.Output);
    }

    [Fact]
    public void An_address_that_is_not_a_url_is_one_line_and_exit_code_2()
    {
        var result = Cli.Run("serve", "--urls", "not-a-url");

        Assert.True(result.ExitCode == ExitCodes.UsageError, result.ToString());
        Assert.Equal("melgenre: cannot listen on not-a-url: Invalid url: 'not-a-url'", Assert.Single(result.ErrorLines));
    }

    [Theory]
    [InlineData("--concurrency", "0", "--concurrency must be a positive integer")]
    [InlineData("--queue", "-1", "--queue must be zero or a positive integer")]
    [InlineData("--max-upload-mb", "4096", "--max-upload-mb must be at most")]
    public void A_limit_out_of_range_is_a_usage_error(string option, string value, string message)
    {
        var result = Cli.Run("serve", option, value);

        Assert.True(result.ExitCode == ExitCodes.UsageError, result.ToString());
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
    }
}
