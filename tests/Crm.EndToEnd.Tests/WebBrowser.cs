using Microsoft.Playwright;

namespace Crm.EndToEnd.Tests;

/// <summary>
/// Debian's chromium driven by Playwright, one browser per test, a page at 1280x800 (or a phone's size), signed in
/// through the identity service as a person of the demo company; screenshots go to <c>.crm/screenshots/</c>.
/// </summary>
internal sealed class WebBrowser : IAsyncDisposable
{
    private const string Chromium = "/usr/bin/chromium";
    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;

    private WebBrowser(IPlaywright playwright, IBrowser browser, IPage page)
    {
        _playwright = playwright;
        _browser = browser;
        Page = page;
    }

    public IPage Page { get; }

    public static async Task<WebBrowser> OpenAsync(int width = 1280, int height = 800)
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: ./build.sh test installs Debian's chromium");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = Chromium, Headless = true });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(30_000);
        // What the page shows after a call: two replicas of every service on two cores answer in seconds, not in the
        // five Playwright waits by default.
        Microsoft.Playwright.Assertions.SetDefaultExpectTimeout(15_000);
        return new WebBrowser(playwright, browser, page);
    }

    /// <summary>Opens <paramref name="path"/> of the web app, signing in as <paramref name="user"/> on the way, and waits
    /// until the page is interactive (a click before that would be lost).</summary>
    public async Task GoAsSignedInAsync(PlatformFixture platform, string user, string path)
    {
        ArgumentNullException.ThrowIfNull(platform);
        await Page.GotoAsync(new Uri(platform.WebAddress, path).ToString());
        if (Page.Url.Contains("/account/login", StringComparison.Ordinal))
        {
            await Page.GetByLabel("User name").FillAsync(user);
            await Page.GetByLabel("Password").FillAsync(platform.DemoPassword);
            await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        }

        await Page.Locator("[data-interactive=true]").WaitForAsync();
    }

    /// <summary>Picks <paramref name="option"/> in the MudBlazor select labelled <paramref name="label"/>.</summary>
    public async Task ChooseAsync(string label, string option, ILocator? within = null)
    {
        var scope = within ?? Page.Locator("body");
        await scope.Locator(".mud-select").Filter(new() { Has = Page.Locator($"label:text-is(\"{label}\")") }).First.ClickAsync();
        await Page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasTextString = option }).First.ClickAsync();
        await Page.Locator(".mud-popover-open .mud-list-item").First.WaitForAsync(new() { State = WaitForSelectorState.Detached });
    }

    /// <summary>Types <paramref name="day"/> into the date field labelled <paramref name="label"/>.</summary>
    public async Task FillDateAsync(string label, DateOnly day, ILocator? within = null)
    {
        var field = (within ?? Page.Locator("body")).GetByLabel(label, new() { Exact = true });
        await field.FillAsync(day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        await field.PressAsync("Tab");
    }

    /// <summary>Opens <paramref name="path"/> again until <paramref name="shown"/> appears on it (what events make true
    /// reaches the page a moment later).</summary>
    public async Task ReloadUntilAsync(PlatformFixture platform, string path, Func<IPage, ILocator> shown)
    {
        ArgumentNullException.ThrowIfNull(platform);
        ArgumentNullException.ThrowIfNull(shown);
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (true)
        {
            await Page.GotoAsync(new Uri(platform.WebAddress, path).ToString());
            await Page.Locator("[data-interactive=true]").WaitForAsync();
            try
            {
                await shown(Page).First.WaitForAsync(new() { Timeout = 3_000 });
                return;
            }
            catch (TimeoutException) when (DateTimeOffset.UtcNow < deadline)
            {
                // Not there yet: open the page again.
            }
        }
    }

    /// <summary>Signs in as <paramref name="user"/> on the way to <paramref name="path"/>, then as <see cref="ReloadUntilAsync"/>.</summary>
    public async Task ReloadUntilSignedInAsync(PlatformFixture platform, string user, string path, Func<IPage, ILocator> shown)
    {
        await GoAsSignedInAsync(platform, user, path);
        await ReloadUntilAsync(platform, path, shown);
    }

    /// <summary>A full-page screenshot named <paramref name="name"/> in the repository's <c>.crm/screenshots/</c>.</summary>
    public async Task ScreenshotAsync(string name)
    {
        var folder = Path.Combine(RepositoryRoot(), ".crm", "screenshots");
        Directory.CreateDirectory(folder);

        // From the top: a full-page capture of a scrolled page draws the fixed app bar where the scroll left it.
        await Page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await Page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(folder, $"{name}.png"), FullPage = true, Animations = ScreenshotAnimations.Disabled });
    }

    public async ValueTask DisposeAsync()
    {
        await _browser.DisposeAsync();
        _playwright.Dispose();
    }

    private static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "CrmPlatform.sln")))
        {
            folder = folder.Parent;
        }

        return folder?.FullName ?? AppContext.BaseDirectory;
    }
}
