using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Modules.Registry.Contracts;
using QualityCity.Web.Tests.Infrastructure;
using Sylvan.Data.Csv;

namespace QualityCity.Web.Tests.Quality;

/// <summary>
/// Product quality over HTTP on the demo city (SPEC §4): the map against a recomputation from the
/// exported raw records, the 2021 阳谷 alert, a failed sample raising its producer's grade, the
/// workflow's deadlines across holidays, the six-month rule, the lab import's row report, and who
/// may do what.
/// </summary>
public abstract class QualityTests(QualityCityFactory factory) : PlatformTest(factory)
{
    private static readonly string[] Industries = ["cable", "bearing", "ferrous", "green-chem"];
    private const string Authority = "聊城市市场监督管理局";

    private static Dictionary<(string Category, string Item, string County, int Year), (int Tested, int Failed)> Cells(JsonElement map) =>
        map.EnumerateArray().ToDictionary(
            c => (c.GetProperty("productCategory").GetString()!, c.GetProperty("testItem").GetString()!, c.GetProperty("county").GetString()!, c.GetProperty("year").GetInt32()),
            c => (c.GetProperty("tested").GetInt32(), c.GetProperty("failed").GetInt32()));

    /// <summary>Groups exported rows by (industry) → (category, item, county, year) and counts rows and failures.</summary>
    private static Dictionary<string, Dictionary<(string, string, string, int), (int Tested, int Failed)>> Recompute(string csv)
    {
        using var reader = CsvDataReader.Create(new StringReader(csv.TrimStart('\uFEFF')));
        var result = new Dictionary<string, Dictionary<(string, string, string, int), (int, int)>>(StringComparer.Ordinal);
        while (reader.Read())
        {
            var industry = reader.GetString(reader.GetOrdinal("industry"));
            var key = (reader.GetString(reader.GetOrdinal("product_category")), reader.GetString(reader.GetOrdinal("test_item")), reader.GetString(reader.GetOrdinal("county")),
                int.Parse(reader.GetString(reader.GetOrdinal("year")), CultureInfo.InvariantCulture));
            var failed = reader.GetString(reader.GetOrdinal("passed")) == "false" ? 1 : 0;
            var cells = result.TryGetValue(industry, out var existing) ? existing : result[industry] = [];
            var (tested, failures) = cells.GetValueOrDefault(key);
            cells[key] = (tested + 1, failures + failed);
        }

        return result;
    }

    private async Task<string> EnterpriseAsync(Func<Web.Modules.Registry.Contracts.MarketEntity, bool> where)
    {
        await using var scope = OpenDb();
        var sampled = await scope.Db.Samples.Select(s => s.ProducerCreditCode).Distinct().ToListAsync();
        var candidates = await scope.Db.MarketEntities.AsNoTracking().Where(e => e.Category == "Enterprise" && e.Status == "active" && e.RiskOverrideGrade == null)
            .OrderBy(e => e.Id).ToListAsync();
        return candidates.Where(e => !sampled.Contains(e.CreditCode)).First(where).CreditCode;
    }

    private static object Sample(string sampleNo, string producer, string sampledOn, bool passed, string category = "pvc-wire", string kind = "routine",
        string authority = Authority) => new
    {
        sampleNo, level = "city", authority, kind, productCategory = category, specification = "BV 450/750V 1×2.5mm²", batch = "20260301",
        producerCreditCode = producer, sampledOn, lab = "聊城市检验检测中心", reportNo = sampleNo + "-R",
        items = new object[]
        {
            new { item = "conductor-resistance", measured = passed ? "7.30" : "8.95", limit = "≤ 7.41", unit = "Ω/km", passed },
            new { item = "insulation-thickness-avg", measured = "0.84", limit = "≥ 0.8", unit = "mm", passed = true },
        },
    };

    [SkippableFact]
    public async Task The_map_equals_a_recomputation_from_the_exported_raw_records_for_the_public_and_for_staff()
    {
        SkipIfUnavailable();
        var anonymous = Factory.AnonymousClient();
        var staff = await Factory.SignedInClientAsync("samr.head");
        // A result recorded and not yet published, which staff see on the map and the public do not: at
        // the frozen instant every result of the demo city is published, and this test may run first.
        var recorded = await staff.PostAsJsonAsync("/api/quality/samples", Sample("T-MAP-UNPUBLISHED", await EnterpriseAsync(_ => true),
            TestClock.Today.AddDays(-5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), passed: true));
        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);
        var published = Recompute(await anonymous.GetStringAsync("/open-data/sampling-results.csv"));
        var everything = Recompute(await staff.GetStringAsync("/api/quality/samples/export.csv"));
        var publicTotal = 0;
        var staffTotal = 0;
        foreach (var industry in Industries)
        {
            var publicMap = Cells(await anonymous.GetFromJsonAsync<JsonElement>($"/api/quality/map?industry={industry}"));
            Assert.Equal(published[industry].OrderBy(c => c.Key).ToList(), publicMap.OrderBy(c => c.Key).ToList());
            var staffMap = Cells(await staff.GetFromJsonAsync<JsonElement>($"/api/quality/map?industry={industry}"));
            Assert.Equal(everything[industry].OrderBy(c => c.Key).ToList(), staffMap.OrderBy(c => c.Key).ToList());
            publicTotal += publicMap.Values.Sum(c => c.Tested);
            staffTotal += staffMap.Values.Sum(c => c.Tested);

            // One year's map is that year's cells.
            var year = publicMap.Keys.Max(k => k.Year);
            Assert.Equal(publicMap.Where(c => c.Key.Year == year).OrderBy(c => c.Key).ToList(),
                Cells(await anonymous.GetFromJsonAsync<JsonElement>($"/api/quality/map?industry={industry}&year={year}")).OrderBy(c => c.Key).ToList());
        }

        Assert.True(publicTotal > 1000, $"{publicTotal} published test results in the demo city");

        // The full rebuild from the raw records gives the same cells as the maintained ones.
        var before = Cells(await staff.GetFromJsonAsync<JsonElement>("/api/quality/map?industry=cable"));
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsync("/api/quality/map/rebuild", null)).StatusCode);
        var admin = await Factory.SignedInClientAsync("admin");
        var rebuilt = await BackgroundJobs.WaitForAcceptedAsync(admin, await admin.PostAsync("/api/quality/map/rebuild", null));
        Assert.Equal(("map_rebuild", "done"), (rebuilt.GetProperty("kind").GetString(), rebuilt.GetProperty("state").GetString()));
        Assert.True(rebuilt.GetProperty("result").GetProperty("cells").GetInt32() > 0);
        Assert.Equal(before.OrderBy(c => c.Key).ToList(), Cells(await staff.GetFromJsonAsync<JsonElement>("/api/quality/map?industry=cable")).OrderBy(c => c.Key).ToList());
        Assert.True(staffTotal > publicTotal, "staff also see results not yet published");
        var unknown = await anonymous.GetAsync("/api/quality/map?industry=ships");
        Assert.Equal(HttpStatusCode.BadRequest, unknown.StatusCode);
        Assert.Contains("industry", await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The JSON open data are the same rows.
        var json = await anonymous.GetFromJsonAsync<JsonElement>("/open-data/sampling-results.json");
        Assert.Equal(published.Values.Sum(c => c.Values.Sum(v => v.Tested)), json.GetArrayLength());
        var header = (await anonymous.GetStringAsync("/open-data/sampling-results.csv")).TrimStart('\uFEFF').Split('\n')[0];
        Assert.Equal(string.Join(',', Web.Modules.Quality.SamplingResultsExport.Columns), header);
        Assert.DoesNotContain("contact", header, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("seller", header, StringComparison.OrdinalIgnoreCase);
    }

    [SkippableFact]
    public async Task An_industry_may_be_named_by_its_code_its_chain_name_or_the_class_it_makes_and_an_unknown_one_is_refused()
    {
        SkipIfUnavailable();
        var anonymous = Factory.AnonymousClient();
        var cable = await anonymous.GetStringAsync("/api/quality/map?industry=cable&year=2021");
        Assert.NotEqual("[]", cable);
        foreach (var name in new[] { "CABLE", "3831", Uri.EscapeDataString("电线电缆") })
        {
            Assert.Equal(cable, await anonymous.GetStringAsync($"/api/quality/map?industry={name}&year=2021"));
        }

        // Rolled steel (3130) feeds the bearing chain but is made in the ferrous one.
        Assert.Equal(await anonymous.GetStringAsync("/api/quality/map?industry=ferrous&year=2021"), await anonymous.GetStringAsync("/api/quality/map?industry=3130&year=2021"));
        foreach (var bad in new[] { "ships", "9999", "" })
        {
            var refused = await anonymous.GetAsync($"/api/quality/map?industry={bad}&year=2021");
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("\"industry\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        var staff = await Factory.SignedInClientAsync("coordinator");
        Assert.Equal(await staff.GetStringAsync("/api/quality/alerts?industry=cable&year=2021"), await staff.GetStringAsync("/api/quality/alerts?industry=3831&year=2021"));
        Assert.Equal(HttpStatusCode.BadRequest, (await staff.GetAsync("/api/quality/problems?industry=ships")).StatusCode);
    }

    [SkippableFact]
    public async Task The_2021_yanggu_cable_failures_raise_the_supervision_alert_with_their_evidence()
    {
        SkipIfUnavailable();
        var staff = await Factory.SignedInClientAsync("coordinator");
        var alerts = (await staff.GetFromJsonAsync<JsonElement>("/api/quality/alerts?industry=cable&year=2021")).EnumerateArray().ToList();
        var yanggu = Assert.Single(alerts, a => a.GetProperty("county").GetString() == "371521");
        Assert.Equal(11, yanggu.GetProperty("failedSamples").GetInt32());
        var evidence = yanggu.GetProperty("evidence").EnumerateArray().ToList();
        Assert.Equal(11, evidence.Count);
        Assert.Equal(2, evidence.Count(e => e.GetProperty("level").GetString() == "national"));
        Assert.Equal(2, evidence.Where(e => e.GetProperty("level").GetString() == "national").Select(e => e.GetProperty("producerCreditCode").GetString()).Distinct().Count());
        Assert.Equal(7, evidence.Where(e => e.GetProperty("level").GetString() != "national").Select(e => e.GetProperty("producerCreditCode").GetString()).Distinct().Count());
        Assert.All(evidence, e => Assert.NotEmpty(e.GetProperty("failedItems").EnumerateArray()));
        Assert.Contains("挂牌督办", await staff.GetStringAsync("/quality/problems?industry=cable&year=2021"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Factory.AnonymousClient().GetAsync("/api/quality/alerts")).StatusCode);

        // The shell companies of the cluster are flagged with their evidence.
        var flags = (await staff.GetFromJsonAsync<JsonElement>("/api/quality/flags")).EnumerateArray().ToList();
        Assert.Contains(flags, f => f.GetProperty("rule").GetString() == "origin-mismatch" && f.GetProperty("evidence").GetString()!.Contains("130528", StringComparison.Ordinal));
        Assert.True(flags.Count(f => f.GetProperty("rule").GetString() == "shared-address") >= 5);

        // A buyer checks the regional brand: a genuine firm holds its certificate, a shell company none.
        var anonymous = Factory.AnonymousClient();
        var certificate = (await anonymous.GetFromJsonAsync<JsonElement>("/api/quality/origin-certifications?brand=阳谷电缆")).EnumerateArray().First();
        var genuine = await anonymous.GetStringAsync($"/quality/origin?q={certificate.GetProperty("creditCode").GetString()}");
        Assert.Contains(certificate.GetProperty("certificateNo").GetString()!, genuine, StringComparison.Ordinal);
        Assert.DoesNotContain("no-certificate", genuine, StringComparison.Ordinal);
        var shell = flags.First(f => f.GetProperty("rule").GetString() == "origin-mismatch").GetProperty("creditCode").GetString();
        Assert.Contains("no-certificate", await anonymous.GetStringAsync($"/quality/origin?q={shell}"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_failed_sample_raises_its_producers_grade_naming_the_sample()
    {
        SkipIfUnavailable();
        var producer = await EnterpriseAsync(e => e.RiskGrade == "green");
        var samr = await Factory.SignedInClientAsync("samr.head");
        var today = TestClock.Today;
        var first = await samr.PostAsJsonAsync("/api/quality/samples", Sample("T-GRADE-1", producer, today.AddDays(-20).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), passed: false));
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        // The grade is worked out by a background job the answer links to.
        var regrade = await BackgroundJobs.WaitAsync(samr, BackgroundJobs.RegradeLocation(first)!);
        Assert.Equal(("producer_regrade", "done"), (regrade.GetProperty("kind").GetString(), regrade.GetProperty("state").GetString()));
        Assert.Equal(producer, Assert.Single(regrade.GetProperty("result").GetProperty("producers").EnumerateArray().ToList()).GetString());
        var grade = await samr.GetFromJsonAsync<JsonElement>($"/api/registry/entities/{producer}/grade");
        Assert.Equal("yellow", grade.GetProperty("grade").GetString());
        Assert.Contains("T-GRADE-1", grade.GetRawText(), StringComparison.Ordinal);

        var second = await samr.PostAsJsonAsync("/api/quality/samples",
            Sample("T-GRADE-2", producer, today.AddDays(-10).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), passed: false, category: "power-cable"));
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal("done", (await BackgroundJobs.WaitAsync(samr, BackgroundJobs.RegradeLocation(second)!)).GetProperty("state").GetString());
        grade = await samr.GetFromJsonAsync<JsonElement>($"/api/registry/entities/{producer}/grade");
        Assert.Equal("red", grade.GetProperty("grade").GetString());
        Assert.Contains("T-GRADE-2", grade.GetRawText(), StringComparison.Ordinal);

        // A passing sample of another producer changes nothing.
        var other = await EnterpriseAsync(e => e.RiskGrade == "green" && e.CreditCode != producer);
        var passing = await samr.PostAsJsonAsync("/api/quality/samples",
            Sample("T-GRADE-3", other, today.AddDays(-5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), passed: true));
        Assert.Equal(HttpStatusCode.OK, passing.StatusCode);
        Assert.Null(BackgroundJobs.RegradeLocation(passing));
        Assert.Equal("green", (await samr.GetFromJsonAsync<JsonElement>($"/api/registry/entities/{other}/grade")).GetProperty("grade").GetString());
    }

    [SkippableFact]
    public async Task The_workflow_counts_its_deadlines_across_holidays_and_refuses_a_late_objection()
    {
        SkipIfUnavailable();
        // Fixed days of the shipped holiday calendar, before either instant the suite runs at.
        var samr = await Factory.SignedInClientAsync("samr.inspector");
        var producer = await EnterpriseAsync(_ => true);
        var created = await samr.PostAsJsonAsync("/api/quality/samples", Sample("T-FLOW-1", producer, "2025-09-01", passed: false));
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        var notified = await samr.PostAsJsonAsync($"/api/quality/samples/{id}/notice", new { receivedOn = "2025-09-16" });
        Assert.Equal("2025-10-09", (await notified.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("objectionDue").GetString()); // day 15 is 1 October, in the holiday to the 8th
        var early = await samr.PostAsJsonAsync($"/api/quality/samples/{id}/publish", new { on = "2025-10-09" });
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        var late = await samr.PostAsJsonAsync($"/api/quality/samples/{id}/objection", new { filedOn = "2025-10-10", reason = "申请复检" });
        Assert.Equal(HttpStatusCode.BadRequest, late.StatusCode);
        var lateText = await late.Content.ReadAsStringAsync();
        Assert.Contains("filedOn", lateText, StringComparison.Ordinal);
        Assert.Contains("2025-10-09", lateText, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await samr.PostAsJsonAsync($"/api/quality/samples/{id}/objection", new { filedOn = "2025-10-09", reason = "对导体电阻结果有异议" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await samr.PostAsJsonAsync($"/api/quality/samples/{id}/publish", new { on = "2025-10-13" })).StatusCode);
        var retested = await samr.PostAsJsonAsync($"/api/quality/samples/{id}/retest",
            new { retestOn = "2025-10-21", items = new[] { new { item = "conductor-resistance", measured = "8.90", passed = false } } });
        Assert.Equal("final", (await retested.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
        var publishedOne = await (await samr.PostAsJsonAsync($"/api/quality/samples/{id}/publish", new { on = "2025-10-23" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("2025-12-22", publishedOne.GetProperty("correctionDue").GetString()); // day 60 is Saturday 20 December

        // Across the Spring Festival: received 14 January, day 15 is the 29th, in the holiday to 4 February.
        var other = await EnterpriseAsync(e => e.CreditCode != producer);
        var second = await samr.PostAsJsonAsync("/api/quality/samples", Sample("T-FLOW-2", other, "2025-01-02", passed: false));
        var secondId = (await second.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var notice = await (await samr.PostAsJsonAsync($"/api/quality/samples/{secondId}/notice", new { receivedOn = "2025-01-14" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("2025-02-05", notice.GetProperty("objectionDue").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await samr.PostAsJsonAsync($"/api/quality/samples/{secondId}/objection", new { filedOn = "2025-02-06", reason = "逾期异议" })).StatusCode);
        var published = await (await samr.PostAsJsonAsync($"/api/quality/samples/{secondId}/publish", new { on = "2025-02-07" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("2025-02-06", published.GetProperty("finalOn").GetString());
        Assert.Equal("2025-04-07", published.GetProperty("correctionDue").GetString()); // day 60, a Monday
        Assert.Equal("2025-04-22", published.GetProperty("reinspectionDue").GetString()); // day 75
        var announced = await (await samr.PostAsJsonAsync($"/api/quality/samples/{secondId}/announce", new { on = "2025-03-03" })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("2025-05-02", announced.GetProperty("secondReinspectionFrom").GetString()); // day 60, kept though in the May Day holiday
        Assert.Equal("2025-06-03", announced.GetProperty("secondReinspectionTo").GetString()); // day 90 is Sunday 1 June, in the Dragon Boat holiday

        // The public map now counts the published failure; the page shows the sample's deadlines.
        var map = Cells(await Factory.AnonymousClient().GetFromJsonAsync<JsonElement>("/api/quality/map?industry=cable&year=2025"));
        Assert.True(map.Sum(c => c.Value.Failed) > 0);
        Assert.Contains("2025-04-07", await samr.GetStringAsync($"/quality/samples/{secondId}"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_same_authority_may_not_resample_the_same_product_within_six_months_except_to_follow_up_or_in_an_emergency()
    {
        SkipIfUnavailable();
        var samr = await Factory.SignedInClientAsync("samr.head");
        var producer = await EnterpriseAsync(_ => true);
        var firstDay = TestClock.Today.AddMonths(-8);
        string After(int days) => Iso(firstDay.AddDays(days));
        var first = await samr.PostAsJsonAsync("/api/quality/samples", Sample("T-REP-1", producer, Iso(firstDay), passed: false));
        var firstId = (await first.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();

        var repeat = await samr.PostAsJsonAsync("/api/quality/samples", Sample("T-REP-2", producer, Iso(firstDay.AddMonths(6).AddDays(-1)), passed: true));
        Assert.Equal(HttpStatusCode.BadRequest, repeat.StatusCode);
        var reason = await repeat.Content.ReadAsStringAsync();
        Assert.Contains("sampledOn", reason, StringComparison.Ordinal);
        Assert.Contains("T-REP-1", reason, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await samr.PostAsJsonAsync("/api/quality/samples", Sample("T-REP-3", producer, After(71), passed: true, kind: "follow-up"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await samr.PostAsJsonAsync("/api/quality/samples", Sample("T-REP-4", producer, After(84), passed: true, kind: "emergency"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await samr.PostAsJsonAsync("/api/quality/samples",
            Sample("T-REP-5", producer, After(85), passed: true, authority: "山东省市场监督管理局"))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await samr.PostAsJsonAsync("/api/quality/samples", Sample("T-REP-6", producer, Iso(firstDay.AddMonths(6)), passed: true))).StatusCode);

        // A follow-up must point at a failed sample, if it points at one.
        var followUp = await samr.PostAsJsonAsync("/api/quality/samples", new
        {
            sampleNo = "T-REP-7", level = "city", authority = Authority, kind = "follow-up", productCategory = "pvc-wire", producerCreditCode = producer, sampledOn = After(113),
            followUpOf = firstId, items = new[] { new { item = "conductor-resistance", passed = true } },
        });
        Assert.Equal(HttpStatusCode.OK, followUp.StatusCode);
    }

    [SkippableFact]
    public async Task Importing_a_lab_file_reports_each_bad_row_and_keeps_the_good_ones()
    {
        SkipIfUnavailable();
        var (p1, p2, p3) = (await EnterpriseAsync(_ => true), "", "");
        await using (var scope = OpenDb())
        {
            var sampled = await scope.Db.Samples.Select(s => s.ProducerCreditCode).Distinct().ToListAsync();
            var codes = await scope.Db.MarketEntities.Where(e => e.Category == "Enterprise" && !sampled.Contains(e.CreditCode) && e.CreditCode != p1)
                .OrderByDescending(e => e.Id).Select(e => e.CreditCode).Take(2).ToListAsync();
            (p2, p3) = (codes[0], codes[1]);
        }

        var csv = new StringBuilder()
            // Headers as labs write them: the API's names, spaced words, any case.
            .AppendLine("sampleNo,Level,authority,productCategory,producer_credit_code,Sampled On,item,measured,limit,unit,PASSED")
            .AppendLine(CultureInfo.InvariantCulture, $"IMP-1,city,{Authority},pvc-wire,{p1},{DaysAgo(40)},conductor-resistance,7.30,≤ 7.41,Ω/km,合格")
            .AppendLine(CultureInfo.InvariantCulture, $"IMP-1,city,{Authority},pvc-wire,{p1},{DaysAgo(40)},insulation-thickness-avg,0.82,≥ 0.8,mm,合格")
            .AppendLine(CultureInfo.InvariantCulture, $"IMP-1,city,{Authority},pvc-wire,{p1},{DaysAgo(40)},marking,符合,合格,,合格")
            .AppendLine(CultureInfo.InvariantCulture, $"IMP-2,city,{Authority},pvc-wire,{p2},{DaysAgo(39)},conductor-resistance,8.10,≤ 7.41,Ω/km,不合格")
            .AppendLine(CultureInfo.InvariantCulture, $"IMP-2,city,{Authority},pvc-wire,{p2},{DaysAgo(39)},no-such-item,1,,,合格")
            .AppendLine(CultureInfo.InvariantCulture, $"IMP-2,city,{Authority},pvc-wire,{p2},{DaysAgo(39)},insulation-thickness-avg,0.80,≥ 0.8,mm,maybe")
            .AppendLine(CultureInfo.InvariantCulture, $"IMP-3,city,{Authority},pvc-wire,{p3},2026-13-40,conductor-resistance,7.2,≤ 7.41,Ω/km,合格")
            .AppendLine(CultureInfo.InvariantCulture, $"IMP-4,harbour,{Authority},pvc-wire,{p3},{DaysAgo(38)},conductor-resistance,7.2,≤ 7.41,Ω/km,合格")
            .AppendLine(CultureInfo.InvariantCulture, $"IMP-5,provincial,山东省市场监督管理局,power-cable,{p3},{DaysAgo(37)},hot-set,120,≤ 175,%,合格")
            .AppendLine(CultureInfo.InvariantCulture, $"IMP-5,provincial,山东省市场监督管理局,power-cable,{p2},{DaysAgo(37)},shrinkage,2,≤ 4,%,合格")
            .ToString();
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "lab.csv");
        var samr = await Factory.SignedInClientAsync("samr.head");
        var job = await BackgroundJobs.WaitForAcceptedAsync(samr, await samr.PostAsync("/api/quality/samples/import", form));
        Assert.Equal(("lab_import", "done", "samr.head"), (job.GetProperty("kind").GetString(), job.GetProperty("state").GetString(), job.GetProperty("startedBy").GetString()));
        Assert.Equal((10, 10, 5), (job.GetProperty("done").GetInt32(), job.GetProperty("total").GetInt32(), job.GetProperty("failed").GetInt32()));
        var report = job.GetProperty("result");
        Assert.Equal(3, report.GetProperty("samples").GetInt32());
        Assert.Equal(5, report.GetProperty("items").GetInt32());
        var errors = report.GetProperty("errors").EnumerateArray().Select(e => (Row: e.GetProperty("row").GetInt64(), Field: e.GetProperty("field").GetString())).ToList();
        Assert.Equal([(6L, "item"), (7L, "passed"), (8L, "sampled_on"), (9L, "level"), (11L, "producer_credit_code")], errors);

        var imported = await samr.GetFromJsonAsync<JsonElement>($"/api/quality/samples?producer={p2}");
        var two = Assert.Single(imported.EnumerateArray().ToList());
        Assert.False(two.GetProperty("passed").GetBoolean());
        Assert.Single(two.GetProperty("items").EnumerateArray().ToList());

        // A file that is not a table is refused as a whole, naming the field.
        using var bad = new MultipartFormDataContent { { new ByteArrayContent("%PDF-1.7"u8.ToArray()), "file", "lab.pdf" } };
        var refused = await samr.PostAsync("/api/quality/samples/import", bad);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("\"file\"", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_lab_imports_report_is_in_the_uploaders_language_and_names_columns_as_the_reader_knows_them()
    {
        SkipIfUnavailable();
        var producer = await EnterpriseAsync(_ => true);
        var csv = "sample_no,level,authority,product_category,producer_credit_code,sampled_on,item,passed\n"
            + $"LANG-1,city,{Authority},pvc-wire,{producer},2026-13-40,conductor-resistance,合格\n";
        async Task<JsonElement> ImportAsync(HttpClient client)
        {
            using var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "lab.csv" } };
            return await BackgroundJobs.WaitForAcceptedAsync(client, await client.PostAsync("/api/quality/samples/import", form));
        }

        var english = await Factory.SignedInClientAsync("samr.head");
        await english.GetAsync("/culture/en?returnUrl=/");
        var inEnglish = await ImportAsync(english);
        Assert.Equal("1 rows read, 0 samples with 0 test items saved, 1 rows with errors.", inEnglish.GetProperty("message").GetString());
        var englishReason = inEnglish.GetProperty("result").GetProperty("errors")[0].GetProperty("reason").GetString()!;
        Assert.DoesNotMatch("[\u4e00-\u9fff]", englishReason);

        var chinese = await Factory.SignedInClientAsync("samr.head");
        var inChinese = await ImportAsync(chinese);
        Assert.Equal("读取 1 行，保存 0 批次 0 个检验项目，1 行有错误。", inChinese.GetProperty("message").GetString());
        var page = await chinese.GetStringAsync("/quality/samples");
        Assert.Contains("<td>抽样日期</td>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<td>sampled_on</td>", page, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Manufacturers_without_production_in_the_years_data_are_flagged_with_the_evidence_and_the_import_keeps_its_good_rows()
    {
        SkipIfUnavailable();
        var latest = TestClock.Today.Year - 1;
        var staff = await Factory.SignedInClientAsync("samr.head");
        var flags = (await staff.GetFromJsonAsync<JsonElement>("/api/quality/flags?rule=no-production-records")).EnumerateArray().ToList();
        string[] producing;
        await using (var scope = OpenDb())
        {
            // The demo's shell companies are manufacturers with no record in the latest year: each is flagged, naming the year.
            var shellManufacturers = (await scope.Db.MarketEntities.AsNoTracking().Where(e => e.Address == Web.Demo.DemoSampling.ShellAddress)
                .Select(e => new { e.CreditCode, e.IndustryCode }).ToListAsync()).Where(e => Domain.Quality.ShellCompanyRules.IsManufacturing(e.IndustryCode)).ToList();
            Assert.NotEmpty(shellManufacturers);
            foreach (var shell in shellManufacturers)
            {
                var flag = Assert.Single(flags, f => f.GetProperty("creditCode").GetString() == shell.CreditCode);
                Assert.Contains($"{latest} 年度生产经营数据", flag.GetProperty("evidence").GetString(), StringComparison.Ordinal);
            }

            // Every flag is a manufacturer without a producing record that existed for the whole year; they are few.
            var manufacturers = (await scope.Db.MarketEntities.AsNoTracking().Where(e => e.Status == "active")
                .Select(e => new { e.CreditCode, e.IndustryCode, e.EstablishedOn }).ToListAsync()).Where(e => Domain.Quality.ShellCompanyRules.IsManufacturing(e.IndustryCode)).ToList();
            var records = await scope.Db.ProductionRecords.AsNoTracking().Where(r => r.Year == latest).ToDictionaryAsync(r => r.CreditCode);
            var expected = manufacturers.Where(m => (m.EstablishedOn is null || m.EstablishedOn < new DateOnly(latest, 1, 1))
                                                     && (!records.TryGetValue(m.CreditCode, out var r) || (r.OutputValue is 0 && (r.Electricity ?? 0) == 0)))
                .Select(m => m.CreditCode).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(expected, flags.Select(f => f.GetProperty("creditCode").GetString()!).Order(StringComparer.Ordinal).ToList());
            Assert.True(flags.Count * 50 < manufacturers.Count, $"{flags.Count} of {manufacturers.Count} manufacturers flagged");
            producing = records.Values.Where(r => r.OutputValue > 0).OrderBy(r => r.Id).Select(r => r.CreditCode).Take(3).ToArray();
        }

        // The statistics bureau corrects a return: one firm made nothing last year. Bad rows are reported one by one; the good ones are kept.
        var (m1, m2, m3) = (producing[0], producing[1], producing[2]);
        var csv = new StringBuilder()
            .AppendLine("统一社会信用代码,年度,工业总产值（万元）,用电量（千瓦时）,实缴税金（万元）,用地面积（亩）")
            .AppendLine(CultureInfo.InvariantCulture, $"{m1},2015,1200.5,480000,36.2,12")
            .AppendLine(CultureInfo.InvariantCulture, $"{m2},{latest},0,0,0,8")
            .AppendLine(CultureInfo.InvariantCulture, $"{m3},2016,\"1,234.5\",,,")
            .AppendLine("91371521MA00000000,2016,10,,,")
            .AppendLine(CultureInfo.InvariantCulture, $"{m3},20x6,10,,,")
            .AppendLine(CultureInfo.InvariantCulture, $"{m3},2017,-5,,,")
            .AppendLine(CultureInfo.InvariantCulture, $"{m1},2015,99,,,")
            .AppendLine(CultureInfo.InvariantCulture, $"{m3},2018,,,,")
            .AppendLine("913715,2018,5,,,")
            .ToString();
        var admin = await Factory.SignedInClientAsync("admin");
        using (var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "production.csv" }, { new StringContent("市统计局年报"), "source" } })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await staff.PostAsync("/api/registry/production-records/import", form)).StatusCode);
        }

        using (var form = new MultipartFormDataContent { { new ByteArrayContent(Encoding.UTF8.GetBytes(csv)), "file", "production.csv" }, { new StringContent("市统计局年报"), "source" } })
        {
            var response = await admin.PostAsync("/api/registry/production-records/import", form);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var report = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal((2, 1, 9), (report.GetProperty("inserted").GetInt32(), report.GetProperty("updated").GetInt32(), report.GetProperty("rowsRead").GetInt32()));
            var errors = report.GetProperty("errors").EnumerateArray().Select(e => (Row: e.GetProperty("row").GetInt64(), Field: e.GetProperty("field").GetString())).ToList();
            Assert.Equal([(5L, "credit_code"), (6L, "year"), (7L, "output_value"), (8L, "year"), (9L, "output_value|electricity_kwh|tax|land_mu"), (10L, "credit_code")], errors);
        }

        await using (var scope = OpenDb())
        {
            var audit = await scope.Db.AuditEntries.AsNoTracking().Where(e => e.Action == "registry.production-import").Select(e => e.After).ToListAsync();
            Assert.Contains(audit, a => a.Contains($"{m2}/{latest}", StringComparison.Ordinal) && a.Contains($"{m3}/2016", StringComparison.Ordinal));
        }

        var m3Records = await staff.GetFromJsonAsync<JsonElement>($"/api/registry/entities/{m3}/production-records");
        var imported = m3Records.EnumerateArray().Single(r => r.GetProperty("year").GetInt32() == 2016);
        Assert.Equal(1234.5m, imported.GetProperty("outputValue").GetDecimal());
        Assert.Equal("市统计局年报", imported.GetProperty("source").GetString());
        var years = await staff.GetFromJsonAsync<JsonElement>("/api/registry/production-records/years");
        Assert.Contains(years.EnumerateArray(), y => y.GetProperty("year").GetInt32() == latest && y.GetProperty("sources").EnumerateArray().Any(s => s.GetString() == "市统计局年报"));
        var page = await admin.GetStringAsync("/registry/production");
        Assert.Contains("production-years", page, StringComparison.Ordinal);
        Assert.Contains("import-production", page, StringComparison.Ordinal);
        Assert.DoesNotContain("import-production", await staff.GetStringAsync("/registry/production"), StringComparison.Ordinal);

        // The next scan flags the firm that made nothing, and not the others.
        var scan = await BackgroundJobs.WaitForAcceptedAsync(staff, await staff.PostAsync("/api/quality/flags/scan", null));
        Assert.Equal(("flag_scan", "done", 1), (scan.GetProperty("kind").GetString(), scan.GetProperty("state").GetString(), scan.GetProperty("result").GetProperty("added").GetInt32()));
        var after = (await staff.GetFromJsonAsync<JsonElement>("/api/quality/flags?rule=no-production-records")).EnumerateArray().ToList();
        Assert.Contains("均为 0", Assert.Single(after, f => f.GetProperty("creditCode").GetString() == m2).GetProperty("evidence").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(after, f => f.GetProperty("creditCode").GetString() == m1 || f.GetProperty("creditCode").GetString() == m3);
        Assert.Equal(flags.Count + 1, after.Count);

        // An enterprise reads its own production records, not another's; the public none.
        var enterprise = await Factory.SignedInClientAsync("enterprise");
        Assert.Equal(HttpStatusCode.Forbidden, (await enterprise.GetAsync($"/api/registry/entities/{m3}/production-records")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Factory.AnonymousClient().GetAsync($"/api/registry/entities/{m3}/production-records")).StatusCode);
        Assert.Contains("1,234.50", await staff.GetStringAsync($"/registry/{m3}"), StringComparison.Ordinal);
    }

    /// <summary>Posts the plans page's form, as the browser does (with the page's anti-forgery token).</summary>
    private static async Task<HttpResponseMessage> PostPlanFormAsync(HttpClient client, params (string Key, string Value)[] fields)
    {
        var page = await client.GetStringAsync("/quality/plans");
        var token = System.Text.RegularExpressions.Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(token);
        return await client.PostAsync("/quality/plans?handler=Create",
            new FormUrlEncodedContent([.. fields.Select(f => new KeyValuePair<string, string>(f.Key, f.Value)), new("__RequestVerificationToken", token)]));
    }

    [SkippableFact]
    public async Task The_plans_page_sets_a_plan_with_its_tasks_through_the_same_rules_and_audit_as_the_api()
    {
        SkipIfUnavailable();
        var samr = await Factory.SignedInClientAsync("samr.inspector");
        var year = TestClock.Today.Year.ToString(CultureInfo.InvariantCulture);
        var page = await samr.GetStringAsync("/quality/plans");
        Assert.Contains("id=\"plan-form\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("POST /api/quality/plans", page, StringComparison.Ordinal);
        Assert.Contains("<option value=\"371521\" translate=\"no\">阳谷县</option>", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<option value=\"110101\"", page, StringComparison.Ordinal);

        var created = await PostPlanFormAsync(samr, ("Form.Year", year), ("Form.Level", "county"), ("Form.Authority", "阳谷县市场监督管理局"), ("Form.Title", "页面下达的抽查计划"),
            ("Form.Tasks[0].ProductCategory", "pvc-wire"), ("Form.Tasks[0].County", "371521"), ("Form.Tasks[0].Batches", "12"), ("Form.Tasks[0].Lab", "聊城市检验检测中心"), ("Form.Tasks[0].Due", $"{year}-11-30"),
            ("Form.Tasks[1].ProductCategory", "power-cable"), ("Form.Tasks[1].County", ""), ("Form.Tasks[1].Batches", "5"), ("Form.Tasks[1].Lab", "山东省产品质量检验研究院"), ("Form.Tasks[1].Due", $"{year}-12-15"),
            // A row added and left blank is not a task.
            ("Form.Tasks[2].ProductCategory", ""), ("Form.Tasks[2].County", ""), ("Form.Tasks[2].Batches", ""), ("Form.Tasks[2].Lab", ""), ("Form.Tasks[2].Due", ""));
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);
        await using (var scope = OpenDb())
        {
            var plan = await scope.Db.SamplingPlans.AsNoTracking().Include(p => p.Tasks).SingleAsync(p => p.Title == "页面下达的抽查计划");
            Assert.Equal(("county", "阳谷县市场监督管理局", "samr.inspector"), (plan.Level, plan.Authority, plan.CreatedBy));
            Assert.Equal([("pvc-wire", "371521", 12), ("power-cable", "", 5)], plan.Tasks.OrderBy(t => t.Id).Select(t => (t.ProductCategory, t.CountyCode, t.Batches)).ToList());
            Assert.EndsWith($"created={plan.Id}#plan-{plan.Id}", created.Headers.Location!.OriginalString, StringComparison.Ordinal);
            Assert.True(await scope.Db.AuditEntries.AnyAsync(a => a.Subject == $"SamplingPlan:{plan.Id}" && a.Action == "create"), "the plan's audit entry");
        }

        var shown = await samr.GetStringAsync(created.Headers.Location!.OriginalString);
        Assert.Contains("已下达抽查计划：<span translate=\"no\">页面下达的抽查计划</span>", shown, StringComparison.Ordinal);
        Assert.Contains("阳谷县", shown, StringComparison.Ordinal);
        Assert.Contains("0 / 12", shown, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_refused_plan_form_keeps_every_value_and_names_each_field_in_the_users_language()
    {
        SkipIfUnavailable();
        var samr = await Factory.SignedInClientAsync("samr.head");
        var year = TestClock.Today.Year.ToString(CultureInfo.InvariantCulture);
        (string, string)[] fields =
        [
            ("Form.Year", year), ("Form.Level", "city"), ("Form.Authority", "聊城市市场监督管理局"), ("Form.Title", ""),
            ("Form.Tasks[0].ProductCategory", "pvc-wire"), ("Form.Tasks[0].County", "371502"), ("Form.Tasks[0].Batches", "abc"), ("Form.Tasks[0].Lab", "保留的检验机构"), ("Form.Tasks[0].Due", $"{year}-10-01"),
            ("Form.Tasks[1].ProductCategory", "power-cable"), ("Form.Tasks[1].County", ""), ("Form.Tasks[1].Batches", "3"), ("Form.Tasks[1].Lab", ""), ("Form.Tasks[1].Due", "2000-01-01"),
        ];
        var refused = await PostPlanFormAsync(samr, fields);
        var html = System.Net.WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        foreach (var kept in new[] { "value=\"聊城市市场监督管理局\"", "value=\"abc\"", "value=\"保留的检验机构\"", $"value=\"{year}-10-01\"", "value=\"2000-01-01\"", "value=\"3\"",
                     "<option value=\"371502\" selected=\"selected\" translate=\"no\">", "<option value=\"power-cable\" selected=\"selected\">", "<option value=\"pvc-wire\" selected=\"selected\">" })
        {
            Assert.Contains(kept, html, StringComparison.Ordinal);
        }

        var errors = System.Text.RegularExpressions.Regex.Match(html, "<div class=\"error\" role=\"alert\" id=\"plan-errors\">(.*?)</div>", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
        foreach (var reason in new[] { "组织抽查的部门和计划名称：组织抽查的部门和计划名称必填", "第 1 项任务的批次数：批次数须为正整数", "第 2 项任务的承检机构：承检机构必填", "第 2 项任务的完成期限：完成期限必填，且须在计划年度内" })
        {
            Assert.Contains(reason, errors, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("tasks[", errors, StringComparison.Ordinal);
        Assert.DoesNotContain("页面下达", html, StringComparison.Ordinal);
        await using (var scope = OpenDb())
        {
            Assert.False(await scope.Db.SamplingPlans.AnyAsync(p => p.Authority == "聊城市市场监督管理局" && p.Tasks.Any(t => t.Lab == "保留的检验机构")));
        }

        // Adding a row keeps what is typed and refuses nothing yet.
        var added = await PostPlanFormAsync(samr, [.. fields, ("addRow", "1")]);
        var addedHtml = await added.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        Assert.Contains("Form.Tasks[2].Lab", addedHtml, StringComparison.Ordinal);
        Assert.DoesNotContain("plan-errors", addedHtml, StringComparison.Ordinal);

        // In English the same refusal reads in English.
        var english = await Factory.SignedInClientAsync("samr.head");
        await english.GetAsync("/culture/en?returnUrl=/");
        var englishErrors = System.Net.WebUtility.HtmlDecode(await (await PostPlanFormAsync(english, fields)).Content.ReadAsStringAsync());
        Assert.Contains("Task 2: Lab", englishErrors, StringComparison.Ordinal);
        Assert.DoesNotContain("承检机构必填", englishErrors, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Only_the_sampling_department_the_coordinator_and_the_administrator_may_set_a_plan_on_the_page()
    {
        SkipIfUnavailable();
        var year = TestClock.Today.Year.ToString(CultureInfo.InvariantCulture);
        (string, string)[] fields =
        [
            ("Form.Year", year), ("Form.Level", "city"), ("Form.Authority", "聊城市应急管理局"), ("Form.Title", "不应下达的计划"),
            ("Form.Tasks[0].ProductCategory", "pvc-wire"), ("Form.Tasks[0].Batches", "1"), ("Form.Tasks[0].Lab", "聊城市检验检测中心"), ("Form.Tasks[0].Due", $"{year}-12-01"),
        ];
        var other = await Factory.SignedInClientAsync("emergency.head");
        Assert.DoesNotContain("id=\"plan-form\"", await other.GetStringAsync("/quality/plans"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, (await PostPlanFormAsync(other, fields)).StatusCode);
        var enterprise = await Factory.SignedInClientAsync("enterprise");
        Assert.Equal(HttpStatusCode.Forbidden, (await enterprise.GetAsync("/quality/plans")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await enterprise.PostAsync("/quality/plans?handler=Create", new FormUrlEncodedContent([new("Form.Title", "x")]))).StatusCode);
        var anonymous = await Factory.AnonymousClient().PostAsync("/quality/plans?handler=Create", new FormUrlEncodedContent([new("Form.Title", "x")]));
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/account/login", anonymous.Headers.Location!.AbsolutePath, StringComparison.Ordinal);
        await using var scope = OpenDb();
        Assert.False(await scope.Db.SamplingPlans.AnyAsync(p => p.Title == "不应下达的计划"));
        Assert.Contains("id=\"plan-form\"", await (await Factory.SignedInClientAsync("coordinator")).GetStringAsync("/quality/plans"), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_samples_list_filters_by_name_counts_pages_explains_an_empty_result_and_names_failed_items()
    {
        SkipIfUnavailable();
        var samr = await Factory.SignedInClientAsync("samr.head");
        var all = System.Net.WebUtility.HtmlDecode(await samr.GetStringAsync("/quality/samples"));
        foreach (var filter in new[] { "f-industry", "f-year", "f-county", "f-category", "f-item", "f-result", "f-plan" })
        {
            Assert.Contains($"<select id=\"{filter}\"", all, StringComparison.Ordinal);
        }

        Assert.Contains("<option value=\"371521\" translate=\"no\">阳谷县</option>", all, StringComparison.Ordinal);
        // The regions hold every county of the country; the filter offers only the city's and the sampled ones.
        Assert.DoesNotContain("<option value=\"110101\"", all, StringComparison.Ordinal);
        var total = int.Parse(System.Text.RegularExpressions.Regex.Match(all, "共 ([0-9,]+) 批次").Groups[1].Value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture);
        Assert.True(total > 50, $"{total} samples in the demo city");
        Assert.Equal(50, System.Text.RegularExpressions.Regex.Count(all, "<tr class=\"[a-z]*\" data-sample="));
        Assert.Contains("rel=\"next\"", all, StringComparison.Ordinal);
        var second = await samr.GetStringAsync("/quality/samples?p=2");
        Assert.Contains("第 2 页", second, StringComparison.Ordinal);
        Assert.Contains("rel=\"prev\"", second, StringComparison.Ordinal);

        // Failed batches name their failed items, never by code; in English by their English names.
        var failed = System.Net.WebUtility.HtmlDecode(await samr.GetStringAsync("/quality/samples?industry=cable&year=2021&county=371521&result=failed"));
        Assert.Contains("不合格：", failed, StringComparison.Ordinal);
        Assert.DoesNotMatch("不合格：[a-z]", failed);
        Assert.Contains("<option value=\"failed\" selected=\"selected\">", failed, StringComparison.Ordinal);
        var english = await Factory.SignedInClientAsync("samr.head");
        await english.GetAsync("/culture/en?returnUrl=/");
        // The list itself (a lab import's report further down is in its uploader's language).
        var englishFailed = System.Text.RegularExpressions.Regex.Match(
            System.Net.WebUtility.HtmlDecode(await english.GetStringAsync("/quality/samples?industry=cable&year=2021&county=371521&failed=true")),
            "<table class=\"grid responsive\" id=\"samples\">.*?</table>", System.Text.RegularExpressions.RegexOptions.Singleline).Value;
        Assert.Contains("Failed: ", englishFailed, StringComparison.Ordinal);
        Assert.DoesNotMatch("Failed: [a-z]", englishFailed);
        Assert.DoesNotContain("不合格", englishFailed, StringComparison.Ordinal);

        // Nothing found says why and how to widen the search.
        var none = await samr.GetStringAsync("/quality/samples?plan=999999");
        Assert.Contains("共 0 批次", none, StringComparison.Ordinal);
        Assert.Contains("没有符合条件的样品", none, StringComparison.Ordinal);
        Assert.Contains("href=\"/quality/samples\"", none, StringComparison.Ordinal);
        Assert.DoesNotContain("id=\"samples\"", none, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_sampling_plan_sets_tasks_and_samples_recorded_against_them_move_its_progress()
    {
        SkipIfUnavailable();
        var samr = await Factory.SignedInClientAsync("samr.head");
        var invalid = await samr.PostAsJsonAsync("/api/quality/plans", new
        {
            year = 2026, level = "city", authority = "聊城市市场监督管理局（测试）", title = "2026年电线电缆专项抽查",
            tasks = new object[] { new { productCategory = "ships", batches = 0, lab = "", due = "2027-01-10" } },
        });
        var reasons = await invalid.Content.ReadAsStringAsync();
        Assert.True(invalid.StatusCode == HttpStatusCode.BadRequest, reasons);
        foreach (var field in new[] { "tasks[0].productCategory", "tasks[0].batches", "tasks[0].lab", "tasks[0].due" })
        {
            Assert.Contains(field, reasons, StringComparison.Ordinal);
        }

        var sampledOn = DaysAgo(10);
        var year = int.Parse(sampledOn[..4], CultureInfo.InvariantCulture);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await Factory.SignedInClientAsync("emergency.head")).PostAsJsonAsync("/api/quality/plans", new { year })).StatusCode);
        var created = await samr.PostAsJsonAsync("/api/quality/plans", new
        {
            year, level = "city", authority = "聊城市市场监督管理局（测试）", title = $"{year}年电线电缆专项抽查",
            tasks = new object[] { new { productCategory = "pvc-wire", batches = 2, lab = "聊城市检验检测中心", due = $"{year}-12-31" } },
        });
        Assert.Equal(HttpStatusCode.OK, created.StatusCode);
        var plan = await created.Content.ReadFromJsonAsync<JsonElement>();
        var taskId = plan.GetProperty("tasks")[0].GetProperty("id").GetInt32();

        var producer = await EnterpriseAsync(_ => true);
        var wrong = await samr.PostAsJsonAsync("/api/quality/samples", new
        {
            sampleNo = "T-PLAN-0", level = "city", authority = "聊城市市场监督管理局（测试）", kind = "routine", productCategory = "power-cable", producerCreditCode = producer,
            sampledOn, taskId, items = new[] { new { item = "conductor-resistance", passed = true } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("taskId", await wrong.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var recorded = await samr.PostAsJsonAsync("/api/quality/samples", new
        {
            sampleNo = "T-PLAN-1", level = "city", authority = "聊城市市场监督管理局（测试）", kind = "routine", productCategory = "pvc-wire", producerCreditCode = producer,
            sampledOn, taskId, items = new[] { new { item = "conductor-resistance", passed = false } },
        });
        Assert.Equal(HttpStatusCode.OK, recorded.StatusCode);

        var plans = await samr.GetFromJsonAsync<JsonElement>($"/api/quality/plans?year={year}");
        var task = plans.EnumerateArray().Single(p => p.GetProperty("id").GetInt32() == plan.GetProperty("id").GetInt32()).GetProperty("tasks")[0];
        Assert.Equal((2, 1, 1), (task.GetProperty("batches").GetInt32(), task.GetProperty("sampled").GetInt32(), task.GetProperty("failed").GetInt32()));
        Assert.Contains($"{year}年电线电缆专项抽查", await samr.GetStringAsync($"/quality/plans?year={year}"), StringComparison.Ordinal);

        // The demo city's plans carry its samples.
        var demo = (await samr.GetFromJsonAsync<JsonElement>("/api/quality/plans?year=2021")).EnumerateArray().ToList();
        Assert.Contains(demo, p => p.GetProperty("level").GetString() == "national"
            && p.GetProperty("tasks").EnumerateArray().Any(t => t.GetProperty("productCategory").GetString() == "pvc-wire" && t.GetProperty("sampled").GetInt32() > 0));
    }

    [SkippableFact]
    public async Task Only_the_market_regulator_records_samples_and_only_staff_see_unpublished_ones()
    {
        SkipIfUnavailable();
        var producer = await EnterpriseAsync(_ => true);
        foreach (var user in new[] { "emergency.head", "enterprise" })
        {
            var refused = await (await Factory.SignedInClientAsync(user)).PostAsJsonAsync("/api/quality/samples", Sample("T-ROLE-1", producer, DaysAgo(30), passed: true));
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }

        Assert.Equal(HttpStatusCode.Unauthorized, (await Factory.AnonymousClient().PostAsJsonAsync("/api/quality/samples", Sample("T-ROLE-1", producer, DaysAgo(30), passed: true))).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Factory.AnonymousClient().GetAsync("/api/quality/samples")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await Factory.SignedInClientAsync("enterprise")).GetAsync("/api/quality/samples")).StatusCode);

        var samr = await Factory.SignedInClientAsync("samr.head");
        var invalid = await samr.PostAsJsonAsync("/api/quality/samples", new { sampleNo = "", level = "x", productCategory = "ships", producerCreditCode = "123", sampledOn = "2099-01-01" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        var reasons = await invalid.Content.ReadAsStringAsync();
        foreach (var field in new[] { "sampleNo", "level", "authority", "productCategory", "producerCreditCode", "sampledOn" })
        {
            Assert.Contains($"\"{field}\"", reasons, StringComparison.Ordinal);
        }

        // An unpublished failure is in the staff map and not in the public one.
        Assert.Equal(HttpStatusCode.OK, (await samr.PostAsJsonAsync("/api/quality/samples", Sample("T-ROLE-2", producer, DaysAgo(30), passed: false, category: "rubber-cable"))).StatusCode);
        var county = (await samr.GetFromJsonAsync<JsonElement>($"/api/quality/samples?producer={producer}"))[0].GetProperty("county").GetString();
        var year = TestClock.Today.AddDays(-30).Year;
        var key = ("rubber-cable", "conductor-resistance", county!, year);
        var staffCells = Cells(await samr.GetFromJsonAsync<JsonElement>($"/api/quality/map?industry=cable&year={year}"));
        var publicCells = Cells(await Factory.AnonymousClient().GetFromJsonAsync<JsonElement>($"/api/quality/map?industry=cable&year={year}"));
        Assert.Equal(staffCells[key].Failed - 1, publicCells.GetValueOrDefault(key).Failed);
        Assert.DoesNotContain("T-ROLE-2", await Factory.AnonymousClient().GetStringAsync("/open-data/sampling-results.csv"), StringComparison.Ordinal);
        Assert.Contains("共 0 批次已公布", await Factory.AnonymousClient().GetStringAsync($"/quality/results?q={producer}"), StringComparison.Ordinal);
    }
}

public sealed class SqliteQualityTests(SqliteQualityFactory factory) : QualityTests(factory), IClassFixture<SqliteQualityFactory>;

public sealed class PostgresQualityTests(PostgresQualityFactory factory) : QualityTests(factory), IClassFixture<PostgresQualityFactory>;
