using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using QualityCity.Web.Data;
using QualityCity.Web.Demo;

namespace QualityCity.Web.Tests.Browser;

/// <summary>What a person sees: signing in, the dashboard, the registry search, language switching and scoping.</summary>
public sealed class SignInAndSearchJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private Task<IPage> SignInAsync(string userName, bool phone = false) => fixture.SignInAsync(userName, phone);

    [SkippableFact]
    public async Task Coordinator_signs_in_sees_the_dashboard_and_finds_cable_firms_in_yanggu()
    {
        var page = await SignInAsync("coordinator");
        Assert.Equal("工作台", await page.InnerTextAsync("h1"));
        // ECharts drew the county chart (a canvas appears inside the container).
        await page.WaitForSelectorAsync("#chart-counties canvas");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "dashboard.png"), FullPage = true });

        await page.GotoAsync("/registry");
        await page.SelectOptionAsync("#county", "371521");
        await page.SelectOptionAsync("#industry", "3831");
        await page.NavigatesAsync(() => page.ClickAsync("form.filters button[type=submit]"), url => url.Contains("county=371521", StringComparison.Ordinal));
        var rows = await page.Locator("#results tbody tr").AllInnerTextsAsync();
        Assert.NotEmpty(rows);
        Assert.All(rows, r => Assert.Contains("阳谷县", r, StringComparison.Ordinal));
        Assert.All(rows, r => Assert.Contains("3831", r, StringComparison.Ordinal));
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "registry-search.png"), FullPage = true });

        await page.Locator("#results tbody tr a").First.ClickAsync();
        await page.WaitForSelectorAsync("dl.facts");
        Assert.Contains("电线、电缆制造", await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "entity-detail.png"), FullPage = true });
    }

    [SkippableFact]
    public async Task The_language_link_switches_the_interface_to_english_and_back()
    {
        var page = await SignInAsync("samr.head");
        await page.GotoAsync("/registry");
        await page.ClickAsync("a.lang");
        await page.WaitForSelectorAsync("h1:has-text('Market entity registry')");
        await page.ClickAsync("a.lang");
        await page.WaitForSelectorAsync("h1:has-text('市场主体库')");
    }

    [SkippableFact]
    public async Task An_enterprise_on_a_phone_sees_its_own_entity_and_is_denied_another()
    {
        string own, other, otherName;
        using (var scope = fixture.Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QualityCityDbContext>();
            own = await db.Users.Where(u => u.UserName == "enterprise").Select(u => u.CreditCode!).SingleAsync();
            (other, otherName) = await db.MarketEntities.Where(e => e.CreditCode != own).OrderBy(e => e.Id)
                .Select(e => ValueTuple.Create(e.CreditCode, e.Name)).FirstAsync();
        }

        var page = await SignInAsync("enterprise", phone: true);
        await page.ClickAsync("text=查看本企业信息");
        await page.WaitForSelectorAsync("dl.facts");
        Assert.Contains(own, await page.InnerTextAsync("main"), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "enterprise-phone.png"), FullPage = true });

        var refused = await page.GotoAsync($"/registry/{other}");
        Assert.Equal(403, refused!.Status);
        Assert.Equal("无权访问", await page.InnerTextAsync("main h1"));
        // The address bar still holds the code the user typed; nothing of the entity itself is shown.
        Assert.DoesNotContain(otherName, await page.ContentAsync(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_mistyped_link_on_a_phone_ends_on_the_sites_404_page_with_a_way_on()
    {
        var page = await fixture.NewPageAsync(phone: true);
        var response = await page.GotoAsync("/resluts");
        Assert.Equal(404, response!.Status);
        Assert.Equal("未找到", await page.InnerTextAsync("main h1"));
        Assert.True(await page.Locator("nav.mainnav").IsVisibleAsync());
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= document.documentElement.clientWidth"),
            "the error page is wider than the phone");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "not-found-phone.png"), FullPage = true });

        await page.ClickAsync("main >> text=查询检查结果");
        await page.WaitForSelectorAsync("#public-results");
    }

    [SkippableFact]
    public async Task A_registry_search_of_3000_characters_is_answered_not_refused()
    {
        var page = await SignInAsync("coordinator");
        await page.GotoAsync("/registry");
        await page.FillAsync("#q", string.Concat(Enumerable.Repeat("聊城市电缆有限公司", 334))[..3000]);
        var answer = await page.RunAndWaitForResponseAsync(() => page.ClickAsync("form.filters button[type=submit]"),
            r => r.Request.Method == "POST" && r.Url.EndsWith("/registry", StringComparison.Ordinal));
        Assert.Equal(200, answer.Status);
        await page.WaitForSelectorAsync("#result-count");
        Assert.Equal(3000, (await page.InputValueAsync("#q")).Length);
        Assert.Contains("共 0 条", await page.InnerTextAsync("#result-count"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Admin_uploads_a_registry_file_and_watches_it_finish()
    {
        var page = await SignInAsync("admin");
        var code = QualityCity.Domain.Registry.CreditCode.Compose("91", "371581", "BR000001");
        var file = Path.Combine(BrowserFixture.ScreenshotFolder, "upload.csv");
        await File.WriteAllTextAsync(file, $"统一社会信用代码,名称,行业代码\n{code},临清浏览器上传轴承有限公司（演示）,3451\n91371581X,坏行,3451\n");

        await page.GotoAsync("/registry/import");
        await page.SetInputFilesAsync("#file", file);
        await page.ClickAsync("main form button[type=submit]");
        // The job row polls itself (htmx) until the import is done; then the summary and report link show.
        var row = page.Locator("#jobs tbody tr").First;
        try
        {
            await row.Locator("a:has-text('下载')").WaitForAsync(new LocatorWaitForOptions { Timeout = 30_000 });
        }
        finally
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "registry-import.png"), FullPage = true });
        }

        var text = await row.InnerTextAsync();
        Assert.Contains("新增 1 ·", text, StringComparison.Ordinal);
        Assert.Contains("拒绝 1 ·", text, StringComparison.Ordinal);

        await page.GotoAsync($"/registry?q={code}");
        Assert.Contains("临清浏览器上传轴承有限公司", await page.InnerTextAsync("#results"), StringComparison.Ordinal);
    }
}
