using Microsoft.Playwright;

namespace QualityCity.Web.Tests.Browser;

/// <summary>The quality map as a leader reads it: the heat map and the trend drawn, the 2021 阳谷 cell at a glance, the drill-down to the batches.</summary>
public sealed class QualityMapJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static string Shot(string name) => Path.Combine(BrowserFixture.ScreenshotFolder, name);

    /// <summary>How many pixels of a chart's canvas are neither blank nor white: a drawn chart has thousands.</summary>
    private const string InkedPixels = """
        selector => {
            const canvas = document.querySelector(selector);
            const context = canvas.getContext('2d');
            const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
            let inked = 0;
            for (let i = 0; i < data.length; i += 4) {
                if (data[i + 3] > 0 && (data[i] < 240 || data[i + 1] < 240 || data[i + 2] < 240)) inked++;
            }
            return inked;
        }
        """;

    [SkippableFact]
    public async Task The_public_map_draws_its_charts_and_staff_drill_down_to_the_failed_batches()
    {
        var visitor = await fixture.NewPageAsync();
        await visitor.SetViewportSizeAsync(1366, 1100);
        await visitor.GotoAsync("/quality?industry=cable&year=2021");
        await visitor.WaitForSelectorAsync("#chart-quality-heatmap canvas");
        await visitor.WaitForSelectorAsync("#chart-quality-trend canvas");
        Assert.True(await visitor.EvaluateAsync<int>(InkedPixels, "#chart-quality-heatmap canvas") > 2000);
        Assert.True(await visitor.EvaluateAsync<int>(InkedPixels, "#chart-quality-trend canvas") > 500);
        Assert.Contains("阳谷县", await visitor.InnerTextAsync("#map-cells"), StringComparison.Ordinal);
        await visitor.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("quality-map.png"), FullPage = false });

        // The staff follow a cell to its batches and open one.
        var staff = await fixture.SignInAsync("samr.head");
        await staff.GotoAsync("/quality?industry=cable&year=2021");
        await staff.ClickAsync("#map-cells tbody tr[data-county='371521'] a");
        await staff.WaitForSelectorAsync("#samples tbody tr");
        Assert.True(await staff.Locator("#samples tbody tr.problem").CountAsync() >= 1);
        await staff.ClickAsync("#samples tbody tr a");
        await staff.WaitForSelectorAsync("#sample-items");
        Assert.Equal("不合格", (await staff.InnerTextAsync("#sample-conclusion")).Trim());
        await staff.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("quality-sample.png"), FullPage = true });

        // The problem list with the 2021 alert.
        await staff.GotoAsync("/quality/problems?industry=cable&year=2021");
        Assert.Equal(1, await staff.Locator("section.alert[data-alert='cable-371521-2021']").CountAsync());
        await staff.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("quality-problems.png"), FullPage = false });

        // A problem gets a plan (一业一策); a plan without its fields is refused, naming them.
        var row = staff.Locator("#problems tbody tr").Last;
        await row.Locator("details summary").ClickAsync();
        await row.Locator("button[type=submit]").ClickAsync();
        var refusal = await staff.InnerTextAsync("p.error");
        Assert.Contains("方案名称：必填", refusal, StringComparison.Ordinal);
        Assert.DoesNotContain("title", refusal, StringComparison.Ordinal);

        // The refused form stays open where it was, ready to complete.
        row = staff.Locator("#problems tbody tr").Last;
        var key = await row.GetAttributeAsync("data-problem");
        Assert.True(await row.Locator("details").EvaluateAsync<bool>("d => d.open"));
        await row.Locator("input[name=Title]").FillAsync("绝缘厚度专项提升（一业一策）");
        await row.Locator("input[name=Owner]").FillAsync("阳谷县市场监督管理局");
        await row.Locator("textarea[name=Actions]").FillAsync("挤出工艺诊断，在线测径仪全覆盖");
        await row.Locator("input[name=Deadline]").FillAsync("2027-06-30");
        await row.Locator("button[type=submit]").ClickAsync();
        await staff.WaitForSelectorAsync("p.ok");
        Assert.Contains("绝缘厚度专项提升", await staff.InnerTextAsync($"#problems tr[data-problem='{key}']"), StringComparison.Ordinal);
    }
}
