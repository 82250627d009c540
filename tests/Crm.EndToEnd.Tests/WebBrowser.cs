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

    /// <summary>A full-page screenshot named <paramref name="name"/> in the repository's <c>.crm/screenshots/</c>.</summary>
    public async Task ScreenshotAsync(string name)
    {
        var folder = Path.Combine(RepositoryRoot(), ".crm", "screenshots");
        Directory.CreateDirectory(folder);
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
