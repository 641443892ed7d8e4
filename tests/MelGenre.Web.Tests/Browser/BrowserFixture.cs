using Microsoft.Playwright;

namespace MelGenre.Web.Tests.Browser;

/// <summary>
/// Debian's headless Chromium, started once for the page tests, pointed at the assembly's shared server (the shipped
/// model, default limits). Without <see cref="ChromiumPath"/> nothing starts and every test skips, saying how to
/// install it. The browser is never downloaded (no <c>playwright install</c>): Playwright only drives the system's.
/// </summary>
public sealed class BrowserFixture(SharedServer server) : IAsyncLifetime
{
    /// <summary>Debian's Chromium (<c>apt-get install chromium</c>; scripts/install-deps installs it in CI).</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The server the page comes from.</summary>
    internal TestServer Server { get; } = server.Server;

    /// <summary>The server's root URL, e.g. <c>http://127.0.0.1:41234</c>.</summary>
    public string BaseUrl { get; } = server.Server.Address.ToString().TrimEnd('/');

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
            return;
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true, Args = ["--no-sandbox"] });
    }

    /// <summary>A fresh browser context with the page loaded; skips the test when Chromium is not installed.</summary>
    public async Task<OpenPage> OpenAsync()
    {
        if (_browser is null)
            Assert.Skip($"{ChromiumPath} not found: the browser tests need Debian's Chromium (`apt-get install chromium`; scripts/install-deps installs it)");
        var context = await _browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        var open = new OpenPage(page);
        await page.GotoAsync(BaseUrl + "/");
        return open;
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
            await _browser.DisposeAsync();
        _playwright?.Dispose();
    }
}

/// <summary>A loaded page in its own browser context, with the script errors it raised; disposing closes the context.</summary>
public sealed class OpenPage : IAsyncDisposable
{
    private readonly List<string> _scriptErrors = [];

    public OpenPage(IPage page)
    {
        Page = page;
        page.PageError += (_, message) => _scriptErrors.Add(message);
    }

    public IPage Page { get; }

    /// <summary>Uncaught exceptions thrown by the page's scripts so far.</summary>
    public IReadOnlyList<string> ScriptErrors => _scriptErrors;

    public async ValueTask DisposeAsync() => await Page.Context.CloseAsync();
}
