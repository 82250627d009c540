using System.Text;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Crm.EndToEnd.Tests;

/// <summary>Marketing imports a bought list in the browser: the file goes through the web app and the gateway to the
/// leads service, the counts come back as it is merged, and the rejected rows download as CSV.</summary>
public sealed class LeadImportWebTests(PlatformFixture platform)
{
    [Fact]
    public async Task Marketing_uploads_a_list_sees_its_counts_and_progress_and_downloads_the_rejected_rows()
    {
        var tag = Guid.NewGuid().ToString("N")[..8];
        var badRow = $"\"Quartz, {tag}\",Ines,Iber,ines-at-{tag},Buyer";
        // A row a spreadsheet would run: it downloads with an apostrophe in front, as text.
        var formulaRow = $"=HYPERLINK(1),Eve,Evans,eve-at-{tag},Buyer";
        var file = Encoding.UTF8.GetBytes(
            "Company,First Name,Last Name,E-mail,Title\n" +
            $"Quartz {tag},Ada,Alder,ada@{tag}.example,Buyer\n" +
            $"Quartz {tag},Ben,Birch,ben@{tag}.example,Buyer\n" +
            $"Quartz {tag},Ada,Alder,ADA@{tag}.example,Buyer\n" +
            badRow + "\n" +
            formulaRow + "\n");
        var fileName = $"fair-{tag}.csv";

        await using var browser = await WebBrowser.OpenAsync();
        await browser.GoAsSignedInAsync(platform, "maria", "/leads/import");

        // The file input takes a file once Blazor has wired it up, a moment after the page turns interactive.
        await browser.Page.WaitForFunctionAsync("() => document.querySelector('input[type=file]')?._blazorInputFileNextFileId !== undefined");
        await browser.Page.Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = fileName, MimeType = "text/csv", Buffer = file });
        await Expect(browser.Page.GetByTestId("chosen-file")).ToContainTextAsync(fileName);

        // Without a source the platform refuses the list, naming the field; nothing is imported.
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
        await Expect(browser.Page.GetByTestId("problem")).ToContainTextAsync("header.source");

        await browser.ChooseAsync("Source", "Purchased list");
        await browser.Page.GetByRole(AriaRole.Button, new() { Name = "Import", Exact = true }).ClickAsync();
        await Expect(browser.Page.GetByTestId("import-counts")).ToHaveTextAsync($"Completed: 5 rows read, 2 accepted, 1 duplicates, 2 rejected ({file.Length / 1024.0:0.#} KiB sent)");
        await Expect(browser.Page.GetByTestId("import-progress")).ToHaveAttributeAsync("aria-valuenow", "100");
        await Expect(browser.Page.GetByTestId("problem")).Not.ToBeVisibleAsync();
        var row = browser.Page.GetByTestId("imports").Locator("tr").Filter(new() { HasTextString = fileName });
        await Expect(row).ToContainTextAsync("Completed");
        await browser.ScreenshotAsync("lead-import");

        var download = await row.GetByRole(AriaRole.Link, new() { Name = "2", Exact = true }).GetAttributeAsync("href");
        var response = await browser.Page.Context.APIRequest.GetAsync(new Uri(platform.WebAddress, download).ToString());
        Assert.Equal(200, response.Status);
        Assert.StartsWith("text/csv", response.Headers["content-type"], StringComparison.Ordinal);
        Assert.Equal(
            $"line,reason,row\r\n5,e-mail: 'ines-at-{tag}' is not an e-mail address,\"{badRow.Replace("\"", "\"\"", StringComparison.Ordinal)}\"\r\n" +
            $"6,e-mail: 'eve-at-{tag}' is not an e-mail address,\"'{formulaRow}\"\r\n",
            await response.TextAsync());

        // Another person's import is no one else's to read without the role: Otto (outside sales) is refused.
        await using var otto = await WebBrowser.OpenAsync();
        await otto.GoAsSignedInAsync(platform, "otto", "/");
        var refused = await otto.Page.Context.APIRequest.GetAsync(new Uri(platform.WebAddress, download).ToString());
        Assert.Equal(403, refused.Status);
    }
}
