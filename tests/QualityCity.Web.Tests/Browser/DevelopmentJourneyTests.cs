using Microsoft.Playwright;

namespace QualityCity.Web.Tests.Browser;

/// <summary>
/// Enterprise development as the bureau and an enterprise see it: the per-mu charts (class shares per
/// county, score distribution) and a chain's map drawn in the browser, and the enterprise's own page
/// with its class, what the next class takes, its tier and its commissioner.
/// </summary>
public sealed class DevelopmentJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
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
    public async Task The_efficiency_charts_and_a_chain_map_are_drawn_and_an_enterprise_sees_what_the_next_class_takes()
    {
        var head = await fixture.SignInAsync("samr.head");
        await head.SetViewportSizeAsync(1366, 1000);
        await head.GotoAsync("/development/efficiency");
        await head.WaitForSelectorAsync("#chart-efficiency-counties canvas");
        await head.WaitForSelectorAsync("#chart-efficiency-scores canvas");
        Assert.True(await head.EvaluateAsync<int>(InkedPixels, "#chart-efficiency-counties canvas") > 2000);
        Assert.True(await head.EvaluateAsync<int>(InkedPixels, "#chart-efficiency-scores canvas") > 1000);
        Assert.True(await head.Locator("#efficiency-rows tbody tr").CountAsync() > 10);
        await head.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("development-efficiency.png"), FullPage = false });

        // The D-class improvement list is the same report, filtered.
        await head.ClickAsync("#efficiency-improvement");
        await head.WaitForSelectorAsync("#efficiency-rows tbody tr");
        Assert.Equal(await head.Locator("#efficiency-rows tbody tr").CountAsync(), await head.Locator("#efficiency-rows tbody tr[data-class='D']").CountAsync());

        await head.GotoAsync("/development/chains");
        await head.ClickAsync("#chain-list tr[data-chain='bearing'] a");
        await head.WaitForSelectorAsync("#chart-chain-map canvas");
        Assert.True(await head.EvaluateAsync<int>(InkedPixels, "#chart-chain-map canvas") > 3000);
        Assert.Contains("轴承", await head.InnerTextAsync("#chain-name"), StringComparison.Ordinal);
        await head.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("development-chain-map.png"), FullPage = false });

        // The enterprise on a phone: its class, the gap to the next one, its tier and its commissioner.
        var enterprise = await fixture.SignInAsync("enterprise");
        await enterprise.SetViewportSizeAsync(390, 844);
        await enterprise.GotoAsync("/development/enterprise");
        await enterprise.WaitForSelectorAsync("#development-class");
        Assert.Matches("^[A-D]$", (await enterprise.InnerTextAsync("#development-class")).Trim());
        Assert.True(await enterprise.Locator("#development-indicators tbody tr").CountAsync() >= 2);
        Assert.NotEmpty((await enterprise.InnerTextAsync("#development-commissioner-name")).Trim());
        await enterprise.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("development-enterprise.png"), FullPage = true });
    }
}
