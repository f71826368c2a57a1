using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using QualityCity.Domain.Planning;
using QualityCity.Web.Modules.Planning;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.Planning;

/// <summary>
/// The planning desk over HTTP (INS-4 … INS-11): commitment and draw from the platform, the plan's
/// guarantees on the demo city, approval and publication, exports, the public page, and the roles.
/// </summary>
public abstract class PlanningFlowTests(QualityCityFactory factory) : PlatformTest(factory)
{
    private static readonly string[] HeadlessDepartments = ["agriculture", "culture", "environment", "fire", "health", "housing", "industry", "transport", "urban"];
    private static readonly string[] OneOffListItem = ["SAMR-001", "SAMR-999"];
    private static readonly string[] OnePublishedItem = ["SAMR-001"];
    private static readonly string[] CampaignTitles = ["电线电缆质量专项检查", "轴承计量专项检查"];
    private static readonly string[] NotCoordinators = ["samr.head", "samr.inspector", "enterprise"];

    private static string Seed(string prefix) => PlanScenario.Seed(prefix);

    private Task<(HttpClient Client, int CommitmentId)> CommitAsync(int year) => PlanScenario.CommitAsync(Factory, year);

    private static Task<int> DrawAsync(HttpClient coordinator, int commitmentId, string seed, string? reason = null) =>
        PlanScenario.DrawAsync(coordinator, commitmentId, seed, reason);

    [SkippableFact]
    public async Task The_demo_plan_visits_red_every_quarter_yellow_every_half_year_and_green_at_most_five_percent()
    {
        SkipIfUnavailable();
        var (coordinator, commitmentId) = await CommitAsync(2030);
        var drawId = await DrawAsync(coordinator, commitmentId, Seed("31"));
        using var commitment = JsonDocument.Parse(await coordinator.GetByteArrayAsync($"/api/planning/commitments/{commitmentId}/commitment.json"));
        using var plan = JsonDocument.Parse(await coordinator.GetByteArrayAsync($"/api/planning/draws/{drawId}/plan.json"));
        using var draw = JsonDocument.Parse(await coordinator.GetByteArrayAsync($"/api/planning/draws/{drawId}/draw.json"));

        var visits = plan.RootElement.GetProperty("visits").EnumerateArray().ToList();
        var recognised = plan.RootElement.GetProperty("recognised").EnumerateArray().ToList();
        var served = visits.SelectMany(v => v.GetProperty("obligations").EnumerateArray().Select(o => (
            Enterprise: v.GetProperty("enterprise").GetString()!, Department: o.GetProperty("department").GetString()!,
            Date: DateOnly.Parse(v.GetProperty("date").GetString()!, CultureInfo.InvariantCulture)))).ToList();
        bool Covered(string enterprise, string department, DateOnly start, DateOnly end) =>
            served.Any(s => s.Enterprise == enterprise && s.Department == department && s.Date >= start && s.Date <= end)
            || recognised.Any(r => r.GetProperty("enterprise").GetString() == enterprise && r.GetProperty("department").GetString() == department
                                   && r.GetProperty("windowEnd").GetString() == end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
                                   && r.GetProperty("wholeObligation").GetBoolean());

        foreach (var pool in commitment.RootElement.GetProperty("pools").EnumerateArray())
        {
            var department = pool.GetProperty("department").GetString()!;
            var stratum = pool.GetProperty("stratum").GetString()!;
            var ids = (await coordinator.GetStringAsync($"/api/planning/commitments/{commitmentId}/{pool.GetProperty("poolFile").GetString()}"))
                .Split('\n', StringSplitOptions.RemoveEmptyEntries);
            var windows = CadenceWindows.For(stratum == "red" ? CadencePeriod.Quarter : stratum == "yellow" ? CadencePeriod.HalfYear : CadencePeriod.None, 2030);
            foreach (var id in ids)
            {
                foreach (var (start, end) in windows)
                {
                    Assert.True(Covered(id, department, start, end), $"{department} {stratum} {id}: no visit in {start}..{end}");
                }
            }

            if (stratum == "green")
            {
                var drawn = draw.RootElement.GetProperty("strata").EnumerateArray()
                    .Single(s => s.GetProperty("department").GetString() == department && s.GetProperty("stratum").GetString() == "green")
                    .GetProperty("selected").GetArrayLength();
                Assert.True(drawn <= ids.Length * 0.05, $"{department}: {drawn} of {ids.Length} green drawn");
            }
        }

        // Every visit lies in its windows; merging saved visits; no cap is exceeded without a flag.
        Assert.All(visits, v => Assert.All(v.GetProperty("obligations").EnumerateArray(), o =>
            Assert.InRange(v.GetProperty("date").GetString()!, o.GetProperty("windowStart").GetString()!, o.GetProperty("windowEnd").GetString()!)));
        var totals = plan.RootElement.GetProperty("totals");
        Assert.True(totals.GetProperty("visitsMerged").GetInt32() < totals.GetProperty("visitsIfSeparate").GetInt32() * 0.8, totals.ToString());
        Assert.Equal(visits.Count, totals.GetProperty("visitsMerged").GetInt32());
        var rules = plan.RootElement.GetProperty("rules");
        var flagged = plan.RootElement.GetProperty("capViolations").EnumerateArray()
            .Select(c => (c.GetProperty("enterprise").GetString(), c.GetProperty("kind").GetString(), c.GetProperty("department").GetString())).ToHashSet();
        foreach (var enterprise in visits.GroupBy(v => v.GetProperty("enterprise").GetString()))
        {
            if (enterprise.Count() > rules.GetProperty("overallCap").GetInt32())
            {
                Assert.Contains((enterprise.Key, "overall", (string?)null), flagged);
            }

            foreach (var department in enterprise.SelectMany(v => v.GetProperty("obligations").EnumerateArray().Select(o => o.GetProperty("department").GetString()).Distinct())
                         .GroupBy(d => d).Where(g => g.Count() > rules.GetProperty("perDepartmentCap").GetInt32()))
            {
                Assert.Contains((enterprise.Key, "department", department.Key), flagged);
            }
        }

        // Officers: two per department on each visit, in ascending ticket order, never one with a conflict.
        var seed = draw.RootElement.GetProperty("seed").GetString()!;
        var assignments = draw.RootElement.GetProperty("inspectorAssignments").EnumerateArray().ToList();
        Assert.Equal(served.Count, assignments.Count);
        foreach (var assignment in assignments.Take(300))
        {
            var officers = assignment.GetProperty("inspectors").EnumerateArray().ToList();
            Assert.Equal(2, officers.Count);
            var key = assignment.GetProperty("visitKey").GetString()!;
            Assert.All(officers, o => Assert.Equal(DrawTickets.Ticket(seed, key + "/" + o.GetProperty("id").GetString()), o.GetProperty("ticket").GetString()));
            Assert.True(string.CompareOrdinal(officers[0].GetProperty("ticket").GetString(), officers[1].GetProperty("ticket").GetString()) < 0);
        }
    }

    [SkippableFact]
    public async Task Declared_conflicts_and_last_years_inspectors_are_recused_and_valid_results_are_recognised()
    {
        SkipIfUnavailable();
        string enterprise;
        int conflicted, previous;
        await using (var scope = OpenDb())
        {
            // A red enterprise that samr visited last year: the officers of that visit are recused,
            // and a third samr officer declares a conflict.
            var samr = await scope.Db.Departments.SingleAsync(d => d.Code == "samr");
            var reds = await scope.Db.MarketEntities.Where(e => e.RiskGrade == "red" && e.Status == "active").Select(e => e.CreditCode).ToListAsync();
            enterprise = reds.First();
            var county = await scope.Db.CountyOfAsync(enterprise);
            var officers = await scope.Db.Inspectors.Where(i => i.DepartmentId == samr.Id && i.Active).OrderBy(i => i.Id).ToListAsync();
            previous = officers[0].Id;
            conflicted = officers[1].Id;
            officers[1].ConflictCreditCodes = enterprise;
            var items = await scope.Db.ChecklistItems.Where(i => i.DepartmentId == samr.Id && i.Status == "published").Select(i => i.Code).ToListAsync();
            scope.Db.Inspections.Add(new Modules.Inspections.Inspection
            {
                VisitKey = "2030/" + enterprise + "/t1", CreditCode = enterprise, CountyCode = county, DepartmentId = samr.Id, Date = new DateOnly(2030, 6, 10), Kind = "routine",
                InspectorIds = previous.ToString(CultureInfo.InvariantCulture),
                Results = items.Select(code => new Modules.Inspections.InspectionItemResult { CountyCode = county, ItemCode = code, ItemVersion = 1, Outcome = "pass" }).ToList(),
            });
            await scope.Db.SaveChangesAsync();
        }

        var (coordinator, commitmentId) = await CommitAsync(2031);
        var drawId = await DrawAsync(coordinator, commitmentId, Seed("27"));
        using var plan = JsonDocument.Parse(await coordinator.GetByteArrayAsync($"/api/planning/draws/{drawId}/plan.json"));
        using var draw = JsonDocument.Parse(await coordinator.GetByteArrayAsync($"/api/planning/draws/{drawId}/draw.json"));

        var samrAssignments = draw.RootElement.GetProperty("inspectorAssignments").EnumerateArray()
            .Where(a => a.GetProperty("department").GetString() == "samr" && a.GetProperty("visitKey").GetString()!.Contains(enterprise, StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(samrAssignments);
        foreach (var assignment in samrAssignments)
        {
            var ids = assignment.GetProperty("inspectors").EnumerateArray().Select(i => i.GetProperty("id").GetString()).ToList();
            Assert.DoesNotContain(conflicted.ToString(CultureInfo.InvariantCulture), ids);
            Assert.DoesNotContain(previous.ToString(CultureInfo.InvariantCulture), ids);
            var excluded = assignment.GetProperty("excluded").EnumerateArray().Select(e => (e.GetProperty("id").GetString(), e.GetProperty("reason").GetString())).ToList();
            Assert.Contains((conflicted.ToString(CultureInfo.InvariantCulture), "declared conflict of interest"), excluded);
            Assert.Contains((previous.ToString(CultureInfo.InvariantCulture), "inspected this enterprise in 2030"), excluded);
        }

        // The result of 2030-06-10 is valid until 2031-06-10: it covers the red first quarter of 2031, not the second.
        var recognition = plan.RootElement.GetProperty("recognised").EnumerateArray()
            .Single(r => r.GetProperty("enterprise").GetString() == enterprise && r.GetProperty("department").GetString() == "samr");
        Assert.Equal("2031-03-31", recognition.GetProperty("windowEnd").GetString());
        Assert.True(recognition.GetProperty("wholeObligation").GetBoolean());
        Assert.Contains("inspected by samr on 2030-06-10, valid until 2031-06-10", recognition.GetProperty("reason").GetString(), StringComparison.Ordinal);
        var samrDates = plan.RootElement.GetProperty("visits").EnumerateArray()
            .Where(v => v.GetProperty("enterprise").GetString() == enterprise && v.GetProperty("obligations").EnumerateArray().Any(o => o.GetProperty("department").GetString() == "samr"))
            .Select(v => v.GetProperty("date").GetString()!).ToList();
        Assert.Equal(3, samrDates.Count);
        Assert.DoesNotContain(samrDates, d => string.CompareOrdinal(d, "2031-04-01") < 0);
    }

    [SkippableFact]
    public async Task Bad_seeds_reused_seeds_and_unexplained_redraws_are_refused_with_the_reason()
    {
        SkipIfUnavailable();
        var (coordinator, commitmentId) = await CommitAsync(2032);
        var shortSeed = await coordinator.PostAsJsonAsync("/api/planning/draws", new { commitmentId, seed = "12345" });
        Assert.Equal(HttpStatusCode.BadRequest, shortSeed.StatusCode);
        Assert.Contains("至少需要 20 位十进制数字", await shortSeed.Content.ReadAsStringAsync(), StringComparison.Ordinal); // the caller's language, Chinese by default
        var shortSeedInEnglish = await coordinator.PostAsJsonAsync("/api/planning/draws?culture=en&ui-culture=en", new { commitmentId, seed = "12345" });
        Assert.Contains("20 decimal digits", await shortSeedInEnglish.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var noCommitment = await coordinator.PostAsJsonAsync("/api/planning/draws", new { seed = Seed("1") });
        Assert.Contains("commitmentId", await noCommitment.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var seed = Seed("16");
        await DrawAsync(coordinator, commitmentId, seed);
        var reused = await coordinator.PostAsJsonAsync("/api/planning/draws", new { commitmentId, seed });
        Assert.Equal(HttpStatusCode.BadRequest, reused.StatusCode);
        Assert.Contains("已经用过", await reused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var unexplained = await coordinator.PostAsJsonAsync("/api/planning/draws", new { commitmentId, seed = Seed("17") });
        Assert.Equal(HttpStatusCode.BadRequest, unexplained.StatusCode);
        Assert.Contains("重新抽取须写明理由", await unexplained.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await DrawAsync(coordinator, commitmentId, Seed("18"), "the draw meeting's dice were not witnessed");

        // A pool changed in storage after the commitment: the draw refuses, naming the pool.
        await using (var scope = OpenDb())
        {
            var pool = await scope.Db.PlanPoolFiles.FirstAsync(f => f.CommitmentId == commitmentId && f.Content.Length > 0);
            pool.Content = pool.Content[1..];
            await scope.Db.SaveChangesAsync();
        }

        var tampered = await coordinator.PostAsJsonAsync("/api/planning/draws", new { commitmentId, seed = Seed("19"), reason = "again" });
        Assert.Equal(HttpStatusCode.BadRequest, tampered.StatusCode);
        Assert.Contains("在承诺后被改动", await tampered.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using (var scope = OpenDb())
        {
            Assert.Equal(2, await scope.Db.PlanDraws.CountAsync(d => d.Year == 2032));
        }
    }

    [SkippableFact]
    public async Task Only_the_coordinator_commits_and_draws_and_the_public_sees_records_only_once_published()
    {
        SkipIfUnavailable();
        foreach (var user in NotCoordinators)
        {
            var client = await Factory.SignedInClientAsync(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/planning/commitments", new { year = 2033 })).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsJsonAsync("/api/planning/draws", new { commitmentId = 1, seed = Seed("2") })).StatusCode);
        }

        var anonymous = Factory.AnonymousClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync("/api/planning/commitments", new { year = 2033 })).StatusCode);
        var (coordinator, commitmentId) = await CommitAsync(2033);
        var drawId = await DrawAsync(coordinator, commitmentId, Seed("41"));

        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/api/planning/draws/{drawId}/draw.json")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/planning/draws/{drawId}/plan.json")).StatusCode);
        var enterprise = await Factory.SignedInClientAsync("enterprise");
        Assert.Equal(HttpStatusCode.Forbidden, (await enterprise.GetAsync($"/api/planning/draws/{drawId}/plan.json")).StatusCode);
        // A department head gets the department's part through the export, not every department's visit days.
        Assert.Equal(HttpStatusCode.Forbidden, (await (await Factory.SignedInClientAsync("samr.head")).GetAsync($"/api/planning/draws/{drawId}/plan.json")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await enterprise.GetAsync($"/api/planning/draws/{drawId}/export.xlsx")).StatusCode);
        Assert.DoesNotContain((await anonymous.GetFromJsonAsync<JsonElement>("/api/planning/draws")).EnumerateArray(), d => d.GetProperty("id").GetInt32() == drawId);
        // The commitment and its pools are public from the start: they must be known before the seed.
        var commitmentBytes = await anonymous.GetByteArrayAsync($"/api/planning/commitments/{commitmentId}/commitment.json");
        using var commitment = JsonDocument.Parse(commitmentBytes);
        var first = commitment.RootElement.GetProperty("pools")[0];
        var poolBytes = await anonymous.GetByteArrayAsync($"/api/planning/commitments/{commitmentId}/{first.GetProperty("poolFile").GetString()}");
        Assert.Equal(first.GetProperty("poolDigest").GetString(), Convert.ToHexStringLower(SHA256.HashData(poolBytes)));
        Assert.Equal(HttpStatusCode.Redirect, (await anonymous.GetAsync("/planning")).StatusCode);
    }

    [SkippableFact]
    public async Task Each_head_approves_their_part_then_the_coordinator_publishes_and_flags_need_a_note()
    {
        SkipIfUnavailable();
        var (coordinator, commitmentId) = await CommitAsync(2034);
        // A stricter cap than the demo's: every red enterprise is flagged before approval.
        var (exit, _, error) = await RunCliAsync(new Dictionary<string, string?> { ["Planning:PerDepartmentCap"] = "2" },
            "plan", "draw", "--commitment", await WriteCommitmentAsync(commitmentId), "--seed", Seed("55"), "--out", TempFile("draw"));
        Assert.True(exit == 0, error);
        int drawId;
        await using (var scope = OpenDb())
        {
            var record = await scope.Db.PlanDraws.OrderByDescending(d => d.Id).FirstAsync(d => d.Year == 2034);
            drawId = record.Id;
            Assert.True(record.CapViolations > 0);
        }

        var samrHead = await Factory.SignedInClientAsync("samr.head");
        Assert.Equal(HttpStatusCode.OK, (await samrHead.PostAsJsonAsync($"/api/planning/draws/{drawId}/approvals", new { note = "同意" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await samrHead.PostAsJsonAsync($"/api/planning/draws/{drawId}/approvals", new { note = "again" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await samrHead.PostAsJsonAsync($"/api/planning/draws/{drawId}/publish", new { note = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.PostAsJsonAsync($"/api/planning/draws/{drawId}/approvals", new { note = "x" })).StatusCode);

        var early = await coordinator.PostAsJsonAsync($"/api/planning/draws/{drawId}/publish", new { note = "x" });
        Assert.Equal(HttpStatusCode.BadRequest, early.StatusCode);
        var missing = await early.Content.ReadAsStringAsync();
        Assert.Contains("尚未批准的部门", missing, StringComparison.Ordinal); // departments by name, in the caller's language
        Assert.Contains("应急管理局", missing, StringComparison.Ordinal);
        Assert.DoesNotContain("市场监督管理局", missing, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, (await (await Factory.SignedInClientAsync("emergency.head")).PostAsJsonAsync($"/api/planning/draws/{drawId}/approvals", new { })).StatusCode);
        await using (var scope = OpenDb())
        {
            // The demo has heads for two departments; the others' approvals are recorded directly.
            var approved = await scope.Db.PlanApprovals.Where(a => a.DrawId == drawId).Select(a => a.Department).ToListAsync();
            foreach (var department in HeadlessDepartments.Except(approved))
            {
                scope.Db.PlanApprovals.Add(new PlanApproval { DrawId = drawId, Department = department, Actor = department + ".head", ApprovedAtUtc = TestClock.UtcNow });
            }

            await scope.Db.SaveChangesAsync();
        }

        var withoutNote = await coordinator.PostAsJsonAsync($"/api/planning/draws/{drawId}/publish", new { });
        Assert.Equal(HttpStatusCode.BadRequest, withoutNote.StatusCode);
        Assert.Contains("超出频次上限", await withoutNote.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsJsonAsync($"/api/planning/draws/{drawId}/publish",
            new { note = "红色企业按季度检查为风险分级监管要求，超出部门频次上限予以保留" })).StatusCode);

        // Published: the record is public, the plan's days are not; the public page lists it.
        var anonymous = Factory.AnonymousClient();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/planning/draws/{drawId}/draw.json")).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await anonymous.GetAsync($"/api/planning/draws/{drawId}/plan.json")).StatusCode);
        var page = await anonymous.GetStringAsync("/plans");
        Assert.Contains($"data-draw=\"{drawId}\"", page, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Conflict, (await coordinator.PostAsJsonAsync($"/api/planning/draws/{drawId}/publish", new { note = "x" })).StatusCode);
    }

    [SkippableFact]
    public async Task The_excel_ledger_has_a_row_per_visit_and_department_and_a_head_gets_only_their_own()
    {
        SkipIfUnavailable();
        var (coordinator, commitmentId) = await CommitAsync(2035);
        var drawId = await DrawAsync(coordinator, commitmentId, Seed("61"));
        using var plan = JsonDocument.Parse(await coordinator.GetByteArrayAsync($"/api/planning/draws/{drawId}/plan.json"));
        var obligations = plan.RootElement.GetProperty("visits").EnumerateArray().SelectMany(v => v.GetProperty("obligations").EnumerateArray()
            .Select(o => (Visit: v.GetProperty("visitKey").GetString(), Department: o.GetProperty("department").GetString()))).ToList();

        var all = await ReadSheetAsync(await coordinator.GetByteArrayAsync($"/api/planning/draws/{drawId}/export.xlsx"));
        Assert.Equal(obligations.Count, all.Count);
        Assert.Equal(obligations.ToHashSet(), all.Select(r => ((string?)r["检查编号 visit key"], (string?)r["部门 department"])).ToHashSet());
        Assert.All(all, r => Assert.Equal(2, ((string)r["执法人员 officers"]).Split(", ").Length));

        var samrHead = await Factory.SignedInClientAsync("samr.head");
        var own = await ReadSheetAsync(await samrHead.GetByteArrayAsync($"/api/planning/draws/{drawId}/export.xlsx"));
        Assert.Equal(obligations.Count(o => o.Department == "samr"), own.Count);
        Assert.All(own, r => Assert.Equal("samr", r["部门 department"]));
        // The head's page lists the department's visits (with the departments joining them), whatever the filter asks.
        var samrVisits = obligations.Where(o => o.Department == "samr").Select(o => o.Visit).Distinct().Count();
        var drawPage = await samrHead.GetStringAsync($"/planning/draws/{drawId}?department=fire");
        Assert.Contains($"共 {samrVisits.ToString("N0", CultureInfo.InvariantCulture)} 次检查", drawPage, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_case_triggered_inspection_needs_its_case_and_is_seen_only_by_its_department()
    {
        SkipIfUnavailable();
        string code;
        await using (var scope = OpenDb())
        {
            code = await scope.Db.MarketEntities.Select(e => e.CreditCode).FirstAsync();
        }

        var samrHead = await Factory.SignedInClientAsync("samr.head");
        var missing = await samrHead.PostAsJsonAsync("/api/planning/case-inspections", new { creditCode = code, trigger = "gossip", date = "2026-05-06" });
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        var problems = await missing.Content.ReadAsStringAsync();
        Assert.Contains("reference", problems, StringComparison.Ordinal);
        Assert.Contains("trigger", problems, StringComparison.Ordinal);
        var created = await samrHead.PostAsJsonAsync("/api/planning/case-inspections",
            new { creditCode = code, trigger = "complaint", reference = "12345-2026-0001", date = "2026-05-06", note = "投诉核查" });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        var own = await samrHead.GetFromJsonAsync<JsonElement>($"/api/planning/case-inspections?creditCode={code}");
        Assert.Contains(own.EnumerateArray(), c => c.GetProperty("reference").GetString() == "12345-2026-0001");
        var other = await (await Factory.SignedInClientAsync("emergency.head")).GetFromJsonAsync<JsonElement>($"/api/planning/case-inspections?creditCode={code}");
        Assert.DoesNotContain(other.EnumerateArray(), c => c.GetProperty("reference").GetString() == "12345-2026-0001");
        Assert.Equal(HttpStatusCode.Forbidden, (await (await Factory.SignedInClientAsync("enterprise")).GetAsync("/api/planning/case-inspections")).StatusCode);
    }

    [SkippableFact]
    public async Task An_item_off_the_published_list_cannot_enter_a_plan_or_a_campaign_and_campaigns_are_limited_and_approved()
    {
        SkipIfUnavailable();
        var (_, commitmentId) = await CommitAsync(2036);
        var (exit, _, error) = await RunCliAsync(new Dictionary<string, string?> { ["Planning:RoutineItems:fire:0"] = "FIRE-001", ["Planning:RoutineItems:fire:1"] = "FIRE-999" },
            "plan", "draw", "--commitment", await WriteCommitmentAsync(commitmentId), "--seed", Seed("71"), "--out", TempFile("offlist"));
        Assert.Equal(1, exit);
        Assert.Contains("清单之外无检查", error, StringComparison.Ordinal);
        Assert.Contains("fire FIRE-999", error, StringComparison.Ordinal);
        Assert.DoesNotContain("FIRE-001", error, StringComparison.Ordinal);

        var head = await Factory.SignedInClientAsync("samr.head");
        var offList = await head.PostAsJsonAsync("/api/planning/campaigns", new
        {
            year = 2036, title = "电线电缆质量专项检查", items = OneOffListItem, industry = "3831", windowStart = "2036-04-01", windowEnd = "2036-06-30",
        });
        Assert.Equal(HttpStatusCode.BadRequest, offList.StatusCode);
        var problem = await offList.Content.ReadAsStringAsync();
        Assert.Contains("SAMR-999", problem, StringComparison.Ordinal);
        Assert.DoesNotContain("SAMR-001", problem, StringComparison.Ordinal);

        var ids = new List<int>();
        foreach (var title in CampaignTitles)
        {
            var created = await head.PostAsJsonAsync("/api/planning/campaigns", new
            {
                year = 2036, title, items = OnePublishedItem, industry = "3831", windowStart = "2036-04-01", windowEnd = "2036-06-30",
            });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            ids.Add((await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32());
        }

        var third = await head.PostAsJsonAsync("/api/planning/campaigns", new
        {
            year = 2036, title = "第三个", items = OnePublishedItem, windowStart = "2036-04-01", windowEnd = "2036-06-30",
        });
        Assert.Equal(HttpStatusCode.BadRequest, third.StatusCode);
        Assert.Contains("每年上限为 2 项", await third.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.Forbidden, (await head.PostAsJsonAsync($"/api/planning/campaigns/{ids[0]}/decision", new { approve = true })).StatusCode);
        var coordinator = await Factory.SignedInClientAsync("coordinator");
        Assert.Equal(HttpStatusCode.BadRequest, (await coordinator.PostAsJsonAsync($"/api/planning/campaigns/{ids[0]}/decision", new { approve = false })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await coordinator.PostAsJsonAsync($"/api/planning/campaigns/{ids[0]}/decision", new { approve = true, note = "同意" })).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await coordinator.PostAsJsonAsync($"/api/planning/campaigns/{ids[0]}/decision", new { approve = false, note = "x" })).StatusCode);
        var emergency = await (await Factory.SignedInClientAsync("emergency.head")).GetFromJsonAsync<JsonElement>("/api/planning/campaigns?year=2036");
        Assert.Equal(0, emergency.GetArrayLength());
    }

    private async Task<string> WriteCommitmentAsync(int commitmentId)
    {
        var directory = TempFile("commitment");
        Directory.CreateDirectory(Path.Combine(directory, "pools"));
        await using var scope = OpenDb();
        var commitment = await scope.Db.PlanCommitments.SingleAsync(c => c.Id == commitmentId);
        await File.WriteAllTextAsync(Path.Combine(directory, "commitment.json"), commitment.Json);
        foreach (var pool in await scope.Db.PlanPoolFiles.Where(f => f.CommitmentId == commitmentId).ToListAsync())
        {
            await File.WriteAllTextAsync(Path.Combine(directory, pool.PoolFile), pool.Content);
        }

        return Path.Combine(directory, "commitment.json");
    }

    private static async Task<List<IDictionary<string, object>>> ReadSheetAsync(byte[] workbook)
    {
        using var stream = new MemoryStream(workbook);
        var rows = await stream.QueryAsync(useHeaderRow: true, sheetName: "检查计划 visits");
        return rows.Cast<IDictionary<string, object>>().ToList();
    }
}

public sealed class SqlitePlanningFlowTests(SqliteFactory factory) : PlanningFlowTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresPlanningFlowTests(PostgresFactory factory) : PlanningFlowTests(factory), IClassFixture<PostgresFactory>;
