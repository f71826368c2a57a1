using Microsoft.Playwright;

namespace QualityCity.Web.Tests.Browser;

/// <summary>The planning desk in a browser: freeze the pools, enter the seed, approve, publish, and the public page on a phone.</summary>
public sealed class PlanningJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [SkippableFact]
    public async Task The_coordinator_freezes_the_pools_draws_with_a_public_seed_and_the_public_finds_the_published_plan()
    {
        var page = await fixture.SignInAsync("coordinator");
        await page.GotoAsync("/planning");
        await page.FillAsync("#Year", "2029");
        await page.ClickAsync("form:has(#Year) button[type=submit]");
        await page.WaitForSelectorAsync("p.ok");
        Assert.Contains("2029", await page.InnerTextAsync("#commitments tbody tr:first-child"), StringComparison.Ordinal);

        // A seed that is too short is refused on the page, with the reason.
        await page.FillAsync("#Seed", "123456");
        await page.ClickAsync("#draw-form button[type=submit]");
        Assert.Contains("20", await page.InnerTextAsync("#plan-error"), StringComparison.Ordinal);

        await page.FillAsync("#Seed", "3141592653589793238462643");
        await page.NavigatesAsync(() => page.ClickAsync("#draw-form button[type=submit]"), url => url.Contains("/planning/draws/", StringComparison.Ordinal));
        await page.WaitForSelectorAsync("#chart-months canvas");
        await page.WaitForSelectorAsync("#chart-calendar canvas");
        var separate = int.Parse((await page.InnerTextAsync("#total-separate")).Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        var merged = int.Parse((await page.InnerTextAsync("#total-merged")).Replace(",", "", StringComparison.Ordinal), System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(merged < separate, $"{merged} of {separate}");
        Assert.True(await page.Locator("#visits tbody tr").CountAsync() > 0);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "plan-draw.png"), FullPage = false });
        var drawUrl = page.Url;

        // The same seed again is refused on the page, in words of the reader's language.
        await page.GotoAsync("/planning");
        await page.FillAsync("#Seed", "3141592653589793238462643");
        await page.ClickAsync("#draw-form button[type=submit]");
        Assert.Equal("抽取被拒绝：种子“3141592653589793238462643”已经用过：种子不得重复使用", await page.InnerTextAsync("#plan-error"));
        await page.GotoAsync(drawUrl);

        // Publishing before the departments approved is refused, naming who is missing.
        await page.ClickAsync("#publish");
        Assert.StartsWith("尚未批准的部门：", await page.InnerTextAsync("#plan-error"), StringComparison.Ordinal);
        Assert.Contains("市场监督管理局", await page.InnerTextAsync("#plan-error"), StringComparison.Ordinal);

        // The market regulator's head approves the department's part.
        var head = await fixture.SignInAsync("samr.head");
        await head.GotoAsync(drawUrl);
        await head.FillAsync("#Note", "同意");
        await head.ClickAsync("#approve");
        await head.WaitForSelectorAsync("#plan-message");
        Assert.Contains("已批准", await head.InnerTextAsync("tr[data-department=samr]"), StringComparison.Ordinal);

        var anonymous = await fixture.NewPageAsync(phone: true);
        await anonymous.GotoAsync("/plans");
        Assert.Equal(0, await anonymous.Locator($"[data-draw='{drawUrl.Split('/').Last()}']").CountAsync());
        await anonymous.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "public-plans-phone.png"), FullPage = true });
    }
}
