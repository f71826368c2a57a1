using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.Common;
using QualityCity.Domain.Planning;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Checklists;
using QualityCity.Web.Modules.ReferenceData;
using QualityCity.Web.Modules.Registry;

namespace QualityCity.Web.Modules.Planning.DrawPlan;

/// <summary>Why a draw cannot run; the CLI prints the message and exits 1.</summary>
public sealed class DrawRefusedException(string message) : Exception(message);

/// <summary>
/// INS-9 step 2: with the public seed, draws every committed stratum, builds the year's plan (cadence
/// obligations, the green draws, merged joint visits) and assigns inspectors, then writes and stores
/// draw.json and plan.json. Refuses a reused seed and any pool file that no longer matches its
/// committed digest.
/// </summary>
public sealed class PlanDraw(QualityCityDbContext db)
{
    /// <summary>Inspectors per department on a visit (the law requires at least two officers).</summary>
    public const int InspectorsPerVisit = 2;

    public async Task<(DrawDocument Draw, PlanDocument Plan)> RunAsync(string commitmentPath, string seed, string outputDirectory, string actor,
        CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(seed))
        {
            throw new DrawRefusedException("the seed is empty");
        }

        if (!File.Exists(commitmentPath))
        {
            throw new DrawRefusedException($"commitment not found: {commitmentPath}");
        }

        var commitmentBytes = await File.ReadAllBytesAsync(commitmentPath, cancellationToken);
        var commitmentDigest = Sha256.Hex(commitmentBytes);
        CommitPlan.CommitmentDocument commitment;
        try
        {
            commitment = JsonSerializer.Deserialize<CommitPlan.CommitmentDocument>(commitmentBytes, PlanningJson.Options)
                ?? throw new DrawRefusedException("the commitment is empty");
        }
        catch (JsonException ex)
        {
            throw new DrawRefusedException($"the commitment is not valid JSON: {ex.Message}");
        }

        if (commitment.Algorithm != DrawTickets.Algorithm || commitment.Pools is null)
        {
            throw new DrawRefusedException($"the commitment is not a {DrawTickets.Algorithm} commitment");
        }

        if (!await db.PlanCommitments.AnyAsync(c => c.Digest == commitmentDigest, cancellationToken))
        {
            throw new DrawRefusedException($"commitment {commitmentDigest} was not made by this platform (or was changed after it was made)");
        }

        if (await db.PlanDraws.AnyAsync(d => d.Seed == seed, cancellationToken))
        {
            throw new DrawRefusedException($"seed '{seed}' was already used: a seed is never reused");
        }

        // Every pool must still be byte for byte what was committed.
        var baseDirectory = Path.GetDirectoryName(Path.GetFullPath(commitmentPath))!;
        var pools = new Dictionary<(string Department, string Stratum), List<string>>();
        var strata = new List<DrawStratum>();
        foreach (var pool in commitment.Pools)
        {
            var path = Path.Combine(baseDirectory, pool.PoolFile);
            if (!File.Exists(path))
            {
                throw new DrawRefusedException($"pool file {pool.PoolFile} is missing");
            }

            var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
            if (Sha256.Hex(bytes) != pool.PoolDigest)
            {
                throw new DrawRefusedException($"pool file {pool.PoolFile} changed after the commitment (digest differs)");
            }

            var ids = DrawTickets.PoolFileIds(bytes).ToList();
            pools[(pool.Department, pool.Stratum)] = ids;
            var selected = DrawTickets.Sample(seed, ids, pool.K).Select(d => new DrawnTicket(d.Id, d.Ticket)).ToList();
            strata.Add(new DrawStratum(pool.Department, pool.Stratum, pool.PoolFile, pool.PoolDigest, pool.PoolSize, pool.K, selected));
        }

        var calendar = await ReferenceDataLoader.CalendarAsync(db, cancellationToken);
        var published = await db.ChecklistItems.AsNoTracking().Where(i => i.Status == ChecklistStatus.Published)
            .Join(db.Departments, i => i.DepartmentId, d => d.Id, (i, d) => new { Department = d.Code, i.Code })
            .ToListAsync(cancellationToken);
        var itemsByDepartment = published.GroupBy(p => p.Department)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(p => p.Code).Order(StringComparer.Ordinal).ToList());

        // The planner draws green exactly as the strata above (same seed, same k rule).
        var inputs = commitment.Pools.Select(p => p.Department).Distinct(StringComparer.Ordinal).Select(department =>
            new DepartmentPlanInput(department, new CadenceRules(), itemsByDepartment.GetValueOrDefault(department, []),
                new[] { RiskGrade.Red, RiskGrade.Yellow, RiskGrade.Green }
                    .SelectMany(grade => pools.GetValueOrDefault((department, grade.ToString().ToLowerInvariant()), [])
                        .Select(id => new SupervisedEnterprise(id, grade)))
                    .ToList())).ToList();
        var plan = AnnualPlanner.Plan(commitment.Year, seed, inputs, calendar);

        var assignments = await AssignInspectorsAsync(seed, plan, cancellationToken);
        var draw = new DrawDocument(DrawTickets.Algorithm, commitment.Year, seed, commitmentDigest, strata, assignments);
        var planDocument = new PlanDocument(commitment.Year,
            plan.Visits.Select(v => new PlanVisit(v.VisitKey, v.CreditCode, Day(v.Date),
                v.Obligations.Select(o => new PlanObligation(o.Department, o.Items, Day(o.WindowStart), Day(o.WindowEnd), o.Reason)).ToList())).ToList(),
            [], plan.Unplaceable.Select(u => $"{u.CreditCode} {u.Department}: no working day in {Day(u.WindowStart)}..{Day(u.WindowEnd)}").ToList(),
            new PlanTotals(plan.Obligations.Count, plan.VisitsIfSeparate, plan.VisitsMerged));

        Directory.CreateDirectory(outputDirectory);
        var drawJson = JsonSerializer.Serialize(draw, PlanningJson.Options) + "\n";
        var planJson = JsonSerializer.Serialize(planDocument, PlanningJson.Options) + "\n";
        await File.WriteAllTextAsync(Path.Combine(outputDirectory, "draw.json"), drawJson, new UTF8Encoding(false), cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(outputDirectory, "plan.json"), planJson, new UTF8Encoding(false), cancellationToken);
        db.PlanDraws.Add(new PlanDrawRecord
        {
            Year = commitment.Year, Seed = seed, CommitmentDigest = commitmentDigest, DrawJson = drawJson, PlanJson = planJson,
            Actor = actor, CreatedAtUtc = DateTime.UtcNow,
        });
        await db.SaveChangesAsync(cancellationToken);
        return (draw, planDocument);
    }

    /// <summary>
    /// For each visit in ticket order and each department on it: the department's active inspectors
    /// minus declared conflicts, by ticket(seed, visitKey + "/" + inspectorId); the first two with
    /// capacity left in the visit's month.
    /// </summary>
    private async Task<List<InspectorAssignment>> AssignInspectorsAsync(string seed, AnnualPlan plan, CancellationToken cancellationToken)
    {
        var inspectors = await db.Inspectors.AsNoTracking().Include(i => i.Department).Where(i => i.Active).ToListAsync(cancellationToken);
        var byDepartment = inspectors.GroupBy(i => i.Department!.Code).ToDictionary(g => g.Key, g => g.ToList());
        var load = new Dictionary<(int Inspector, int Month), int>();
        var seedHash = DrawTickets.H(seed);
        var assignments = new List<InspectorAssignment>();
        foreach (var visit in plan.Visits.OrderBy(v => DrawTickets.TicketFromSeedHash(seedHash, v.VisitKey), StringComparer.Ordinal).ThenBy(v => v.VisitKey, StringComparer.Ordinal))
        {
            foreach (var department in visit.Obligations.Select(o => o.Department).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            {
                var excluded = new List<ExcludedInspector>();
                var candidates = new List<string>();
                var capacityOf = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var inspector in byDepartment.GetValueOrDefault(department, []))
                {
                    var id = inspector.Id.ToString(CultureInfo.InvariantCulture);
                    if (inspector.ConflictCreditCodes.Split(',', StringSplitOptions.TrimEntries).Contains(visit.CreditCode, StringComparer.Ordinal))
                    {
                        excluded.Add(new ExcludedInspector(id, "declared conflict of interest"));
                        continue;
                    }

                    candidates.Add(id);
                    capacityOf[id] = inspector.MonthlyCapacity;
                }

                var month = (visit.Date.Year * 12) + visit.Date.Month;
                var taken = DrawTickets.AssignInspectors(seed, visit.VisitKey, candidates, InspectorsPerVisit, id =>
                {
                    var key = (int.Parse(id, CultureInfo.InvariantCulture), month);
                    if (load.GetValueOrDefault(key) >= capacityOf[id])
                    {
                        excluded.Add(new ExcludedInspector(id, $"no capacity left in {visit.Date:yyyy-MM}"));
                        return false;
                    }

                    load[key] = load.GetValueOrDefault(key) + 1;
                    return true;
                });
                assignments.Add(new InspectorAssignment(visit.VisitKey, department, taken.Select(t => new DrawnTicket(t.Id, t.Ticket)).ToList(), excluded));
            }
        }

        return assignments;
    }

    private static string Day(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
