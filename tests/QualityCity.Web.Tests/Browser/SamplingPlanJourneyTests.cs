using Microsoft.Playwright;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.Browser;

/// <summary>The regulator sets a sampling plan with two tasks on the plans page; the quality lists fit a phone.</summary>
public sealed class SamplingPlanJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string FitsThePhone = "() => document.documentElement.scrollWidth <= window.innerWidth";

    private static string Shot(string name) => Path.Combine(BrowserFixture.ScreenshotFolder, name);

    [SkippableFact]
    public async Task The_regulator_sets_a_plan_with_two_tasks_on_the_page()
    {
        var page = await fixture.SignInAsync("samr.head");
        var year = TestClock.Today.Year;
        await page.GotoAsync("/quality/plans");
        Assert.DoesNotContain("POST /api/quality/plans", await page.ContentAsync(), StringComparison.Ordinal);
        await page.SelectOptionAsync("#Form_Year", year.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.SelectOptionAsync("#Form_Level", "city");
        await page.FillAsync("#Form_Authority", "聊城市市场监督管理局");
        await page.FillAsync("#Form_Title", "浏览器下达的电线电缆抽查");

        // A refused plan keeps what was typed and says what is missing.
        await page.ClickAsync("#create-plan");
        await page.WaitForSelectorAsync("#plan-errors");
        Assert.Contains("至少一项抽查任务", await page.InnerTextAsync("#plan-errors"), StringComparison.Ordinal);
        Assert.Equal("浏览器下达的电线电缆抽查", await page.InputValueAsync("#Form_Title"));

        var first = page.Locator("#plan-tasks tbody tr").Nth(0);
        await first.Locator("select[name$='.ProductCategory']").SelectOptionAsync(new SelectOptionValue { Label = "额定电压450/750V及以下聚氯乙烯绝缘电缆电线" });
        await first.Locator("select[name$='.County']").SelectOptionAsync(new SelectOptionValue { Label = "阳谷县" });
        await first.Locator("input[name$='.Batches']").FillAsync("20");
        await first.Locator("input[name$='.Lab']").FillAsync("聊城市检验检测中心");
        await first.Locator("input[name$='.Due']").FillAsync($"{year}-11-30");
        await page.ClickAsync("#add-task");
        await page.WaitForSelectorAsync("#plan-tasks tbody tr:nth-child(2)");
        Assert.Equal("20", await page.Locator("#plan-tasks tbody tr").Nth(0).Locator("input[name$='.Batches']").InputValueAsync());

        var second = page.Locator("#plan-tasks tbody tr").Nth(1);
        await second.Locator("select[name$='.ProductCategory']").SelectOptionAsync("power-cable");
        await second.Locator("input[name$='.Batches']").FillAsync("8");
        await second.Locator("input[name$='.Lab']").FillAsync("山东省产品质量检验研究院");
        await second.Locator("input[name$='.Due']").FillAsync($"{year}-12-20");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("quality-plan-form.png"), FullPage = true });
        await page.ClickAsync("#create-plan");

        await page.WaitForSelectorAsync("#plan-created");
        Assert.Contains("浏览器下达的电线电缆抽查", await page.InnerTextAsync("#plan-created"), StringComparison.Ordinal);
        var plan = page.Locator("section.sampling-plan", new PageLocatorOptions { HasText = "浏览器下达的电线电缆抽查" });
        Assert.Equal(2, await plan.Locator("tbody tr").CountAsync());
        var tasks = await plan.Locator("tbody").InnerTextAsync();
        Assert.Contains("阳谷县", tasks, StringComparison.Ordinal);
        Assert.Contains("全域", tasks, StringComparison.Ordinal);
        Assert.Contains("0 / 20", tasks, StringComparison.Ordinal);
        Assert.Contains("0 / 8", tasks, StringComparison.Ordinal);
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));
    }

    [SkippableFact]
    public async Task On_a_phone_the_samples_the_plans_the_problems_and_a_sample_are_no_wider_than_the_screen()
    {
        var page = await fixture.SignInAsync("samr.head", phone: true);
        foreach (var address in new[] { "/quality/samples", "/quality/samples?industry=cable&year=2021&failed=true", "/quality/plans", "/quality/plans?year=2021", "/quality/problems?industry=cable&year=2021" })
        {
            await page.GotoAsync(address);
            Assert.True(await page.EvaluateAsync<bool>(FitsThePhone), $"{address} is wider than the phone");
        }

        await page.GotoAsync("/quality/samples?industry=cable&year=2021&failed=true");
        Assert.False(await page.Locator("#samples thead").IsVisibleAsync());
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("quality-samples-phone.png"), FullPage = false });
        await page.ClickAsync("#samples tbody tr a");
        await page.WaitForSelectorAsync("#sample-items");
        Assert.True(await page.EvaluateAsync<bool>(FitsThePhone), "a sample's page is wider than the phone");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("quality-sample-phone.png"), FullPage = true });
    }
}
