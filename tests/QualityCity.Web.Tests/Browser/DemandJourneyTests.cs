using Microsoft.Playwright;

namespace QualityCity.Web.Tests.Browser;

/// <summary>
/// The one window end to end: an enterprise files a calibration demand from its desk; the market
/// regulator accepts it and asks once for everything missing; the enterprise sees the list and
/// supplies it; the unit answers; the enterprise rates the answer.
/// </summary>
public sealed class DemandJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static string Shot(string name) => Path.Combine(BrowserFixture.ScreenshotFolder, name);

    [SkippableFact]
    public async Task A_calibration_demand_is_asked_for_materials_once_supplied_answered_and_rated()
    {
        var enterprise = await fixture.SignInAsync("enterprise");
        await enterprise.GotoAsync("/");
        await enterprise.ClickAsync("#home-demands");
        await enterprise.ClickAsync("#new-demand");
        await enterprise.SelectOptionAsync("#kind", "calibration");
        await enterprise.FillAsync("#title", "燃气表检定");
        await enterprise.FillAsync("#description", "检定");
        await enterprise.ClickAsync("#file-demand");
        await enterprise.WaitForSelectorAsync("#demand-errors");
        Assert.Equal("燃气表检定", await enterprise.InputValueAsync("#title"));

        await enterprise.FillAsync("#description", "本企业 20 台燃气表到期需要检定，请安排送检时间。");
        await enterprise.ClickAsync("#file-demand");
        await enterprise.WaitForSelectorAsync("#demand-facts");
        var code = new Uri(enterprise.Url).AbsolutePath.Split('/')[^1];
        Assert.Matches(@"^D\d{4}-\d{6}$", code);
        Assert.Equal("filed", await enterprise.GetAttributeAsync("#demand-state", "data-state"));

        var unit = await fixture.SignInAsync("samr.inspector");
        await unit.GotoAsync("/services/demands?state=filed");
        await unit.ClickAsync($"#demand-inbox a[href='/services/demands/{code}']");
        await unit.ClickAsync("#act-accept");
        await unit.WaitForSelectorAsync("#action-done");
        await unit.FillAsync("#material-items", "燃气表型号和出厂编号清单\n上次检定证书复印件");
        await unit.ClickAsync("#act-request_materials");
        await unit.WaitForSelectorAsync("#demand-paused");

        await enterprise.GotoAsync($"/enterprise/demands/{code}");
        await enterprise.WaitForSelectorAsync("#missing-materials");
        Assert.Equal(["燃气表型号和出厂编号清单", "上次检定证书复印件"], await enterprise.Locator("#missing-items li").AllInnerTextsAsync());
        await enterprise.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("demand-missing-materials.png"), FullPage = true });
        await enterprise.FillAsync("#supplied", "已通过邮件发送清单和证书扫描件");
        await enterprise.ClickAsync("#supply-materials");
        await enterprise.WaitForSelectorAsync("#action-done");
        Assert.Equal("in_progress", await enterprise.GetAttributeAsync("#demand-state", "data-state"));

        await unit.GotoAsync($"/services/demands/{code}");
        await unit.FillAsync("#answer-text", "已安排 3 月 2 日送市计量所检定。");
        await unit.ClickAsync("#act-answer");
        await unit.WaitForSelectorAsync("#demand-answer");

        await enterprise.GotoAsync($"/enterprise/demands/{code}");
        Assert.Contains("3 月 2 日", await enterprise.InnerTextAsync("#demand-answer-text"), StringComparison.Ordinal);
        await enterprise.CheckAsync("#rating-satisfied");
        await enterprise.ClickAsync("#send-rating");
        await enterprise.WaitForSelectorAsync("#demand-rating");
        Assert.Equal("closed", await enterprise.GetAttributeAsync("#demand-state", "data-state"));
        Assert.Equal(0, await enterprise.Locator("#rate-form").CountAsync());
    }
}
