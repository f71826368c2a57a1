using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QualityCity.Domain.Common;
using QualityCity.Domain.Planning;
using QualityCity.Web.Data;
using QualityCity.Web.Localization;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Checklists.Contracts;
using QualityCity.Web.Modules.Planning.Contracts;
using QualityCity.Web.Modules.ReferenceData.Contracts;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Modules.Planning.DrawPlan;

/// <summary>Why a draw cannot run; the CLI prints the message and exits 1, the API answers 400.</summary>
/// <summary>
/// A draw the platform will not make, and why. The reason is a Chinese template with its values:
/// pages show it in the reader's language (<see cref="Describe"/>); the message — for the command
/// line, the API and the logs, which speak English — is its English.
/// </summary>
public sealed class DrawRefusedException(string reason, params object?[] values)
    : Exception(string.Format(CultureInfo.InvariantCulture, Text.Loaded.English(reason), values))
{
    public string Describe(Text text) => text.Format(reason, values);
}

/// <summary>
/// INS-9 step 2: with the public seed, draws every committed stratum, builds the year's plan (cadence
/// obligations, recognition and grace, the green draws, merged joint visits, caps) and assigns
/// officers (moving visits for capacity), then stores draw.json (as drawn and in its public form) and plan.json with the plan's rows. Refuses a reused seed,
/// a commitment the platform did not make, any pool that no longer matches its committed digest, and
/// a second draw of a year without a reason.
/// </summary>
public sealed class PlanDraw(QualityCityDbContext db, IOptions<PlanningOptions> options, PlatformClock clock, IInspectionHistory inspections)
{
    /// <summary>The draw from published files (the CLI): commitment.json and the pool files beside it; writes draw.json and plan.json to <paramref name="outputDirectory"/>.</summary>
    public async Task<(DrawDocument Draw, PlanDocument Plan, PlanDrawRecord Record)> RunFromFilesAsync(string commitmentPath, string seed, string outputDirectory,
        string actor, string? redrawReason, CancellationToken cancellationToken)
    {
        if (!File.Exists(commitmentPath))
        {
            throw new DrawRefusedException("找不到承诺文件：{0}", commitmentPath);
        }

        var commitmentBytes = await File.ReadAllBytesAsync(commitmentPath, cancellationToken);
        var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(commitmentPath))!;
        var result = await RunAsync(commitmentBytes, seed, actor, redrawReason, async pool =>
        {
            var path = Path.Combine(baseDirectory, pool.PoolFile);
            return File.Exists(path) ? await File.ReadAllBytesAsync(path, cancellationToken) : null;
        }, cancellationToken);

        Directory.CreateDirectory(outputDirectory);
        foreach (var (name, document) in new[] { ("draw.json", PlanRecords.Draw), ("plan.json", PlanRecords.Plan) })
        {
            await using var file = File.Create(Path.Combine(outputDirectory, name));
            await PlanRecords.CopyToAsync(db, result.Record.Id, document, file, cancellationToken);
        }

        return result;
    }

    /// <summary>The draw from a stored commitment and its stored pool files (the planning page).</summary>
    public async Task<(DrawDocument Draw, PlanDocument Plan, PlanDrawRecord Record)> RunStoredAsync(int commitmentId, string seed, string actor, string? redrawReason,
        CancellationToken cancellationToken)
    {
        var commitment = await db.PlanCommitments.AsNoTracking().FirstOrDefaultAsync(c => c.Id == commitmentId, cancellationToken)
            ?? throw new DrawRefusedException("承诺 {0} 不存在", commitmentId);
        var files = await db.PlanPoolFiles.AsNoTracking().Where(f => f.CommitmentId == commitmentId)
            .ToDictionaryAsync(f => f.PoolFile, f => f.Content, cancellationToken);
        return await RunAsync(Encoding.UTF8.GetBytes(commitment.Json), seed, actor, redrawReason,
            pool => Task.FromResult(files.TryGetValue(pool.PoolFile, out var text) ? Encoding.UTF8.GetBytes(text) : null), cancellationToken);
    }

    private async Task<(DrawDocument Draw, PlanDocument Plan, PlanDrawRecord Record)> RunAsync(byte[] commitmentBytes, string seed, string actor,
        string? redrawReason, Func<CommitPlan.CommittedPool, Task<byte[]?>> readPool, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(seed))
        {
            throw new DrawRefusedException("种子为空");
        }

        var commitmentDigest = Sha256.Hex(commitmentBytes);
        CommitPlan.CommitmentDocument commitment;
        try
        {
            commitment = JsonSerializer.Deserialize<CommitPlan.CommitmentDocument>(commitmentBytes, PlanningJson.Options)
                ?? throw new DrawRefusedException("承诺为空");
        }
        catch (JsonException ex)
        {
            throw new DrawRefusedException("承诺不是有效的 JSON：{0}", ex.Message);
        }

        if (commitment.Algorithm != DrawTickets.Algorithm || commitment.Pools is null)
        {
            throw new DrawRefusedException("承诺不是 {0} 承诺", DrawTickets.Algorithm);
        }

        if (!await db.PlanCommitments.AnyAsync(c => c.Digest == commitmentDigest, cancellationToken))
        {
            throw new DrawRefusedException("承诺 {0} 不是本平台作出的（或作出后被改动过）", commitmentDigest);
        }

        if (await db.PlanDraws.AnyAsync(d => d.Seed == seed, cancellationToken))
        {
            throw new DrawRefusedException("种子“{0}”已经用过：种子不得重复使用", seed);
        }

        // Every pool must still be byte for byte what was committed.
        var pools = new Dictionary<(string Department, string Stratum), string[]>();
        var strata = new List<DrawStratum>();
        foreach (var pool in commitment.Pools)
        {
            var bytes = await readPool(pool) ?? throw new DrawRefusedException("对象库文件 {0} 缺失", pool.PoolFile);
            if (Sha256.Hex(bytes) != pool.PoolDigest)
            {
                throw new DrawRefusedException("对象库文件 {0} 在承诺后被改动（摘要不一致）", pool.PoolFile);
            }

            var ids = DrawTickets.PoolFileIds(bytes);
            pools[(pool.Department, pool.Stratum)] = ids;
            var selected = DrawTickets.Sample(seed, ids, pool.K).Select(d => new DrawnTicket(d.Id, d.Ticket)).ToList();
            strata.Add(new DrawStratum(pool.Department, pool.Stratum, pool.PoolFile, pool.PoolDigest, pool.PoolSize, pool.K, selected));
        }

        if (await db.PlanDraws.AnyAsync(d => d.Year == commitment.Year, cancellationToken) && string.IsNullOrWhiteSpace(redrawReason))
        {
            throw new DrawRefusedException("{0} 年度已经抽取过：重新抽取须写明理由（此前的记录仍然公开）", commitment.Year);
        }

        var settings = options.Value;
        var rules = settings.Rules();
        var calendar = await WorkingCalendar.LoadAsync(db, cancellationToken);
        var published = await db.ChecklistItems.AsNoTracking().Where(i => i.Status == ChecklistStatus.Published)
            .Join(db.Departments, i => i.DepartmentId, d => d.Id, (i, d) => new { Department = d.Code, i.Code, i.Category, i.FrequencyCapPerYear })
            .ToListAsync(cancellationToken);
        var itemsByDepartment = published.GroupBy(p => p.Department).ToDictionary(g => g.Key, g => g.OrderBy(p => p.Code, StringComparer.Ordinal).ToList());
        var itemCategories = published.Where(p => p.Category.Length > 0).ToDictionary(p => p.Code, p => p.Category, StringComparer.Ordinal);

        var inputs = commitment.Pools.Select(p => p.Department).Distinct(StringComparer.Ordinal).Select(department =>
        {
            var items = itemsByDepartment.GetValueOrDefault(department, []);
            var routine = settings.RoutineItems.TryGetValue(department, out var configured) ? configured.ToList() : items.Select(i => i.Code).ToList();
            // A commitment made before the control stratum existed has none: its plan has no control sample.
            var control = commitment.Pools.FirstOrDefault(p => p.Department == department && p.Stratum == CommitPlan.PlanPools.ControlStratum)?.K ?? 0;
            return new DepartmentPlanInput(department, settings.CadenceFor(department), routine,
                RiskGrades.All.SelectMany(grade => pools.GetValueOrDefault((department, grade), []).Select(id => new SupervisedEnterprise(id, RiskGrades.Parse(grade))))
                    .ToList(),
                items.ToDictionary(i => i.Code, i => i.FrequencyCapPerYear, StringComparer.Ordinal), control);
        }).ToList();
        // 清单之外无检查 (INS-1): nothing outside a department's published list may enter the plan.
        var offList = AnnualPlanner.OffListItems(inputs, itemsByDepartment.ToDictionary(d => d.Key,
            d => (IReadOnlySet<string>)d.Value.Select(i => i.Code).ToHashSet(StringComparer.Ordinal)));
        if (offList.Count > 0)
        {
            throw new DrawRefusedException("不在部门已公布的检查事项清单中（清单之外无检查）：{0}",
                string.Join(", ", offList.Select(o => $"{o.Department} {o.Item}")));
        }

        var enterprises = pools.Values.SelectMany(ids => ids).ToHashSet(StringComparer.Ordinal);
        var history = await HistoryAsync(commitment.Year, rules, enterprises, cancellationToken);
        var plan = AnnualPlanner.Plan(commitment.Year, seed, inputs, calendar, rules, history);

        // The planner draws green by the configured rate; it must be what the commitment published.
        foreach (var stratum in strata.Where(s => s.Stratum == RiskGrades.Green))
        {
            var drawn = plan.GreenDraws.GetValueOrDefault(stratum.Department)?.Count ?? 0;
            if (drawn != stratum.K)
            {
                throw new DrawRefusedException("{0} 的检查频次在承诺后改变了（承诺绿色抽取 {1} 家，现为 {2} 家）", stratum.Department, stratum.K, drawn);
            }
        }

        var counties = await db.MarketEntities.AsNoTracking().Where(e => e.Status == EntityStatus.Active)
            .Select(e => new { e.CreditCode, e.CountyCode }).ToListAsync(cancellationToken);
        var countyOf = counties.Where(c => enterprises.Contains(c.CreditCode)).ToDictionary(c => c.CreditCode, c => c.CountyCode, StringComparer.Ordinal);
        var roster = (await db.Inspectors.AsNoTracking().Include(i => i.Department).Where(i => i.Active).ToListAsync(cancellationToken))
            .Select(i => new RosterInspector(i.Id.ToString(CultureInfo.InvariantCulture), i.Department!.Code, i.MonthlyCapacity,
                Split(i.Qualifications), Split(i.ConflictCreditCodes), i.HomeCountyCode)).ToList();
        var staffed = InspectorScheduler.Schedule(seed, plan, roster, itemCategories, history, rules, calendar, countyOf);

        var draw = new DrawDocument(DrawTickets.Algorithm, commitment.Year, seed, commitmentDigest, strata,
            staffed.Staffing.Select(s => new InspectorAssignment(s.VisitKey, s.Department, s.Inspectors.Select(t => new DrawnTicket(t.Id, t.Ticket)).ToList(),
                s.Excluded.Select(e => new ExcludedInspector(e.Id, e.Reason)).ToList())).ToList());
        var planDocument = Document(commitment.Year, seed, commitmentDigest, plan, staffed, rules);

        var record = new PlanDrawRecord
        {
            Year = commitment.Year, Seed = seed, CommitmentDigest = commitmentDigest,
            Actor = actor, CreatedAtUtc = clock.UtcNow, RedrawReason = string.IsNullOrWhiteSpace(redrawReason) ? null : redrawReason.Trim(),
            Obligations = planDocument.Totals.Obligations, VisitsIfSeparate = planDocument.Totals.VisitsIfSeparate, VisitsMerged = planDocument.Totals.VisitsMerged,
            CapViolations = planDocument.Totals.CapViolations, Understaffed = planDocument.Totals.Understaffed,
        };
        // The record and the plan's rows, written from the same documents, stand or fall together.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        db.PlanDraws.Add(record);
        await db.SaveChangesAsync(cancellationToken);
        // The texts are written a piece at a time: a large city's draw.json is larger than one string can hold.
        await PlanRecords.StoreAsync(db, record.Id, PlanRecords.Draw, draw, cancellationToken);
        await PlanRecords.StoreAsync(db, record.Id, PlanRecords.PublicDraw, PublicDrawRecord.From(draw), cancellationToken);
        await PlanRecords.StoreAsync(db, record.Id, PlanRecords.Plan, planDocument, cancellationToken);
        await PlanRowWriter.WriteAsync(db, record.Id, planDocument, draw, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (draw, planDocument, record);
    }

    /// <summary>
    /// What the planner needs of the past: establishment dates inside the grace period and the item
    /// results recent enough for recognition or the previous-year recusal.
    /// </summary>
    private async Task<Dictionary<string, EnterpriseHistory>> HistoryAsync(int year, PlanRules rules, HashSet<string> enterprises, CancellationToken cancellationToken)
    {
        var yearStart = new DateOnly(year, 1, 1);
        var graceFrom = yearStart.AddMonths(-rules.GraceMonths);
        var established = (await db.MarketEntities.AsNoTracking().Where(e => e.EstablishedOn != null && e.EstablishedOn >= graceFrom)
                .Select(e => new { e.CreditCode, e.EstablishedOn }).ToListAsync(cancellationToken))
            .Where(e => enterprises.Contains(e.CreditCode)).ToDictionary(e => e.CreditCode, e => e.EstablishedOn, StringComparer.Ordinal);

        var resultsFrom = new[] { yearStart.AddMonths(-rules.RecognitionValidityMonths), yearStart.AddYears(-1) }.Min();
        var yearEnd = new DateOnly(year, 12, 31);
        var rows = await inspections.ItemResultsAsync(resultsFrom, yearEnd, cancellationToken);
        var results = rows.Where(r => enterprises.Contains(r.CreditCode))
            .GroupBy(r => r.CreditCode, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(r => new PriorResult(r.ItemCode, r.Department, r.Date,
                r.InspectorIds.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))).ToList(), StringComparer.Ordinal);

        var history = new Dictionary<string, EnterpriseHistory>(StringComparer.Ordinal);
        foreach (var code in established.Keys.Union(results.Keys, StringComparer.Ordinal))
        {
            history[code] = new EnterpriseHistory(established.GetValueOrDefault(code), results.GetValueOrDefault(code) ?? []);
        }

        return history;
    }

    private static PlanDocument Document(int year, string seed, string commitmentDigest, AnnualPlan plan, StaffedPlan staffed, PlanRules rules)
    {
        var visits = staffed.Visits.Select(v => new PlanVisit(v.Visit.VisitKey, v.Visit.CreditCode, Day(v.Date), v.MovedFrom is { } from ? Day(from) : null,
            v.Visit.Obligations.Select(o => new PlanObligation(o.Department, o.Items, Day(o.WindowStart), Day(o.WindowEnd), o.Reason,
                o.Grade.ToString().ToLowerInvariant(), o.ControlSample)).ToList())).ToList();
        var unplaceable = plan.Unplaceable.GroupBy(o => o.CreditCode, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var merged = plan.Visits.GroupBy(v => v.CreditCode, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var perEnterprise = plan.Obligations.GroupBy(o => o.CreditCode, StringComparer.Ordinal)
            .Select(g => new PlanEnterpriseTotals(g.Key, g.Count() - unplaceable.GetValueOrDefault(g.Key), merged.GetValueOrDefault(g.Key)))
            .OrderBy(e => e.Enterprise, StringComparer.Ordinal).ToList();
        return new PlanDocument(year, seed, commitmentDigest,
            new PlanRulesRecord(rules.RecognitionValidityMonths, rules.GraceMonths, rules.PerDepartmentCap, rules.OverallCap, rules.InspectorsPerVisit, rules.LocalOfficers),
            visits,
            plan.Recognised.Select(r => new PlanRecognition(r.CreditCode, r.Department, r.Items, Day(r.WindowStart), Day(r.WindowEnd), r.WholeObligation, r.Reason)).ToList(),
            plan.CapViolations.Select(c => new PlanCapViolation(c.CreditCode, c.Kind, c.Department, c.Item, c.Visits, c.Cap)).ToList(),
            staffed.Understaffed.Select(u => new PlanUnderstaffed(u.VisitKey, u.Department, u.Inspectors.Count, rules.InspectorsPerVisit)).ToList(),
            plan.Unplaceable.Select(u => new PlanUnplaceable(u.CreditCode, u.Department, Day(u.WindowStart), Day(u.WindowEnd), "no working day in the window")).ToList(),
            perEnterprise,
            new PlanTotals(plan.Obligations.Count, plan.VisitsIfSeparate, plan.VisitsMerged, plan.Recognised.Count, plan.CapViolations.Count,
                staffed.Understaffed.Count, staffed.Visits.Count(v => v.MovedFrom is not null), plan.Unplaceable.Count));
    }

    private static HashSet<string> Split(string list) =>
        list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
