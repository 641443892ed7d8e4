using MelGenre.Fuzz;

namespace MelGenre.Audio.Tests.Fuzz;

/// <summary>
/// Replays every input afl-fuzz ever tripped on (<c>Fuzz/Regressions/TARGET/*.bin</c>) and every seed it starts from
/// (<c>fuzz/seeds/TARGET/*</c>) through the harness's own check: each must decode or be refused with an
/// <see cref="AudioDecodeException"/>, through its format's reader and through format detection alike.
/// </summary>
public class RegressionCorpusTests
{
    /// <summary>A hang guard, not a speed assertion: every input decodes in milliseconds, so a decode still running
    /// after this long is stuck, and the test fails instead of stalling CI.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromSeconds(10);

    private static readonly string CorpusRoot = Path.Combine(AppContext.BaseDirectory, "Fuzz");

    /// <summary>(corpus, target, file name) for every committed input; corpus is Regressions or Seeds.</summary>
    public static TheoryData<string, string, string> Inputs
    {
        get
        {
            var data = new TheoryData<string, string, string>();
            foreach (var corpus in new[] { "Regressions", "Seeds" })
            {
                var dir = new DirectoryInfo(Path.Combine(CorpusRoot, corpus));
                foreach (var file in dir.Exists ? dir.EnumerateFiles("*", SearchOption.AllDirectories) : [])
                    data.Add(corpus, file.Directory!.Name, file.Name);
            }
            return data;
        }
    }

    [Fact]
    public void EveryDecoderHasASeedCorpus()
    {
        foreach (var target in FuzzTarget.All.Where(t => t != FuzzTarget.Any))
        {
            var seeds = new DirectoryInfo(Path.Combine(CorpusRoot, "Seeds", target.Name));
            Assert.True(seeds.Exists && seeds.EnumerateFiles().Any(), $"fuzz target '{target.Name}' has no seeds in fuzz/seeds/{target.Name}/");
        }
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task AFuzzInputDecodesOrIsRefusedWithATypedErrorAndNeverHangs(string corpus, string target, string file)
    {
        var input = await File.ReadAllBytesAsync(Path.Combine(CorpusRoot, corpus, target, file), TestContext.Current.CancellationToken);
        var reader = FuzzTarget.Find(target);
        if (reader is null)
            Assert.Skip($"no fuzz target '{target}' (its decoder is not in this build)");

        foreach (var route in new[] { reader, FuzzTarget.Any }.Distinct())
        {
            var outcome = await DecodeWithinHangGuard(route, input, $"{corpus}/{target}/{file}");
            // Seeds are valid files made by the reference encoders: refusing one is a decoder bug, not robustness.
            if (corpus == "Seeds")
                Assert.True(outcome == FuzzOutcome.Decoded, $"seed {target}/{file} was refused by the {route.Name} route");
        }
    }

    private static async Task<FuzzOutcome> DecodeWithinHangGuard(FuzzTarget route, byte[] input, string name)
    {
        var decode = Task.Run(() => route.Run(input), TestContext.Current.CancellationToken);
        try
        {
            return await decode.WaitAsync(HangGuard, TestContext.Current.CancellationToken);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"{name}: the {route.Name} decode still runs after {HangGuard.TotalSeconds} s (a hang)");
            throw;
        }
    }
}
