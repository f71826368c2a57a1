using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace QualityCity.Web.Tests.Browser;

/// <summary>The API reference on an intranet without internet: everything it loads comes from the platform itself.</summary>
public sealed class ApiReferenceJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [SkippableFact]
    public async Task The_api_reference_loads_only_from_the_platform_and_shows_no_vendor_buttons()
    {
        var page = await fixture.NewPageAsync();
        var requests = new ConcurrentQueue<string>();
        var errors = new ConcurrentQueue<string>();
        page.Request += (_, request) => requests.Enqueue(request.Url);
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Enqueue(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Enqueue(error);

        await page.GotoAsync("/api-docs", new PageGotoOptions { WaitUntil = WaitUntilState.NetworkIdle });
        // The introduction and an operation's bilingual summary are on the page: the document was fetched and drawn.
        await page.GetByText("X-CSRF-TOKEN").First.WaitForAsync();
        // Opening a group and an operation draws its code sample and request panel, which load more of the viewer.
        await page.GetByText("Registry", new PageGetByTextOptions { Exact = true }).First.ClickAsync();
        await page.GetByText("检索市场主体").First.ClickAsync();
        await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "api-reference.png") });

        var origin = fixture.BaseAddress.GetLeftPart(UriPartial.Authority);
        var elsewhere = requests.Where(url => !url.StartsWith(origin + "/", StringComparison.Ordinal) && !url.StartsWith("data:", StringComparison.Ordinal)
                                              && !url.StartsWith("blob:", StringComparison.Ordinal)).Distinct().ToList();
        Assert.True(elsewhere.Count == 0, "requests that leave the platform: " + string.Join(" | ", elsewhere));
        Assert.Contains(requests, url => url.Contains("/openapi/v1.json", StringComparison.Ordinal));
        Assert.True(errors.IsEmpty, "console errors: " + string.Join(" | ", errors));

        Assert.Equal(0, await page.Locator("a[href*='scalar.com']:visible").CountAsync());
        var text = await page.InnerTextAsync("body");
        foreach (var vendor in new[] { "Open API Client", "Deploy", "Powered by", "Ask AI", "Generate SDK", "Share" })
        {
            Assert.DoesNotContain(vendor, text, StringComparison.OrdinalIgnoreCase);
        }
    }
}
