using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using QualityCity.Domain.Execution;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Inspections;
using QualityCity.Web.Modules.Planning;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.Browser;

/// <summary>
/// The inspection journey in a browser (EXE-1 … EXE-6): the officer records a problem on a phone,
/// the enterprise reads the report and submits evidence, the officer accepts it and publishes, the
/// public result appears; and the visit-code page for a valid and a forged code.
/// </summary>
public sealed class InspectionJourneyTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    /// <summary>A 1×1 PNG, as a phone's camera would send a photo.</summary>
    private static readonly byte[] OnePixelPng = Convert.FromBase64String("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");

    private static string Shot(string name) => Path.Combine(BrowserFixture.ScreenshotFolder, name);

    /// <summary>Commits, draws and publishes a plan through the API as the coordinator, then gives one samr visit to the demo officer and enterprise, valid today.</summary>
    private async Task<(long VisitId, string Code, string EnterpriseName)> PreparedVisitAsync(int year)
    {
        var coordinator = await fixture.SignInAsync("coordinator");
        var api = coordinator.Context.APIRequest;
        // Changes made with the sign-in cookie carry the anti-forgery token, as the pages' own requests do.
        var token = (await (await api.GetAsync("/api/account/csrf-token")).JsonAsync())!.Value.GetProperty("token").GetString()!;
        var csrf = new Dictionary<string, string> { ["X-CSRF-TOKEN"] = token };
        var committed = await api.PostAsync("/api/planning/commitments", new() { DataObject = new { year }, Headers = csrf });
        Assert.True(committed.Ok, await committed.TextAsync());
        var commitments = await (await api.GetAsync("/api/planning/commitments")).JsonAsync();
        var commitmentId = commitments!.Value.EnumerateArray().First(c => c.GetProperty("year").GetInt32() == year).GetProperty("id").GetInt32();
        var drawn = await api.PostAsync("/api/planning/draws", new() { DataObject = new { commitmentId, seed = "27182818284590452353602874" + year }, Headers = csrf });
        Assert.True(drawn.Ok, await drawn.TextAsync());
        var drawId = (await drawn.JsonAsync())!.Value.GetProperty("id").GetInt32();

        using var scope = fixture.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QualityCityDbContext>();
        foreach (var department in await db.PlannedObligations.Where(o => o.DrawId == drawId).Select(o => o.Department).Distinct().ToListAsync())
        {
            db.PlanApprovals.Add(new PlanApproval { DrawId = drawId, Department = department, Actor = department + ".head", ApprovedAtUtc = TestClock.UtcNow });
        }

        await db.SaveChangesAsync();
        var published = await api.PostAsync($"/api/planning/draws/{drawId}/publish", new() { DataObject = new { note = "browser journey" }, Headers = csrf });
        Assert.True(published.Ok, await published.TextAsync());

        var samr = await db.Departments.SingleAsync(d => d.Code == "samr");
        var officer = await db.Users.Where(u => u.UserName == "samr.inspector").Select(u => u.InspectorId!.Value).SingleAsync();
        var enterprise = await db.Users.Where(u => u.UserName == "enterprise").Select(u => u.CreditCode!).SingleAsync();
        var visit = await db.Visits.IncludeParts().Where(v => v.DrawId == drawId && v.Departments.Any(d => d.DepartmentId == samr.Id))
            .OrderBy(v => v.Id).FirstAsync();
        var part = visit.Departments.Single(d => d.DepartmentId == samr.Id);
        Inspections.InspectionTest.PutOfficerFirst(visit, part, officer);
        var today = TestClock.Today;
        (visit.ValidFrom, visit.ValidTo, visit.Date, visit.CreditCode) = (today.AddDays(-5), today.AddDays(5), today, enterprise);
        await db.SaveChangesAsync();
        var name = await db.MarketEntities.Where(e => e.CreditCode == enterprise).Select(e => e.Name).SingleAsync();
        return (visit.Id, visit.Code, name);
    }

    [SkippableFact]
    public async Task The_officer_records_a_problem_the_enterprise_puts_it_right_and_the_public_sees_the_result()
    {
        var (visitId, _, enterpriseName) = await PreparedVisitAsync(2049);

        // The officer, on a phone.
        var officer = await fixture.SignInAsync("samr.inspector", phone: true);
        await officer.GotoAsync("/inspector");
        await officer.ClickAsync($"a[href='/inspector/visits/{visitId}']");
        await officer.WaitForSelectorAsync("#results-form");
        var items = officer.Locator("fieldset.item");
        Assert.True(await items.CountAsync() >= 2);
        await items.Nth(0).Locator("input[value=problem]").CheckAsync();
        await items.Nth(0).Locator("textarea").FillAsync("营业执照未悬挂在经营场所醒目位置");
        await items.Nth(0).Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "现场.png", MimeType = "image/png", Buffer = OnePixelPng });
        for (var i = 1; i < await items.CountAsync(); i++)
        {
            await items.Nth(i).Locator("input[value=pass]").CheckAsync();
        }

        await officer.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("inspector-phone.png"), FullPage = false });
        await officer.ClickAsync("#save-results");
        await officer.WaitForSelectorAsync("#desk-message");
        Assert.Equal(1, await officer.Locator("section.task").CountAsync());
        Assert.Equal(1, await items.Nth(0).Locator(".photos img.thumb").CountAsync());

        // The enterprise reads the report and submits its evidence.
        var enterprise = await fixture.SignInAsync("enterprise", phone: true);
        await enterprise.GotoAsync("/enterprise/inspections");
        await enterprise.ClickAsync("#open-tasks a");
        await enterprise.WaitForSelectorAsync("#report-results");
        Assert.Contains("营业执照未悬挂", await enterprise.InnerTextAsync("#report-results tr.problem"), StringComparison.Ordinal);
        Assert.Equal(1, await enterprise.Locator("#report-results tr.problem img.thumb").CountAsync());
        await enterprise.FillAsync("section.task textarea", "已将营业执照正本悬挂于收银台上方，附照片");
        await enterprise.Locator("section.task input[type=file]").SetInputFilesAsync(new FilePayload { Name = "整改后.png", MimeType = "image/png", Buffer = OnePixelPng });
        await enterprise.ClickAsync("section.task button[type=submit]");
        await enterprise.WaitForSelectorAsync("#report-message");
        Assert.Equal("待验收", await enterprise.InnerTextAsync("section.task .task-status"));
        await enterprise.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("enterprise-report-phone.png"), FullPage = true });

        // The officer accepts it and publishes the results.
        await officer.GotoAsync($"/inspector/visits/{visitId}");
        Assert.Contains("整改后.png", await officer.InnerTextAsync("section.task"), StringComparison.Ordinal);
        await officer.FillAsync("section.task input[name=Note]", "现场核实已整改");
        await officer.ClickAsync("section.task button[value=true]");
        await officer.WaitForSelectorAsync("#desk-message");
        await officer.ClickAsync("#publish-results");
        await officer.WaitForSelectorAsync("#desk-message");

        // The public result.
        var visitor = await fixture.NewPageAsync(phone: true);
        await visitor.GotoAsync("/results?q=" + Uri.EscapeDataString(enterpriseName));
        var row = visitor.Locator("#public-results tbody tr").First;
        Assert.Contains(enterpriseName, await row.InnerTextAsync(), StringComparison.Ordinal);
        await visitor.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("public-results-phone.png"), FullPage = true });
    }

    /// <summary>Draws a stroke across a signature pad's canvas with the mouse, as a finger would.</summary>
    private static async Task DrawAsync(IPage page, ILocator canvas)
    {
        // The mouse works in the viewport's coordinates: the pad must be on the screen first.
        await canvas.ScrollIntoViewIfNeededAsync();
        var box = (await canvas.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(box.X + box.Width * 0.2f, box.Y + box.Height * 0.6f);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(box.X + box.Width * 0.5f, box.Y + box.Height * 0.3f, new MouseMoveOptions { Steps = 5 });
        await page.Mouse.MoveAsync(box.X + box.Width * 0.8f, box.Y + box.Height * 0.7f, new MouseMoveOptions { Steps = 5 });
        await page.Mouse.UpAsync();
    }

    [SkippableFact]
    public async Task Results_photos_and_signatures_entered_offline_survive_a_reload_and_reach_the_platform_once_and_a_conflict_is_shown()
    {
        var (visitId, _, _) = await PreparedVisitAsync(2085);
        var officer = await fixture.SignInAsync("samr.inspector", phone: true);
        // The phone's clock is the platform's (frozen for the tests): entries are stamped with it.
        await officer.Context.Clock.SetFixedTimeAsync(TestClock.UtcNow);
        await officer.GotoAsync($"/inspector/visits/{visitId}");
        // The page and its files are kept on the phone before the network goes.
        await officer.WaitForSelectorAsync("#offline-visit[data-offline-ready=true]");
        await officer.Context.SetOfflineAsync(true);
        await officer.WaitForSelectorAsync("#offline-visit.offline");

        var items = officer.Locator("fieldset.item");
        var count = await items.CountAsync();
        Assert.True(count >= 2);
        var codes = new List<string>();
        for (var i = 0; i < count; i++)
        {
            codes.Add((await items.Nth(i).GetAttributeAsync("data-item"))!);
        }

        await items.Nth(0).Locator("input[value=problem]").CheckAsync();
        await items.Nth(0).Locator("textarea").FillAsync("灭火器压力不足，需更换");
        await items.Nth(0).Locator("input[type=file]").SetInputFilesAsync(new FilePayload { Name = "现场.png", MimeType = "image/png", Buffer = OnePixelPng });
        for (var i = 1; i < count; i++)
        {
            await items.Nth(i).Locator("input[value=pass]").CheckAsync();
        }

        var officerPad = officer.Locator(".signature-pad[data-role=officer]");
        await DrawAsync(officer, officerPad.Locator("canvas"));
        await officerPad.Locator("[data-action=sign]").ClickAsync();
        var enterprisePad = officer.Locator(".signature-pad[data-role=enterprise]");
        await enterprisePad.Locator("input[name=signer-name]").FillAsync("李明");
        await DrawAsync(officer, enterprisePad.Locator("canvas"));
        await enterprisePad.Locator("[data-action=sign]").ClickAsync();
        var queued = count + 1 + 2;
        await officer.WaitForSelectorAsync($"#offline-visit[data-queued='{queued}']");
        await officer.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("inspector-offline-phone.png"), FullPage = true });

        // Reloaded without a network: the page comes from the phone, and what was entered is still there.
        var reloaded = await officer.ReloadAsync();
        Assert.True(reloaded?.FromServiceWorker, "the reload without a network came from the service worker");
        await officer.WaitForSelectorAsync($"#offline-visit[data-queued='{queued}']");
        Assert.Equal("灭火器压力不足，需更换", await items.Nth(0).Locator("textarea").InputValueAsync());
        Assert.True(await items.Nth(0).Locator("input[value=problem]").IsCheckedAsync());
        Assert.Equal(count, await officer.Locator("#offline-queue li[data-kind=entry][data-state=waiting]").CountAsync());

        // Meanwhile a second device records the second item differently.
        using (var scope = fixture.Factory.Services.CreateScope())
        {
            var work = scope.ServiceProvider.GetRequiredService<Web.Modules.Inspections.RecordResults.InspectionWork>();
            var db = scope.ServiceProvider.GetRequiredService<QualityCityDbContext>();
            var account = await db.Users.SingleAsync(u => u.UserName == "samr.inspector");
            var device = new System.Security.Claims.ClaimsPrincipal(new System.Security.Claims.ClaimsIdentity(
                [new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Name, "samr.inspector"),
                 new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.Role, "inspector")], "test"));
            var recorded = await work.RecordAsync(visitId, new(TestClock.Today, [new(codes[1], "problem", "第二台设备：安全出口被占用")]), device, CancellationToken.None);
            Assert.True(recorded.Succeeded, recorded.Message);
        }

        // The network returns: the queue goes out; the second item comes back as a conflict, shown, not overwritten.
        await officer.Context.SetOfflineAsync(false);
        await officer.WaitForSelectorAsync($"#offline-queue li[data-kind=entry][data-state=conflict][data-item='{codes[1]}']");
        await officer.WaitForSelectorAsync("#offline-visit[data-queued='1']");
        Assert.Contains("安全出口被占用", await officer.InnerTextAsync("#offline-queue li[data-state=conflict]"), StringComparison.Ordinal);
        Assert.True(await items.Nth(1).Locator(".conflict-note").IsVisibleAsync());
        await officer.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("inspector-conflict-phone.png"), FullPage = true });

        // Sending again changes nothing: each result, the photo and the signatures are there exactly once.
        await officer.ClickAsync("#sync-now");
        await officer.WaitForSelectorAsync("#offline-visit[data-queued='1']");
        using (var scope = fixture.Factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<QualityCityDbContext>();
            var visitKey = await db.Visits.Where(v => v.Id == visitId).Select(v => v.VisitKey).SingleAsync();
            var inspection = await db.Inspections.Include(i => i.Results).SingleAsync(i => i.VisitKey == visitKey);
            Assert.Equal(count, inspection.Results.Count);
            var first = inspection.Results.Single(r => r.ItemCode == codes[0]);
            Assert.Equal(("problem", "灭火器压力不足，需更换", 1), (first.Outcome, first.Notes, first.Version));
            var second = inspection.Results.Single(r => r.ItemCode == codes[1]);
            Assert.Equal(("problem", "第二台设备：安全出口被占用"), (second.Outcome, second.Notes));
            Assert.All(inspection.Results.Where(r => r.ItemCode != codes[0] && r.ItemCode != codes[1]), r => Assert.Equal("pass", r.Outcome));
            Assert.Equal(1, await db.Attachments.CountAsync(a => a.VisitId == visitId && a.Purpose == "photo" && a.ItemCode == codes[0]));
            var signatures = await db.InspectionSignatures.Where(s => s.VisitId == visitId).OrderBy(s => s.Role).ToListAsync();
            Assert.Equal(["enterprise", "officer"], signatures.Select(s => s.Role));
            Assert.Equal("李明", signatures[0].SignerName);
            Assert.Equal(1, await db.RectificationTasks.CountAsync(t => t.InspectionId == inspection.Id && t.ItemCode == codes[0]));
        }

        // The officer takes the platform's value: the conflict leaves the queue and the form shows it.
        await officer.ClickAsync("#offline-queue li[data-state=conflict] [data-action=take-theirs]");
        await officer.WaitForSelectorAsync("#offline-visit[data-queued='0']");
        Assert.Equal("第二台设备：安全出口被占用", await items.Nth(1).Locator("textarea").InputValueAsync());
    }

    [SkippableFact]
    public async Task A_valid_code_shows_what_may_be_inspected_and_a_forged_one_warns()
    {
        var (_, code, _) = await PreparedVisitAsync(2050);
        var page = await fixture.NewPageAsync(phone: true);
        await page.GotoAsync($"/v/{code}");
        Assert.Equal("valid", await page.GetAttributeAsync("#verdict", "data-verdict"));
        Assert.True(Base64Url.TryDecode(code.Split('.')[0], out var signed));
        using var claims = System.Text.Json.JsonDocument.Parse(signed);
        var main = await page.InnerTextAsync("main");
        Assert.Contains(claims.RootElement.GetProperty("k").GetString()!, main, StringComparison.Ordinal);
        Assert.Contains("执法证号", main, StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("visit-code-valid-phone.png"), FullPage = true });

        var parts = code.Split('.');
        Assert.True(Base64Url.TryDecode(parts[0], out var payload));
        payload[14] ^= 0x01;
        await page.GotoAsync($"/v/{Base64Url.Encode(payload)}.{parts[1]}");
        Assert.Equal("forged", await page.GetAttributeAsync("#verdict", "data-verdict"));
        Assert.Contains("12345", await page.InnerTextAsync("#verdict"), StringComparison.Ordinal);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("visit-code-forged-phone.png"), FullPage = true });
    }

    [SkippableFact]
    public async Task On_a_phone_a_refused_problem_keeps_every_entry_and_names_its_item_and_the_note_then_records_it()
    {
        var (visitId, _, _) = await PreparedVisitAsync(2057);
        var officer = await fixture.SignInAsync("samr.inspector", phone: true);
        await officer.GotoAsync($"/inspector/visits/{visitId}");
        var items = officer.Locator("fieldset.item");
        var count = await items.CountAsync();
        Assert.True(count >= 3, "the visit has at least three items");
        var problem = count - 1;
        for (var i = 0; i < problem; i++)
        {
            await items.Nth(i).Locator(i % 2 == 0 ? "input[value=pass]" : "input[value=not-applicable]").CheckAsync();
            await items.Nth(i).Locator("textarea").FillAsync($"第{i + 1}项已核查");
        }

        await items.Nth(problem).Locator("input[value=problem]").CheckAsync();
        await officer.ClickAsync("#save-results");
        await officer.WaitForSelectorAsync("#desk-error");

        // Every other entry is still there; the reason is on the problem's card, naming the item.
        for (var i = 0; i < problem; i++)
        {
            Assert.True(await items.Nth(i).Locator(i % 2 == 0 ? "input[value=pass]" : "input[value=not-applicable]").IsCheckedAsync());
            Assert.Equal($"第{i + 1}项已核查", await items.Nth(i).Locator("textarea").InputValueAsync());
            Assert.Equal(0, await items.Nth(i).Locator(".item-error").CountAsync());
        }

        Assert.True(await items.Nth(problem).Locator("input[value=problem]").IsCheckedAsync());
        var name = await ItemNameAsync(items.Nth(problem));
        Assert.Equal($"“{name}”：发现问题时须写明问题描述", await items.Nth(problem).Locator(".item-error").InnerTextAsync());
        Assert.Contains(name, await officer.InnerTextAsync("#desk-error"), StringComparison.Ordinal);
        await AssertNoHorizontalOverflowAsync(officer);
        await items.Nth(problem).ScrollIntoViewIfNeededAsync();
        await officer.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("inspector-refused-item-phone.png") });

        await items.Nth(problem).Locator("textarea").FillAsync("灭火器过期未更换");
        await officer.ClickAsync("#save-results");
        await officer.WaitForSelectorAsync("#desk-message");
        Assert.Equal(0, await officer.Locator(".item-error").CountAsync());
        Assert.Equal(1, await officer.Locator("section.task").CountAsync());
        Assert.Equal("灭火器过期未更换", await items.Nth(problem).Locator("textarea").InputValueAsync());
    }

    [SkippableFact]
    public async Task A_draft_survives_a_reload_and_goes_once_recorded_and_nothing_chosen_is_said_in_words()
    {
        var (visitId, _, _) = await PreparedVisitAsync(2058);
        var officer = await fixture.SignInAsync("samr.inspector", phone: true);
        await officer.GotoAsync($"/inspector/visits/{visitId}");

        // Nothing chosen: a message in words, no field name, no token, within the screen.
        await officer.ClickAsync("#save-results");
        var error = await officer.InnerTextAsync("#desk-error");
        Assert.Equal("请至少为一个事项选择结果：符合、发现问题或不适用", error);
        Assert.DoesNotContain("Date", error, StringComparison.Ordinal);
        Assert.DoesNotContain("__RequestVerificationToken", error, StringComparison.Ordinal);
        await AssertNoHorizontalOverflowAsync(officer);

        // Back on the page itself (the refused submission's address would send the form again on a reload).
        await officer.GotoAsync($"/inspector/visits/{visitId}");
        var items = officer.Locator("fieldset.item");
        await items.Nth(0).Locator("input[value=problem]").CheckAsync();
        await items.Nth(1).Locator("textarea").FillAsync("仓库另行检查");
        await items.Nth(0).Locator(".draft-status:has-text('草稿已暂存')").WaitForAsync();
        await items.Nth(1).Locator(".draft-status:has-text('草稿已暂存')").WaitForAsync();

        await officer.ReloadAsync();
        Assert.True(await items.Nth(0).Locator("input[value=problem]").IsCheckedAsync());
        Assert.Equal("仓库另行检查", await items.Nth(1).Locator("textarea").InputValueAsync());
        Assert.Equal("草稿：尚未保存为检查结果", await items.Nth(0).Locator(".draft-status").InnerTextAsync());
        await officer.ScreenshotAsync(new PageScreenshotOptions { Path = Shot("inspector-draft-phone.png") });

        await items.Nth(0).Locator("textarea").FillAsync("消防通道堵塞");
        await items.Nth(1).Locator("input[value=pass]").CheckAsync();
        for (var i = 2; i < await items.CountAsync(); i++)
        {
            await items.Nth(i).Locator("input[value=pass]").CheckAsync();
        }

        await officer.ClickAsync("#save-results");
        await officer.WaitForSelectorAsync("#desk-message");
        await officer.GotoAsync($"/inspector/visits/{visitId}");
        Assert.Equal(0, await officer.Locator(".draft-status:has-text('草稿')").CountAsync());
        Assert.Equal("消防通道堵塞", await items.Nth(0).Locator("textarea").InputValueAsync());
        using var scope = fixture.Factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<QualityCityDbContext>();
        Assert.False(await db.ResultDrafts.AnyAsync(d => d.VisitId == visitId));
    }

    /// <summary>The checklist item's title as its card shows it (the legend without the item code).</summary>
    private static async Task<string> ItemNameAsync(ILocator card)
    {
        var legend = await card.Locator("legend").InnerTextAsync();
        var code = await card.Locator("legend .mono").InnerTextAsync();
        return legend[code.Length..].Trim();
    }

    private static async Task AssertNoHorizontalOverflowAsync(IPage page)
    {
        var (scroll, width) = (await page.EvaluateAsync<int>("document.documentElement.scrollWidth"), await page.EvaluateAsync<int>("window.innerWidth"));
        Assert.True(scroll <= width, $"the page is {scroll}px wide on a {width}px screen");
    }
}
