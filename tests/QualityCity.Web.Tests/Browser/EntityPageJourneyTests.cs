using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using QualityCity.Web.Data;

namespace QualityCity.Web.Tests.Browser;

/// <summary>
/// The entity page at a desk and on a phone: nothing clipped or wider than the screen; a manual
/// grade set on it by the market regulator's head; an objection filed by the enterprise and
/// answered by that head.
/// </summary>
public sealed class EntityPageJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string FitsTheScreen = "() => document.documentElement.scrollWidth <= window.innerWidth";

    /// <summary>An element shows all of its text: nothing scrolls or is cut inside it.</summary>
    private const string ShowsAll = "el => el.scrollWidth <= el.clientWidth";

    private async Task<string> CodeOfAsync(Func<QualityCityDbContext, Task<string>> query)
    {
        await using var scope = fixture.Factory.Services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<QualityCityDbContext>());
    }

    private Task<string> OwnCodeAsync() =>
        CodeOfAsync(db => db.Users.Where(u => u.UserName == "enterprise").Select(u => u.CreditCode!).SingleAsync());

    [SkippableTheory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task The_page_fits_the_screen_and_shows_the_whole_code_and_address(bool phone)
    {
        // The longest address of the registry: the case that clipped before.
        var code = await CodeOfAsync(db => db.MarketEntities.Where(e => e.Address != null).OrderByDescending(e => e.Address!.Length).Select(e => e.CreditCode).FirstAsync());
        var page = await fixture.SignInAsync("coordinator", phone);
        await page.GotoAsync($"/registry/{code}");
        await page.WaitForSelectorAsync("#entity-code");
        Assert.True(await page.EvaluateAsync<bool>(FitsTheScreen), "the entity page is wider than the screen");
        Assert.Equal(code, (await page.InnerTextAsync("#entity-code")).Trim());
        Assert.True(await page.Locator("#entity-code").EvaluateAsync<bool>(ShowsAll), "the credit code is cut");
        Assert.True(await page.Locator("#entity-address").EvaluateAsync<bool>(ShowsAll), "the address is cut");
        Assert.True(await page.Locator("#entity-coordinates").EvaluateAsync<bool>(ShowsAll), "the coordinates are cut");
        foreach (var section in new[] { "#grade-reasons", "#grade-history", "#objections", "#inspections", "#rectifications", "#samples", "#visits", "#production", "#contacts" })
        {
            Assert.True(await page.Locator(section).IsVisibleAsync(), $"{section} is not shown");
        }

        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(BrowserFixture.ScreenshotFolder, phone ? "entity-phone.png" : "entity-desk.png"), FullPage = true,
        });

        // An entity with inspections, tasks, samples and coming visits: its tables fit as well (cards on a phone).
        var ownCode = await OwnCodeAsync();
        await page.GotoAsync($"/registry/{ownCode}");
        await page.WaitForSelectorAsync("#entity-code");
        Assert.True(await page.EvaluateAsync<bool>(FitsTheScreen), "the page of an entity with records is wider than the screen");
        await page.ScreenshotAsync(new PageScreenshotOptions
        {
            Path = Path.Combine(BrowserFixture.ScreenshotFolder, phone ? "entity-records-phone.png" : "entity-records-desk.png"), FullPage = true,
        });

        // The enterprise's own page on the same screen.
        var own = await fixture.SignInAsync("enterprise", phone);
        await own.GotoAsync($"/registry/{ownCode}");
        await own.WaitForSelectorAsync("#entity-code");
        Assert.True(await own.EvaluateAsync<bool>(FitsTheScreen), "the enterprise's page is wider than the screen");
        Assert.True(await own.Locator("#entity-code").EvaluateAsync<bool>(ShowsAll), "the credit code is cut");
        Assert.Equal(0, await own.Locator("#contacts").CountAsync());
    }

    [SkippableFact]
    public async Task The_market_regulators_head_sets_a_grade_on_the_page()
    {
        var code = await CodeOfAsync(db => db.MarketEntities.Where(e => e.RiskGrade == "green" && e.RiskOverrideGrade == null && e.Address != null)
            .OrderBy(e => e.Id).Select(e => e.CreditCode).FirstAsync());
        var page = await fixture.SignInAsync("samr.head");
        await page.GotoAsync($"/registry/{code}");

        // Refused without a reason: the choice stays, the error sits by the reason.
        await page.SelectOptionAsync("#OverrideGrade", "yellow");
        await page.ClickAsync("#override-form button[type=submit]");
        await page.WaitForSelectorAsync("#override-reason-error");
        Assert.Equal("人工调整风险等级须写明理由", await page.InnerTextAsync("#override-reason-error"));
        Assert.Equal("yellow", await page.InputValueAsync("#OverrideGrade"));

        await page.FillAsync("#OverrideReason", "近一年两次投诉经查属实，提高检查频次");
        await page.ClickAsync("#override-form button[type=submit]");
        await page.WaitForSelectorAsync("#entity-done");
        Assert.Equal("风险等级已调整", await page.InnerTextAsync("#entity-done"));
        Assert.Equal("黄", await page.InnerTextAsync("#entity-grade"));
        Assert.Contains("近一年两次投诉经查属实", await page.InnerTextAsync("#grade-history"), StringComparison.Ordinal);
        Assert.True(await page.EvaluateAsync<bool>(FitsTheScreen));
    }

    [SkippableFact]
    public async Task The_enterprise_objects_to_its_grade_and_the_market_regulators_head_answers()
    {
        var code = await OwnCodeAsync();
        var enterprise = await fixture.SignInAsync("enterprise", phone: true);
        await enterprise.GotoAsync($"/registry/{code}");
        await enterprise.FillAsync("#ObjectionReason", "本企业去年的抽检不合格批次为假冒产品，已报案，请求复核风险等级。");
        await enterprise.ClickAsync("#objection-form button[type=submit]");
        await enterprise.WaitForSelectorAsync("#entity-done");
        Assert.Equal("申诉已提交，等待答复", await enterprise.InnerTextAsync("#entity-done"));
        Assert.Equal("open", await enterprise.GetAttributeAsync("article.objection", "data-state"));
        Assert.True(await enterprise.EvaluateAsync<bool>(FitsTheScreen), "the objection is wider than the phone");

        var head = await fixture.SignInAsync("samr.head");
        await head.GotoAsync("/registry/objections?state=open");
        await head.ClickAsync($"#objection-list a[href^='/registry/{code}']");
        await head.WaitForSelectorAsync("form.answer-form");
        await head.CheckAsync("form.answer-form input[name=Decision][value=rejected]");
        await head.FillAsync("form.answer-form textarea[name=Answer]", "经核查，不合格批次确系本企业生产，申诉不成立。");
        await head.ClickAsync("form.answer-form button[type=submit]");
        await head.WaitForSelectorAsync("#entity-done");
        Assert.Equal("申诉已答复", await head.InnerTextAsync("#entity-done"));

        await enterprise.ReloadAsync();
        Assert.Equal("rejected", await enterprise.GetAttributeAsync("article.objection", "data-state"));
        Assert.Contains("经核查，不合格批次确系本企业生产", await enterprise.InnerTextAsync("article.objection"), StringComparison.Ordinal);
        Assert.Contains("申诉不成立", await enterprise.InnerTextAsync("article.objection"), StringComparison.Ordinal);
    }
}
