using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using QualityCity.Web.Data;
using QualityCity.Web.Tests.Inspections;

namespace QualityCity.Web.Tests.Browser;

/// <summary>A citizen on a phone looks up an enterprise's inspection results and opens one.</summary>
public sealed class PublicResultsJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string FitsThePhone = "() => document.documentElement.scrollWidth <= window.innerWidth";

    /// <summary>The labels the phone layout draws before each cell of a table, as the reader sees them.</summary>
    private static Task<string[]> CellLabelsAsync(IPage page, string table) => page.EvaluateAsync<string[]>(
        "t => [...document.querySelectorAll(t + ' tbody tr:first-child td')].map(td => getComputedStyle(td, '::before').content)", table);

    [SkippableFact]
    public async Task On_a_phone_the_results_and_a_result_are_labelled_cards_no_wider_than_the_screen()
    {
        var page = await fixture.NewPageAsync(phone: true);
        PublishedResults seeded;
        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
        {
            seeded = await PublicResultsTests.SeedAsync(scope.ServiceProvider.GetRequiredService<QualityCityDbContext>(), 3);
        }

        await page.GotoAsync("/results");
        Assert.True(await page.EvaluateAsync<bool>(FitsThePhone), "the list of results is wider than the phone");
        await page.FillAsync("#Q", seeded.CreditCode);
        await page.NavigatesAsync(() => page.ClickAsync("form.filters button[type=submit]"), url => url.Contains(seeded.CreditCode, StringComparison.Ordinal));
        Assert.Equal("共 3 条", await page.InnerTextAsync("#result-count"));
        Assert.Equal(3, await page.Locator("#public-results tbody tr").CountAsync());
        Assert.False(await page.Locator("#public-results thead").IsVisibleAsync());
        Assert.Equal(["\"企业\"", "\"检查部门\"", "\"检查日期\"", "\"检查事项\"", "\"发现问题\"", "\"未完成整改\""], await CellLabelsAsync(page, "#public-results"));
        Assert.True(await page.EvaluateAsync<bool>(FitsThePhone), "the search's results are wider than the phone");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "public-results-phone.png"), FullPage = true });

        await page.ClickAsync($"#public-results a[href='/results/{seeded.Published[0]}']");
        await page.WaitForSelectorAsync("#result-items");
        Assert.Equal(seeded.EnterpriseName, await page.InnerTextAsync("#result-enterprise"));
        Assert.Contains(seeded.CreditCode, await page.InnerTextAsync("#result-facts"), StringComparison.Ordinal);
        Assert.Equal(["\"检查事项\"", "\"结果\"", "\"整改情况\""], await CellLabelsAsync(page, "#result-items"));
        Assert.True(await page.Locator("#result-items tbody td").First.IsVisibleAsync());
        Assert.True(await page.EvaluateAsync<bool>(FitsThePhone), "the result's page is wider than the phone");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "public-result-phone.png"), FullPage = true });

        // No search: everything published, a page at a time, still within the screen.
        await page.GotoAsync("/results");
        Assert.Matches("^共 [0-9,]+ 条$", await page.InnerTextAsync("#result-count"));
        Assert.True(await page.EvaluateAsync<bool>(FitsThePhone), "the full list is wider than the phone");
    }
}
