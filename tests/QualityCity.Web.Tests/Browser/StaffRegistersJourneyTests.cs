using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using QualityCity.Web.Data;

namespace QualityCity.Web.Tests.Browser;

/// <summary>The registers staff keep on their pages: the inspector registry, the checklists, the holiday calendar.</summary>
public sealed class StaffRegistersJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string FitsThePhone = "() => document.documentElement.scrollWidth <= window.innerWidth";

    [SkippableFact]
    public async Task A_department_head_adds_an_officer_fixes_a_refusal_and_declares_a_conflict_with_an_enterprise_found_by_name()
    {
        var head = await fixture.SignInAsync("samr.head");
        string enterprise;
        await using (var scope = fixture.Factory.Services.CreateAsyncScope())
        {
            enterprise = await scope.ServiceProvider.GetRequiredService<QualityCityDbContext>().MarketEntities
                .OrderBy(e => e.Id).Skip(5).Select(e => e.Name).FirstAsync();
        }

        await head.GotoAsync("/organisation/inspectors");
        await head.ClickAsync("#add-inspector summary");
        await head.FillAsync("#Form_Name", "李明");
        await head.FillAsync("#Form_CredentialNumber", "鲁聊B-2026-01");
        await head.FillAsync("#Form_MonthlyCapacity", "500");
        await head.SelectOptionAsync("#Form_HomeCountyCode", "371521");
        await head.ClickAsync("#add-form button[type=submit]");
        // Refused beside the capacity, in Chinese; everything typed is still there.
        Assert.Contains("每月检查能力须在1到200次之间", await head.InnerTextAsync("#add-form"), StringComparison.Ordinal);
        Assert.Equal("李明", await head.InputValueAsync("#Form_Name"));
        Assert.Equal("371521", await head.InputValueAsync("#Form_HomeCountyCode"));
        Assert.Equal("500", await head.InputValueAsync("#Form_MonthlyCapacity"));

        await head.FillAsync("#Form_MonthlyCapacity", "15");
        await head.ClickAsync("#add-form button[type=submit]");
        await head.WaitForSelectorAsync("#message");
        Assert.Contains("李明", await head.InnerTextAsync("#message"), StringComparison.Ordinal);

        await head.FillAsync("#q", "李明");
        await head.ClickAsync("#inspector-filters button[type=submit]");
        await head.WaitForURLAsync(url => url.Contains("q=", StringComparison.Ordinal));
        Assert.Equal("共 1 条", await head.InnerTextAsync("#inspector-count"));
        var row = head.Locator("#inspectors tbody tr").First;
        await row.Locator("details.conflict summary").ClickAsync();
        await row.Locator("input[name=entity]").FillAsync(enterprise);
        await row.Locator("form.conflict-search button").ClickAsync();
        await head.WaitForSelectorAsync("form.conflict-form");
        row = head.Locator("#inspectors tbody tr").First;
        await row.Locator("form.conflict-form input[type=radio]").First.CheckAsync();
        await row.Locator("input[name=Reason]").FillAsync("其兄长为该企业股东");
        await row.Locator("form.conflict-form button[type=submit]").ClickAsync();
        await head.WaitForSelectorAsync("#message");
        Assert.Contains("回避关系", await head.InnerTextAsync("#message"), StringComparison.Ordinal);
        Assert.Contains(enterprise, await head.InnerTextAsync("#inspectors"), StringComparison.Ordinal);
        await head.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "inspectors.png"), FullPage = true });

        // On a phone the registry is a list of labelled cards no wider than the screen.
        var phone = await fixture.SignInAsync("samr.head", phone: true);
        await phone.GotoAsync("/organisation/inspectors");
        Assert.False(await phone.Locator("#inspectors thead").IsVisibleAsync());
        Assert.True(await phone.EvaluateAsync<bool>(FitsThePhone), "the inspector registry is wider than the phone");
    }
}
