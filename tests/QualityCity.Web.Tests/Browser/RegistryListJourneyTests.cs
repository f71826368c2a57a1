using Microsoft.Playwright;

namespace QualityCity.Web.Tests.Browser;

/// <summary>An inspector on a phone searches the registry by words and by pinyin initials and reads the cards.</summary>
public sealed class RegistryListJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string FitsThePhone = "() => document.documentElement.scrollWidth <= window.innerWidth";

    [SkippableFact]
    public async Task On_a_phone_the_registry_list_is_labelled_cards_no_wider_than_the_screen()
    {
        var page = await fixture.SignInAsync("samr.inspector", phone: true);
        await page.GotoAsync("/registry");
        Assert.Matches("^共 [0-9,]+ 条$", await page.InnerTextAsync("#result-count"));
        Assert.True(await page.EvaluateAsync<bool>(FitsThePhone), "the registry list is wider than the phone");

        await page.FillAsync("#q", "阳谷 电缆");
        await page.SelectOptionAsync("#sort", "name");
        await page.NavigatesAsync(() => page.ClickAsync("#registry-search button[type=submit]"), url => url.Contains("sort=name", StringComparison.Ordinal));
        Assert.False(await page.Locator("#results thead").IsVisibleAsync());
        var labels = await page.EvaluateAsync<string[]>(
            "() => [...document.querySelectorAll('#results tbody tr:first-child td')].map(td => getComputedStyle(td, '::before').content)");
        Assert.Equal(["\"统一社会信用代码\"", "\"名称\"", "\"县（市、区）\"", "\"行业\"", "\"产业链\"", "\"风险等级\"", "\"状态\""], labels);
        Assert.True(await page.EvaluateAsync<bool>(FitsThePhone), "the search's cards are wider than the phone");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "registry-list-phone.png"), FullPage = true });

        // Initials nobody's name has: the empty state explains what to try, still within the screen.
        await page.FillAsync("#q", "qqqqzz");
        await page.ClickAsync("#registry-search button[type=submit]");
        await page.WaitForSelectorAsync("#registry-empty");
        Assert.Equal("共 0 条", await page.InnerTextAsync("#result-count"));
        Assert.True(await page.EvaluateAsync<bool>(FitsThePhone), "the empty state is wider than the phone");
    }
}
