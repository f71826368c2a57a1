using System.Globalization;
using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using QualityCity.Web.Modules.ReferenceData.Contracts;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.Development;

/// <summary>
/// Enterprise development over HTTP (DEV-1…DEV-4): who sees what — an enterprise only its own class,
/// tier, commissioner and problems, a commissioner only the enterprises they serve — problems handed
/// on with a working-day deadline and escalated when overdue, the efficiency upload page's row report,
/// the ranked report and its Excel, the city's formula per year, and the chain lists.
/// </summary>
public abstract partial class DevelopmentPagesTests(QualityCityFactory factory) : PlatformTest(factory)
{
    private async Task<string> CreditCodeOfAsync(string userName)
    {
        await using var scope = OpenDb();
        return await scope.Db.Users.AsNoTracking().Where(u => u.UserName == userName).Select(u => u.CreditCode!).SingleAsync();
    }

    private static Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, string handler, IReadOnlyDictionary<string, string> fields) =>
        PageForms.PostAsync(client, page, page, handler, fields);

    private static Task<HttpResponseMessage> PostFormAsync(HttpClient client, string page, string target, string handler, IReadOnlyDictionary<string, string> fields) =>
        PageForms.PostAsync(client, page, target, handler, fields);

    [SkippableFact]
    public async Task An_enterprise_sees_only_its_own_class_tier_commissioner_and_problems()
    {
        SkipIfUnavailable();
        var own = await CreditCodeOfAsync("enterprise");
        var other = await CreditCodeOfAsync("enterprise2");
        string commissioner;
        await using (var scope = OpenDb())
        {
            commissioner = await scope.Db.CommissionedEnterprises.Where(c => c.CreditCode == own)
                .Join(scope.Db.Commissioners, c => c.CommissionerId, m => m.Id, (c, m) => m.Name).SingleAsync();
        }

        var enterprise = await Factory.SignedInClientAsync("enterprise");
        var page = await enterprise.GetStringAsync("/development/enterprise");
        Assert.Contains($"id=\"development-code\">{own}<", page, StringComparison.Ordinal);
        Assert.Contains(commissioner, page, StringComparison.Ordinal);
        Assert.Matches("id=\"development-class\">[A-D]<", page);
        Assert.Contains("id=\"development-tier-computed\"", page, StringComparison.Ordinal);
        // The commissioner's visit notes are the bureau's, not the enterprise's.
        Assert.DoesNotContain("id=\"development-visits\"", page, StringComparison.Ordinal);

        // Another enterprise's page, and any change to it, is 404; the bureau's pages are closed.
        Assert.Equal(HttpStatusCode.NotFound, (await enterprise.GetAsync($"/development/enterprise/{other}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostFormAsync(enterprise, "/development/enterprise", $"/development/enterprise/{other}", "Raise",
            new Dictionary<string, string> { ["title"] = "别家的问题" })).StatusCode);
        foreach (var closed in new[] { "/development/efficiency", "/development/tiers", "/development/chains", "/development/commissioners", "/development/my-enterprises" })
        {
            var response = await enterprise.GetAsync(closed);
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Found, $"{closed}: {response.StatusCode}");
        }

        // It raises a problem; one without a title is refused naming the field, and nothing is lost.
        var title = "电力增容审批进度 " + Guid.NewGuid().ToString("N")[..6];
        var raised = await PostFormAsync(enterprise, "/development/enterprise", "Raise", new Dictionary<string, string> { ["title"] = title, ["detail"] = "新厂房需要增容 800 kVA" });
        Assert.Equal(HttpStatusCode.OK, raised.StatusCode);
        Assert.Contains(title, await raised.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var refused = await PostFormAsync(enterprise, "/development/enterprise", "Raise", new Dictionary<string, string> { ["title"] = " ", ["detail"] = "无标题" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var refusal = await refused.Content.ReadAsStringAsync();
        Assert.Contains("问题标题必填", refusal, StringComparison.Ordinal);
        Assert.Contains(title, refusal, StringComparison.Ordinal);

        // Handing a problem on is the commissioner's, not the enterprise's.
        long id;
        await using (var scope = OpenDb())
        {
            var problem = await scope.Db.EnterpriseProblems.SingleAsync(p => p.Title == title);
            Assert.Equal((own, "open", "enterprise"), (problem.CreditCode, problem.Status, problem.RaisedBy));
            id = problem.Id;
        }

        var assign = await PostFormAsync(enterprise, "/development/enterprise", "Assign", new Dictionary<string, string>
            { ["problem"] = id.ToString(CultureInfo.InvariantCulture), ["department"] = "industry" });
        Assert.Equal(HttpStatusCode.Forbidden, assign.StatusCode);
    }

    [SkippableFact]
    public async Task A_commissioner_sees_only_the_enterprises_they_serve_and_hands_problems_on_with_a_working_day_deadline()
    {
        SkipIfUnavailable();
        var served = await CreditCodeOfAsync("enterprise");
        var other = await CreditCodeOfAsync("enterprise2");
        List<string> theirs;
        await using (var scope = OpenDb())
        {
            theirs = await scope.Db.Commissioners.Where(m => m.UserName == "samr.inspector")
                .Join(scope.Db.CommissionedEnterprises, m => m.Id, c => c.CommissionerId, (m, c) => c.CreditCode).ToListAsync();
        }

        Assert.Contains(served, theirs);
        Assert.DoesNotContain(other, theirs);
        var inspector = await Factory.SignedInClientAsync("samr.inspector");
        var list = await inspector.GetStringAsync("/development/my-enterprises");
        var listed = ListedCode().Matches(list).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal(theirs.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));

        // Their enterprise with the visits; another's is 404, to read and to change; the bureau's lists are closed.
        Assert.Contains("id=\"development-visits\"", await inspector.GetStringAsync($"/development/enterprise/{served}"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await inspector.GetAsync($"/development/enterprise/{other}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await PostFormAsync(inspector, $"/development/enterprise/{served}", $"/development/enterprise/{other}", "Visit",
            new Dictionary<string, string> { ["visitedOn"] = Iso(TestClock.Today), ["kind"] = "visit", ["notes"] = "别家" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await inspector.GetAsync("/development/efficiency")).StatusCode);
        // A department head who serves no enterprise sees none; the coordinator sees any.
        var head = await Factory.SignedInClientAsync("samr.head");
        Assert.Equal(HttpStatusCode.NotFound, (await head.GetAsync($"/development/enterprise/{served}")).StatusCode);
        Assert.Contains("id=\"my-enterprises-none\"", await head.GetStringAsync("/development/my-enterprises"), StringComparison.Ordinal);
        var coordinator = await Factory.SignedInClientAsync("coordinator");
        Assert.Equal(HttpStatusCode.OK, (await coordinator.GetAsync($"/development/enterprise/{other}")).StatusCode);

        // A visit is logged; a future day is refused naming the field.
        var page = $"/development/enterprise/{served}";
        var notes = "走访了解订单和用工 " + Guid.NewGuid().ToString("N")[..6];
        Assert.Equal(HttpStatusCode.OK, (await PostFormAsync(inspector, page, "Visit", new Dictionary<string, string>
            { ["visitedOn"] = Iso(TestClock.Today), ["kind"] = "visit", ["notes"] = notes })).StatusCode);
        var future = await PostFormAsync(inspector, page, "Visit", new Dictionary<string, string>
            { ["visitedOn"] = Iso(TestClock.Today.AddDays(3)), ["kind"] = "visit", ["notes"] = "明天" });
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Contains("不晚于今天", await future.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A problem is handed to a department: due 10 working days from today on the stored calendar.
        long id;
        await using (var scope = OpenDb())
        {
            var problem = new QualityCity.Web.Modules.Development.Commissioners.EnterpriseProblem
            {
                CreditCode = served, Title = "用工招聘 " + Guid.NewGuid().ToString("N")[..6], Detail = "缺数控技工 20 名", RaisedBy = "enterprise",
                RaisedAtUtc = TestClock.Now.UtcDateTime, Status = "open", UpdatedAtUtc = TestClock.Now.UtcDateTime,
            };
            scope.Db.EnterpriseProblems.Add(problem);
            await scope.Db.SaveChangesAsync();
            id = problem.Id;
        }

        var missing = await PostFormAsync(inspector, page, "Assign", new Dictionary<string, string> { ["problem"] = id.ToString(CultureInfo.InvariantCulture), ["department"] = "nowhere" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("请选择承办部门", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await PostFormAsync(inspector, page, "Assign", new Dictionary<string, string>
            { ["problem"] = id.ToString(CultureInfo.InvariantCulture), ["department"] = "industry" })).StatusCode);
        await using (var scope = OpenDb())
        {
            var calendar = await WorkingCalendar.LoadAsync(scope.Db);
            var problem = await scope.Db.EnterpriseProblems.AsNoTracking().SingleAsync(p => p.Id == id);
            Assert.Equal(("assigned", "industry", calendar.AddWorkingDays(TestClock.Today, 10).Date), (problem.Status, problem.OwnerDepartment, problem.DueOn!.Value));

            // Past its deadline and not solved: escalated on the bureau's overview and on the enterprise's page.
            await scope.Db.EnterpriseProblems.Where(p => p.Id == id).ExecuteUpdateAsync(s => s.SetProperty(p => p.DueOn, TestClock.Today.AddDays(-1)));
        }

        Assert.Contains($"data-problem=\"{id}\"", await coordinator.GetStringAsync("/development/commissioners"), StringComparison.Ordinal);
        var enterprise = await Factory.SignedInClientAsync("enterprise");
        Assert.Matches($"data-problem=\"{id}\" data-status=\"assigned\" class=\"overdue\"", await enterprise.GetStringAsync("/development/enterprise"));

        // Solved: no longer escalated.
        Assert.Equal(HttpStatusCode.OK, (await PostFormAsync(inspector, page, "Solve", new Dictionary<string, string>
            { ["problem"] = id.ToString(CultureInfo.InvariantCulture), ["resolution"] = "人社局组织专场招聘会" })).StatusCode);
        Assert.DoesNotContain($"data-problem=\"{id}\"", await coordinator.GetStringAsync("/development/commissioners"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_upload_page_reports_bad_efficiency_rows_with_row_column_and_reason_and_keeps_the_good_ones()
    {
        SkipIfUnavailable();
        List<string> codes;
        await using (var scope = OpenDb())
        {
            codes = await scope.Db.MarketEntities.AsNoTracking().OrderByDescending(e => e.Id).Select(e => e.CreditCode).Take(2).ToListAsync();
        }

        // After the import test's years (1990–2009) and before the demo city's (2020 on).
        var year = 2010 + Random.Shared.Next(0, 10);
        var csv = "credit_code,year,land_mu,revenue,tax,value_added,energy_tce,emissions_t,employees,rd_spend,above_scale\n" +
            $"{codes[0]},{year},30,9000,300,1800,700,1.2,90,200,是\n" +
            $"{codes[1]},{year},-4,9000,300,1800,700,1.2,90,200,是\n" +
            $"{codes[1]},{year},12,5000,150,900,300,0.4,40,100,也许\n" +
            $"{codes[1]},{year},12,5000,150,900,300,0.4,40,100,否\n";
        var coordinator = await Factory.SignedInClientAsync("coordinator");
        var form = await coordinator.GetStringAsync("/development/efficiency/import");
        using var content = new MultipartFormDataContent
        {
            { new StringContent(PageForms.TokenOf(form)), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "亩均.csv" },
        };
        var page = await (await coordinator.PostAsync("/development/efficiency/import", content)).Content.ReadAsStringAsync();
        Assert.Contains("id=\"import-inserted\">2<", page, StringComparison.Ordinal);
        Assert.Contains("id=\"import-rejected\">2<", page, StringComparison.Ordinal);
        var issues = IssueRow().Matches(page).Select(m => (m.Groups[1].Value, m.Groups[2].Value)).ToList();
        Assert.Contains(("3", "land_mu"), issues);
        Assert.Contains(("4", "above_scale"), issues);
        var report = ReportLink().Match(page).Groups[1].Value;
        var lines = (await coordinator.GetStringAsync("/development/efficiency/import?handler=Report&id=" + report)).Split('\n');
        Assert.Contains(lines, l => l.StartsWith("3,land_mu,-4,", StringComparison.Ordinal));

        await using (var scope = OpenDb())
        {
            var stored = await scope.Db.EfficiencyFigures.AsNoTracking().Where(f => f.Year == year).OrderBy(f => f.CreditCode).ToListAsync();
            Assert.Equal(2, stored.Count);
            Assert.Equal(30m, stored.Single(f => f.CreditCode == codes[0]).LandMu);
            Assert.False(stored.Single(f => f.CreditCode == codes[1]).AboveScale);
        }

        // Not a table: refused with the field named, nothing written.
        form = await coordinator.GetStringAsync("/development/efficiency/import");
        using var wrong = new MultipartFormDataContent
        {
            { new StringContent(PageForms.TokenOf(form)), "__RequestVerificationToken" },
            { new ByteArrayContent(Encoding.UTF8.GetBytes("x")), "file", "亩均.txt" },
        };
        var refused = await coordinator.PostAsync("/development/efficiency/import", wrong);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("id=\"import-error\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_ranked_report_filters_by_class_exports_excel_and_a_year_without_a_formula_says_so()
    {
        SkipIfUnavailable();
        var head = await Factory.SignedInClientAsync("samr.head");
        var page = await head.GetStringAsync("/development/efficiency");
        var classes = RowClass().Matches(page).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(classes);
        Assert.Contains("A", classes);
        var improvement = await head.GetStringAsync("/development/efficiency?class=D");
        var d = RowClass().Matches(improvement).Select(m => m.Groups[1].Value).ToList();
        Assert.NotEmpty(d);
        Assert.All(d, c => Assert.Equal("D", c));

        var excel = await head.GetAsync("/development/efficiency?handler=Excel&class=D");
        Assert.Equal(HttpStatusCode.OK, excel.StatusCode);
        var rows = (await excel.Content.ReadAsStreamAsync()).Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(d.Count, rows.Count);
        Assert.All(rows, r => Assert.Equal("D", r["类别 class"]));

        // Bad filters are 400 naming the field.
        var bad = await head.GetAsync("/development/efficiency?year=1850");
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("year", await bad.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await head.GetAsync("/development/efficiency?county=" + new string('1', 30))).StatusCode);
    }

    [SkippableFact]
    public async Task The_administrator_picks_or_uploads_a_formula_and_one_that_cannot_be_computed_is_refused_naming_the_key()
    {
        SkipIfUnavailable();
        // Years after the demo's, so the report of the latest demo year keeps its formula.
        var year = 2040 + Random.Shared.Next(0, 50);
        var admin = await Factory.SignedInClientAsync("admin");
        var page = "/development/efficiency/formulas";
        Assert.Equal(HttpStatusCode.OK, (await PostFormAsync(admin, page, "Pick", new Dictionary<string, string>
            { ["year"] = year.ToString(CultureInfo.InvariantCulture), ["formula"] = "huaian-2024" })).StatusCode);
        var notComputable = await PostFormAsync(admin, page, "Pick", new Dictionary<string, string>
            { ["year"] = year.ToString(CultureInfo.InvariantCulture), ["formula"] = "shandong-2019" });
        Assert.Equal(HttpStatusCode.BadRequest, notComputable.StatusCode);

        async Task<HttpResponseMessage> UploadAsync(string json)
        {
            var form = await admin.GetStringAsync(page);
            using var content = new MultipartFormDataContent
            {
                { new StringContent(PageForms.TokenOf(form)), "__RequestVerificationToken" },
                { new StringContent(year.ToString(CultureInfo.InvariantCulture)), "year" },
                { new ByteArrayContent(Encoding.UTF8.GetBytes(json)), "file", "city.json" },
            };
            return await admin.PostAsync(page + "?handler=Upload", content);
        }

        var incomplete = await UploadAsync("""{"id":"city-x","scope":{"above_scale":{"min_land_mu":0}},"scoring":{"method":"ratio_to_benchmark"},"indicators":[]}""");
        Assert.Equal(HttpStatusCode.BadRequest, incomplete.StatusCode);
        Assert.Contains("indicators", await incomplete.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using (var scope = OpenDb())
        {
            Assert.Equal("huaian-2024", (await scope.Db.EfficiencyFormulaChoices.AsNoTracking().SingleAsync(c => c.Year == year)).FormulaId);
        }

        var city = """
            {"id":"liaocheng-test","name":"测试办法","scope":{"above_scale":{"min_land_mu":0},"below_scale":null},
             "scoring":{"method":"ratio_to_benchmark","min_score":0},
             "indicators":[{"id":"tax_per_mu","numerator":"tax","denominator":"land_mu","weight":100,"benchmark":{"type":"fixed","value":10},"on_zero_denominator":"zero"}],
             "classes":[{"class":"A","top_percent":30},{"class":"B","top_percent":100}]}
            """;
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(city)).StatusCode);
        await using (var scope = OpenDb())
        {
            var choice = await scope.Db.EfficiencyFormulaChoices.AsNoTracking().SingleAsync(c => c.Year == year);
            Assert.Equal(("liaocheng-test", true, "admin"), (choice.FormulaId, choice.Uploaded, choice.ChosenBy));
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await (await Factory.SignedInClientAsync("coordinator")).GetAsync(page)).StatusCode);
    }

    [SkippableFact]
    public async Task A_chain_map_lists_its_links_gaps_and_projects_and_exports_every_list()
    {
        SkipIfUnavailable();
        var head = await Factory.SignedInClientAsync("samr.head");
        var list = await head.GetStringAsync("/development/chains");
        Assert.Equal(14, ChainRow().Count(list));
        var page = await head.GetStringAsync("/development/chains/bearing");
        Assert.Contains("id=\"chart-chain-map\"", page, StringComparison.Ordinal);
        await using var scope = OpenDb();
        var links = await scope.Db.IndustryChainLinks.AsNoTracking().Where(l => l.ChainCode == "bearing").CountAsync();
        Assert.Equal(links, LinkRow().Count(page));
        var gaps = int.Parse(GapCount().Match(page).Groups[1].Value, CultureInfo.InvariantCulture);

        var excel = await head.GetAsync("/development/chains/bearing?handler=Excel");
        Assert.Equal(HttpStatusCode.OK, excel.StatusCode);
        var stream = new MemoryStream(await excel.Content.ReadAsByteArrayAsync());
        Assert.Equal(["环节 links", "重点企业 key firms", "项目 projects", "招商缺口 gaps", "问题 problems"], stream.GetSheetNames());
        Assert.Equal(gaps, stream.Query(useHeaderRow: true, sheetName: "招商缺口 gaps").Count());
        Assert.Equal(HttpStatusCode.NotFound, (await head.GetAsync("/development/chains/no-such-chain")).StatusCode);
    }

    [SkippableFact]
    public async Task Tier_data_imported_by_the_command_line_gives_the_computed_tier_beside_the_recorded_title()
    {
        SkipIfUnavailable();
        var cable = await CreditCodeOfAsync("enterprise");
        string code;
        Dictionary<string, string> values;
        await using (var scope = OpenDb())
        {
            var programme = await scope.Db.TierProfiles.AsNoTracking().Select(p => p.CreditCode).ToListAsync();
            code = await scope.Db.MarketEntities.AsNoTracking().Where(e => !programme.Contains(e.CreditCode)).OrderBy(e => e.Id).Skip(3).Select(e => e.CreditCode).FirstAsync();
            values = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(
                await scope.Db.TierProfiles.AsNoTracking().Where(p => p.CreditCode == cable).Select(p => p.ValuesJson).SingleAsync())!;
            scope.Db.TierRecognitions.Add(new QualityCity.Web.Modules.Development.Tiers.TierRecognition
            {
                CreditCode = code, Tier = "specialised", RecognisedOn = new DateOnly(2024, 3, 1), Authority = "山东省工业和信息化厅", Document = "鲁工信创〔2024〕9号",
            });
            await scope.Db.SaveChangesAsync();
        }

        // The cable firm's inputs: 创新型, short of 专精特新 on the R&D ratio. A bad number and an unknown enterprise are reported.
        var fields = values.Keys.Order(StringComparer.Ordinal).ToList();
        string Line(string credit, Func<string, string> value) => string.Join(",", [credit, .. fields.Select(value)]);
        var file = TempFile("tiers.csv");
        await File.WriteAllTextAsync(file, string.Join("\n",
            "credit_code," + string.Join(",", fields),
            Line(code, f => values[f]),
            Line(cable, f => f == "rd_ratio_y1" ? "很高" : values[f]),
            Line("91371500MA3C000000", f => values[f])) + "\n", new UTF8Encoding(true));
        var (exit, output, error) = await RunCliAsync("import", "tier-data", file, "--version", "2022");
        Assert.True(exit == 0, error + output);
        Assert.Contains("inserted=1 updated=0 rejected=2", output, StringComparison.Ordinal);
        var report = await File.ReadAllLinesAsync(file + ".errors.csv");
        Assert.Contains(report, l => l.StartsWith("3,rd_ratio_y1,很高,", StringComparison.Ordinal));
        Assert.Contains(report, l => l.StartsWith("4,credit_code,91371500MA3C000000,", StringComparison.Ordinal));
        Assert.Equal(1, (await RunCliAsync("import", "tier-data", file, "--version", "2026")).ExitCode);

        // The page: computed 创新型 with the R&D condition unmet, and the recorded 专精特新 title beside it, not replaced.
        var page = await (await Factory.SignedInClientAsync("coordinator")).GetStringAsync($"/development/enterprise/{code}");
        Assert.Contains("id=\"development-tier-computed\">创新型中小企业<", page, StringComparison.Ordinal);
        Assert.Contains("data-condition=\"rd_ratio\"", page, StringComparison.Ordinal);
        Assert.Contains("<tr data-tier=\"specialised\"><td data-label=\"称号\">专精特新中小企业</td>", page, StringComparison.Ordinal);

        // The coordinator records a title on the page; a date in the future is refused naming the field, the same title twice too.
        var coordinator = await Factory.SignedInClientAsync("coordinator");
        var target = $"/development/enterprise/{code}";
        Dictionary<string, string> Title(DateOnly day) => new()
            { ["tier"] = "little_giant", ["recognisedOn"] = Iso(day), ["validUntil"] = Iso(day.AddYears(3)), ["authority"] = "工业和信息化部", ["document"] = "工信部企业函〔2025〕7号" };
        var future = await PostFormAsync(coordinator, target, "Recognise", Title(TestClock.Today.AddDays(2)));
        Assert.Equal(HttpStatusCode.BadRequest, future.StatusCode);
        Assert.Contains("认定日期必填", await future.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var recorded = await PostFormAsync(coordinator, target, "Recognise", Title(new DateOnly(2025, 7, 1)));
        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        Assert.Contains("<tr data-tier=\"little_giant\">", await recorded.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, (await PostFormAsync(coordinator, target, "Recognise", Title(new DateOnly(2025, 7, 1)))).StatusCode);
        // Computed from the data, the tier stays 创新型: a title never replaces it.
        Assert.Contains("id=\"development-tier-computed\">创新型中小企业<", await coordinator.GetStringAsync(target), StringComparison.Ordinal);
        var enterprise = await Factory.SignedInClientAsync("enterprise");
        Assert.Equal(HttpStatusCode.Forbidden, (await PostFormAsync(enterprise, "/development/enterprise", "Recognise", Title(new DateOnly(2025, 8, 1)))).StatusCode);
    }

    [GeneratedRegex("<tr data-code=\"([0-9A-Z]{18})\">")]
    private static partial Regex ListedCode();

    [GeneratedRegex("<tr class=\"error\"><td data-label=\"[^\"]*\">(\\d+)</td><td data-label=\"[^\"]*\" translate=\"no\">([a-z_]+)</td>")]
    private static partial Regex IssueRow();

    [GeneratedRegex("handler=Report&amp;id=([0-9a-f]{32})")]
    private static partial Regex ReportLink();

    [GeneratedRegex("<tr data-code=\"[0-9A-Z]{18}\" data-class=\"([A-Z])\">")]
    private static partial Regex RowClass();

    [GeneratedRegex("<tr data-chain=\"[a-z-]+\">")]
    private static partial Regex ChainRow();

    [GeneratedRegex("<tr data-link=\"[^\"]+\" class=")]
    private static partial Regex LinkRow();

    [GeneratedRegex("id=\"chain-gap-count\">(\\d+)<")]
    private static partial Regex GapCount();
}

public sealed class SqliteDevelopmentPagesTests(SqliteFactory factory) : DevelopmentPagesTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresDevelopmentPagesTests(PostgresFactory factory) : DevelopmentPagesTests(factory), IClassFixture<PostgresFactory>;
