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
        await head.NavigatesAsync(() => head.ClickAsync("#inspector-filters button[type=submit]"), url => url.Contains("q=", StringComparison.Ordinal));
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

    [SkippableFact]
    public async Task A_department_head_drafts_an_item_and_publishes_it_and_the_public_finds_it_on_a_phone()
    {
        var head = await fixture.SignInAsync("samr.head");
        await head.GotoAsync("/checklists");
        await head.ClickAsync("#manage-link");
        await head.WaitForSelectorAsync("#add-item");
        await head.ClickAsync("#add-item summary");
        await head.FillAsync("#add-name", "电动自行车充电器产品质量检查");
        await head.FillAsync("#add-method", "现场检查、抽样检验");
        await head.ClickAsync("#add-form button[type=submit]");
        // Refused beside the legal basis, in Chinese; the name typed is still there.
        Assert.Contains("检查依据", await head.InnerTextAsync("#add-form .field-error >> nth=-1"), StringComparison.Ordinal);
        Assert.Equal("电动自行车充电器产品质量检查", await head.InputValueAsync("#add-name"));
        Assert.Equal("现场检查、抽样检验", await head.InputValueAsync("#add-method"));

        await head.FillAsync("#add-basis", "《中华人民共和国产品质量法》第十五条");
        await head.ClickAsync("#add-form button[type=submit]");
        await head.WaitForSelectorAsync("#message");
        var row = head.Locator("#manage-items tbody tr", new PageLocatorOptions { HasText = "电动自行车充电器" });
        Assert.Contains("草稿", await row.InnerTextAsync(), StringComparison.Ordinal);
        await row.Locator("form.publish-form button").ClickAsync();
        await Assertions.Expect(head.Locator("#message")).ToContainTextAsync("已发布");
        Assert.Contains("已公布", await head.Locator("#manage-items tbody tr", new PageLocatorOptions { HasText = "电动自行车充电器" }).InnerTextAsync(), StringComparison.Ordinal);
        await head.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "checklists-manage.png"), FullPage = true });

        var phone = await fixture.NewPageAsync(phone: true);
        await phone.GotoAsync("/checklists");
        Assert.True(await phone.EvaluateAsync<bool>(FitsThePhone), "the checklists are wider than the phone");
        await phone.FillAsync("#q", "电动自行车充电器");
        await phone.NavigatesAsync(() => phone.ClickAsync("#checklist-filters button[type=submit]"), url => url.Contains("q=", StringComparison.Ordinal));
        Assert.Equal("共 1 条", await phone.InnerTextAsync("#checklist-count"));
        Assert.True(await phone.Locator("details.checklist-group tbody td").First.IsVisibleAsync());
        Assert.True(await phone.EvaluateAsync<bool>(FitsThePhone), "the search's answer is wider than the phone");
        Assert.True(await phone.EvaluateAsync<int>("document.documentElement.scrollHeight") < 2500, "a search's answer is a short page");
        await phone.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "checklists-phone.png"), FullPage = true });
    }

    [SkippableFact]
    public async Task The_administrator_loads_a_years_holiday_notice_and_a_bad_file_changes_nothing()
    {
        var admin = await fixture.SignInAsync("admin");
        await admin.GotoAsync("/");
        await admin.ClickAsync("nav.mainnav a[href='/admin/holidays']");
        await admin.WaitForSelectorAsync("#loaded-years");
        Assert.Equal("节假日安排", await admin.InnerTextAsync("h1"));

        await admin.SetInputFilesAsync("#file", new FilePayload
        {
            Name = "2030-bad.csv", MimeType = "text/csv",
            Buffer = System.Text.Encoding.UTF8.GetBytes("date,kind,name\n2030-01-01,holiday,元旦\n2030-02-30,holiday,春节\n"),
        });
        await admin.ClickAsync("#upload-form button[type=submit]");
        await admin.WaitForSelectorAsync("#upload-errors");
        Assert.Contains("第 3 行", await admin.InnerTextAsync("#upload-errors"), StringComparison.Ordinal);
        Assert.Equal(0, await admin.Locator("#loaded-years tr[data-year='2030']").CountAsync());

        await admin.SetInputFilesAsync("#file", new FilePayload
        {
            Name = "2030.csv", MimeType = "text/csv",
            Buffer = System.Text.Encoding.UTF8.GetBytes("date,kind,name\n2030-01-01,holiday,元旦\n2030-02-02,holiday,春节\n2030-02-03,holiday,春节\n2030-01-26,workday,春节调休上班\n"),
        });
        await admin.ClickAsync("#upload-form button[type=submit]");
        await admin.WaitForSelectorAsync("#upload-summary");
        Assert.Contains("2030 年：放假 3 天（元旦、春节），调休上班 1 天", await admin.InnerTextAsync("#upload-summary"), StringComparison.Ordinal);
        Assert.Equal(1, await admin.Locator("#loaded-years tr[data-year='2030']").CountAsync());
        await admin.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "admin-holidays.png"), FullPage = true });
    }
}
