using System.Text.Json;
using System.Text.RegularExpressions;
using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using MelGenre.Prediction;
using MelGenre.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace MelGenre.Web.Tests.Browser;

/// <summary>
/// The page in a real browser against the real server: what a person sees after choosing a file. Waits are
/// Playwright's own (a condition polled until it holds or the timeout passes), never sleeps.
/// </summary>
public sealed class PageTests(BrowserFixture server) : IClassFixture<BrowserFixture>
{
    /// <summary>Long enough for a 30 s clip to be decoded, drawn and classified on a busy two-core machine.</summary>
    private const float AnalysisTimeoutMs = 30_000;

    /// <summary>Probabilities carry 6 decimals, so ten of them sum to 1 within 10 × 5e-7.</summary>
    private const double ProbabilitySumTolerance = 1e-5;

    [Fact]
    public async Task AnalysingAClipShowsEveryGenreTheTopThreeTheTimelineAndBothPictures()
    {
        await using var open = await server.OpenAsync();
        var page = open.Page;
        var (name, audio) = MusicClip();

        var response = await page.RunAndWaitForResponseAsync(
            () => page.Locator("#file-input").SetInputFilesAsync(new FilePayload { Name = name, MimeType = "audio/wav", Buffer = audio }),
            r => r.Url.EndsWith("/api/analysis", StringComparison.Ordinal), new() { Timeout = AnalysisTimeoutMs });
        Assert.Equal(200, response.Status);
        using var analysis = JsonDocument.Parse(await response.BodyAsync());
        var prediction = analysis.RootElement.GetProperty("prediction");
        var expected = prediction.GetProperty("probabilities").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetDouble());

        var bars = page.Locator("#genre-chart rect.bar");
        await Expect(bars).ToHaveCountAsync(expected.Count, new() { Timeout = AnalysisTimeoutMs });
        var shown = await ReadBarsAsync(bars);
        Assert.Equal(expected.Keys.Order(), shown.Select(b => b.Genre).Order());
        foreach (var bar in shown)
            Assert.True(expected[bar.Genre] == bar.Probability, $"bar {bar.Genre} shows {bar.Probability}, the server said {expected[bar.Genre]}");
        var sum = shown.Sum(b => b.Probability);
        Assert.True(Math.Abs(sum - 1) <= ProbabilitySumTolerance, $"the bars' probabilities sum to {sum}, not 1 ± {ProbabilitySumTolerance}");
        var topThree = shown.OrderByDescending(b => b.Probability).Take(3).Select(b => b.Genre).ToHashSet();
        Assert.Equal(topThree, shown.Where(b => b.Highlighted).Select(b => b.Genre).ToHashSet());
        Assert.Equal(["blues", "classical", "country", "disco", "hiphop", "jazz", "metal", "pop", "reggae", "rock"], expected.Keys.Order());

        var top = prediction.GetProperty("top").GetString()!;
        await Expect(page.Locator("#verdict")).ToContainTextAsync($"This sounds most like {top}");

        var segments = prediction.GetProperty("segments").GetArrayLength();
        Assert.True(segments > 1, $"a 30 s clip should come back in several segments, got {segments}");
        await Expect(page.Locator("#timeline rect.segment")).ToHaveCountAsync(segments);
        var topGenres = prediction.GetProperty("segments").EnumerateArray().Select(s => s.GetProperty("top").GetString()).Distinct().Count();
        await Expect(page.Locator("#timeline-legend li")).ToHaveCountAsync(topGenres);

        foreach (var picture in new[] { "#waveform", "#spectrogram" })
        {
            var image = page.Locator(picture);
            await Expect(image).ToBeVisibleAsync();
            var width = await image.EvaluateAsync<int>("img => img.decode().then(() => img.naturalWidth)");
            Assert.True(width > 0, $"{picture} did not display: naturalWidth {width}");
            await Expect(image).ToHaveAttributeAsync("alt", new Regex(Regex.Escape(name)));
        }
        await Expect(page.Locator("#choose-button")).ToBeEnabledAsync();
        await Expect(page.Locator("#error")).ToBeEmptyAsync();
        Assert.Empty(open.ScriptErrors);

        var screenshot = ScreenshotPath();
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        Report($"web page screenshot: {screenshot}");
    }

    [Fact]
    public async Task AnUnreadableFileShowsTheServersReasonAndHidesThePreviousResult()
    {
        await using var open = await server.OpenAsync();
        var page = open.Page;
        await page.Locator("#file-input").SetInputFilesAsync(new FilePayload { Name = "tone.wav", MimeType = "audio/wav", Buffer = Pcm16Wav.Sine(22050, 22050 * 4, 440) });
        await Expect(page.Locator("#results")).ToBeVisibleAsync(new() { Timeout = AnalysisTimeoutMs });

        var noise = new byte[4096];
        new Random(20261126).NextBytes(noise);
        var detail = await ServerDetailAsync(noise, "noise.wav");
        await page.Locator("#file-input").SetInputFilesAsync(new FilePayload { Name = "noise.wav", MimeType = "audio/wav", Buffer = noise });

        await Expect(page.Locator("#error")).ToHaveTextAsync($"Not audio we can read: {detail}", new() { Timeout = AnalysisTimeoutMs });
        await Expect(page.Locator("#error")).ToHaveAttributeAsync("role", "alert");
        await Expect(page.Locator("#results")).ToBeHiddenAsync();
        await Expect(page.Locator("#choose-button")).ToBeEnabledAsync();
        Assert.Empty(open.ScriptErrors);
    }

    [Fact]
    public async Task WhileTheServerWorksTheButtonIsDisabledAndTheUploadMarkedBusy()
    {
        await using var open = await server.OpenAsync();
        var page = open.Page;
        var arrived = new TaskCompletionSource<IRoute>(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteAsync("**/api/analysis", route => arrived.TrySetResult(route));

        await page.Locator("#file-input").SetInputFilesAsync(new FilePayload { Name = "tone.wav", MimeType = "audio/wav", Buffer = Pcm16Wav.Sine(22050, 22050, 440) });
        var held = await arrived.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        await Expect(page.Locator("#choose-button")).ToBeDisabledAsync();
        await Expect(page.Locator("#upload")).ToHaveAttributeAsync("aria-busy", "true");
        await Expect(page.Locator("#status-text")).ToContainTextAsync("Analysing tone.wav");
        await Expect(page.Locator("#player")).ToHaveAttributeAsync("src", new Regex("^blob:"));

        await held.ContinueAsync();
        await Expect(page.Locator("#results")).ToBeVisibleAsync(new() { Timeout = AnalysisTimeoutMs });
        await Expect(page.Locator("#choose-button")).ToBeEnabledAsync();
        await Expect(page.Locator("#upload")).ToHaveAttributeAsync("aria-busy", "false");
    }

    [Fact]
    public async Task DroppingAFileOnThePagePlaysAndAnalysesIt()
    {
        await using var open = await server.OpenAsync();
        var page = open.Page;
        var tone = Pcm16Wav.Sine(22050, 22050 / 2, 440);
        var dropped = await page.EvaluateHandleAsync(
            "bytes => { const data = new DataTransfer(); data.items.add(new File([new Uint8Array(bytes)], 'dropped.wav', { type: 'audio/wav' })); return data; }",
            tone.Select(b => (int)b).ToArray());

        await page.DispatchEventAsync("#drop-zone", "drop", new { dataTransfer = dropped });

        await Expect(page.Locator("#file-name")).ToContainTextAsync("dropped.wav");
        await Expect(page.Locator("#player")).ToHaveAttributeAsync("src", new Regex("^blob:"));
        await Expect(page.Locator("#genre-chart rect.bar")).ToHaveCountAsync(10, new() { Timeout = AnalysisTimeoutMs });
        Assert.Empty(open.ScriptErrors);
    }

    [Theory]
    [InlineData(503, "7", "Server busy", "all 2 analysis slots and the queue of 16 are in use", "The server is busy, try again in 7 s.")]
    [InlineData(503, null, "Server busy", "all 2 analysis slots and the queue of 16 are in use", "The server is busy, try again in a moment.")]
    [InlineData(413, null, "Upload too large", "the upload is larger than the 100 MiB limit", "File too large: the upload is larger than the 100 MiB limit")]
    [InlineData(413, null, "Audio too long", "the audio is longer than the 20 min limit", "Audio too long: the audio is longer than the 20 min limit")]
    [InlineData(504, null, "Timed out", "the analysis took longer than 2 min", "The analysis took too long: the analysis took longer than 2 min")]
    [InlineData(400, null, "Bad upload", "the form has no 'file' field", "The server could not accept this upload: the form has no 'file' field")]
    public async Task AFailedRequestShowsWhatWentWrongInWords(int status, string? retryAfter, string title, string detail, string message)
    {
        await using var open = await server.OpenAsync();
        var page = open.Page;
        var headers = retryAfter is null ? new Dictionary<string, string>() : new() { ["Retry-After"] = retryAfter };
        await page.RouteAsync("**/api/analysis", route => route.FulfillAsync(new()
        {
            Status = status,
            ContentType = "application/problem+json",
            Headers = headers,
            Body = JsonSerializer.Serialize(new { type = "about:blank", title, status, detail }),
        }));

        await page.Locator("#file-input").SetInputFilesAsync(new FilePayload { Name = "tone.wav", MimeType = "audio/wav", Buffer = Pcm16Wav.Sine(22050, 2205, 440) });

        await Expect(page.Locator("#error")).ToHaveTextAsync(message);
        await Expect(page.Locator("#choose-button")).ToBeEnabledAsync();
    }

    [Fact]
    public async Task AnUnreachableServerIsSaidSoInsteadOfABlankPage()
    {
        await using var open = await server.OpenAsync();
        var page = open.Page;
        await page.RouteAsync("**/api/analysis", route => route.AbortAsync("connectionrefused"));

        await page.Locator("#file-input").SetInputFilesAsync(new FilePayload { Name = "tone.wav", MimeType = "audio/wav", Buffer = Pcm16Wav.Sine(22050, 2205, 440) });

        await Expect(page.Locator("#error")).ToContainTextAsync("Could not reach the MelGenre server");
        await Expect(page.Locator("#choose-button")).ToBeEnabledAsync();
    }

    [Fact]
    public async Task TheModelCardDescribesTheShippedModel()
    {
        await using var open = await server.OpenAsync();
        using var manifest = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(Classifier.DefaultModelFolder, "manifest.json"), TestContext.Current.CancellationToken));
        var root = manifest.RootElement;
        var card = open.Page.Locator("#model-card");

        await Expect(card).ToHaveAttributeAsync("aria-busy", "false");
        await Expect(card).ToContainTextAsync(root.GetProperty("name").GetString()!);
        await Expect(card).ToContainTextAsync(string.Join(", ", root.GetProperty("labels").EnumerateArray().Select(l => l.GetString())));
        await Expect(card).ToContainTextAsync(string.Join(" → ", root.GetProperty("architecture").GetProperty("cnn").GetProperty("blockChannels").EnumerateArray().Select(c => c.GetInt32())));
        await Expect(card.Locator("dd").Last).ToHaveTextAsync(root.GetProperty("training").GetProperty("clips").GetArrayLength().ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Expect(open.Page.Locator("#model")).ToContainTextAsync("82 % accuracy (70 % balanced)");
    }

    [Fact]
    public async Task ThePageLoadsNothingFromAnotherOrigin()
    {
        await using var open = await server.OpenAsync();
        var page = open.Page;
        var requested = new List<string>();
        page.Request += (_, request) => requested.Add(request.Url);

        await page.ReloadAsync(new() { WaitUntil = WaitUntilState.NetworkIdle });

        Assert.Contains(requested, url => url.EndsWith("/app.js", StringComparison.Ordinal));
        Assert.All(requested, url => Assert.True(url.StartsWith(server.BaseUrl + "/", StringComparison.Ordinal) || url.StartsWith("data:", StringComparison.Ordinal),
            $"the page requested {url}, outside {server.BaseUrl}"));
        Assert.Empty(open.ScriptErrors);
    }

    [Fact]
    public async Task ThePageWithAResultBreaksNoAxeAccessibilityRuleInLightOrDarkColours()
    {
        await using var open = await server.OpenAsync();
        var page = open.Page;
        await page.Locator("#file-input").SetInputFilesAsync(new FilePayload { Name = "tone.wav", MimeType = "audio/wav", Buffer = Pcm16Wav.Sine(22050, 22050 * 4, 440) });
        await Expect(page.Locator("#timeline rect.segment").First).ToBeVisibleAsync(new() { Timeout = AnalysisTimeoutMs });
        await Expect(page.Locator("#model-card")).ToHaveAttributeAsync("aria-busy", "false");

        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        AssertNoViolations(await page.RunAxe(WcagAA), "light colours, every WCAG 2 A/AA rule");
        // Only contrast depends on the colour scheme, so the dark page runs that rule alone (axe is slow).
        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        AssertNoViolations(await page.RunAxe(new AxeRunOptions { RunOnly = new RunOnlyOptions { Type = "rule", Values = ["color-contrast"] } }), "dark colours, contrast");
    }

    private static void AssertNoViolations(AxeResult result, string what)
    {
        var violations = result.Violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join("; ", v.Nodes.Select(n => n.Html))}");
        Assert.True(result.Violations.Length == 0, $"axe-core found in {what}:\n{string.Join("\n", violations)}");
        Assert.NotEmpty(result.Passes);
    }

    /// <summary>axe-core's WCAG 2.0–2.2 level A and AA rules (the rest are best practices, not requirements).</summary>
    private static readonly AxeRunOptions WcagAA = new()
    {
        RunOnly = new RunOnlyOptions { Type = "tag", Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] },
    };

    private sealed record Bar(string Genre, double Probability, bool Highlighted);

    private static async Task<IReadOnlyList<Bar>> ReadBarsAsync(ILocator bars)
    {
        var json = await bars.EvaluateAllAsync<JsonElement>(
            "bars => bars.map(b => [b.dataset.genre, Number(b.dataset.probability), b.classList.contains('highlighted')])");
        return [.. json.EnumerateArray().Select(b => new Bar(b[0].GetString()!, b[1].GetDouble(), b[2].GetBoolean()))];
    }

    /// <summary>GTZAN's jazz.00005 (30 s) when the shared data is there, else 30 s of a synthetic chord with a beat.</summary>
    private static (string Name, byte[] Audio) MusicClip()
    {
        var shared = SharedData.Root is { } root ? Path.Combine(root, "data", "gtzan", "wav", "jazz.00005.wav") : null;
        if (shared is not null && File.Exists(shared))
            return ("jazz.00005.wav", File.ReadAllBytes(shared));
        const int rate = 22050;
        return ("chord.wav", Pcm16Wav.Create(rate, 1, 30 * rate, (i, _) =>
        {
            var t = (double)i / rate;
            var beat = Math.Exp(-12 * (t % 0.5));
            return 0.25 * (Math.Sin(2 * Math.PI * 220 * t) + Math.Sin(2 * Math.PI * 277.18 * t) + Math.Sin(2 * Math.PI * 329.63 * t)) * (0.4 + 0.6 * beat);
        }));
    }

    /// <summary>The problem-details <c>detail</c> the server gives for <paramref name="bytes"/> uploaded directly.</summary>
    private async Task<string> ServerDetailAsync(byte[] bytes, string fileName)
    {
        using var response = await server.Server.PostFileAsync("/api/analysis", bytes, fileName);
        Assert.Equal(415, (int)response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return problem.RootElement.GetProperty("detail").GetString()!;
    }

    /// <summary><c>TestResults/web-page.png</c> at the repository root (ignored by git), else beside the test assembly.</summary>
    private static string ScreenshotPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "MelGenre.slnx")))
                return Path.Combine(dir.FullName, "TestResults", "web-page.png");
        }
        return Path.Combine(AppContext.BaseDirectory, "web-page.png");
    }

    private static void Report(string message)
    {
        TestContext.Current.SendDiagnosticMessage(message);
        TestContext.Current.TestOutputHelper?.WriteLine(message);
    }
}
