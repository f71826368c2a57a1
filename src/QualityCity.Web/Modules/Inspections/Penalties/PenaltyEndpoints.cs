using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.Execution;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Inspections.RecordResults;
using QualityCity.Web.Modules.ReferenceData.Contracts;
using Sylvan.Data.Csv;
using QualityCity.Web.Localization;

namespace QualityCity.Web.Modules.Inspections.Penalties;

public sealed record PenaltyRequest(string? Item, string? Decision, decimal? Fine, int? ExemptionId, int? BandId, string? Reason);

/// <summary>What the page and the API show an officer deciding on a problem.</summary>
public sealed record PenaltyGuidanceView(string Item, bool FirstViolation, IReadOnlyList<object> EarlierProblems, IReadOnlyList<PenaltyExemption> Exemptions,
    IReadOnlyList<DiscretionBand> Bands);

/// <summary>
/// 同案同罚 (EXE-5): for a problem, the matching exemptions and discretion bands and whether it is
/// really the enterprise's first (the same item found a problem in the last two years); the
/// officer's decision, which needs a reason when it departs from them; and the same-item report
/// across officers and departments.
/// </summary>
public static class PenaltyEndpoints
{
    /// <summary>Least similarity for a list entry to be offered for an item.</summary>
    public const double MatchThreshold = 0.4;

    public static async Task LoadListsAsync(QualityCityDbContext db, CancellationToken cancellationToken)
    {
        var folder = Path.Combine(ReferenceFiles.Folder, "checklists");
        if (!await db.PenaltyExemptions.AnyAsync(cancellationToken) && File.Exists(Path.Combine(folder, "exemptions.csv")))
        {
            using var reader = CsvDataReader.Create(Path.Combine(folder, "exemptions.csv"));
            while (await reader.ReadAsync(cancellationToken))
            {
                var violation = reader.GetString(reader.GetOrdinal("violation")).Trim();
                if (violation.Length == 0)
                {
                    continue;
                }

                var kind = reader.GetString(reader.GetOrdinal("kind")).Trim();
                db.PenaltyExemptions.Add(new PenaltyExemption
                {
                    List = reader.GetString(reader.GetOrdinal("list")).Trim(), Kind = kind.Length == 0 ? "轻微不罚" : kind, Violation = violation,
                    Conditions = reader.GetString(reader.GetOrdinal("conditions")).Trim(),
                    LegalBasis = string.Join(" ", reader.GetString(reader.GetOrdinal("legal_basis_violated")), reader.GetString(reader.GetOrdinal("legal_basis_penalty"))).Trim(),
                    Source = reader.GetString(reader.GetOrdinal("source_url")).Trim(),
                });
            }
        }

        if (!await db.DiscretionBands.AnyAsync(cancellationToken) && File.Exists(Path.Combine(folder, "discretion_example.csv")))
        {
            using var reader = CsvDataReader.Create(Path.Combine(folder, "discretion_example.csv"));
            while (await reader.ReadAsync(cancellationToken))
            {
                var standard = reader.GetString(reader.GetOrdinal("penalty_standard")).Trim();
                var range = PenaltyGuidance.ParseFineRange(standard);
                db.DiscretionBands.Add(new DiscretionBand
                {
                    Document = reader.GetString(reader.GetOrdinal("document")).Trim(), Violation = reader.GetString(reader.GetOrdinal("violation")).Trim(),
                    Band = reader.GetString(reader.GetOrdinal("band")).Trim(), Situation = reader.GetString(reader.GetOrdinal("applicable_situation")).Trim(),
                    Standard = standard, MinFine = range?.Min, MaxFine = range?.Max,
                });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    public static async Task<PenaltyGuidanceView?> GuidanceAsync(QualityCityDbContext db, Inspection inspection, string item, CancellationToken cancellationToken)
    {
        var checklistItem = await db.ChecklistItems.AsNoTracking().Where(i => i.Code == item).OrderByDescending(i => i.Version).FirstOrDefaultAsync(cancellationToken);
        if (checklistItem is null)
        {
            return null;
        }

        var text = checklistItem.Name + " " + checklistItem.Content;
        var exemptions = (await db.PenaltyExemptions.AsNoTracking().ToListAsync(cancellationToken))
            .Select(e => (Entry: e, Score: PenaltyGuidance.Similarity(checklistItem.Name, e.Violation)))
            .Where(e => e.Score >= MatchThreshold).OrderByDescending(e => e.Score).Take(3).Select(e => e.Entry).ToList();
        var bands = (await db.DiscretionBands.AsNoTracking().ToListAsync(cancellationToken))
            .Where(b => PenaltyGuidance.Similarity(text, b.Violation) >= MatchThreshold).ToList();
        var twoYearsBefore = inspection.Date.AddYears(-2);
        var earlier = await db.InspectionItemResults.AsNoTracking()
            .Where(r => r.ItemCode == item && r.Outcome == Outcomes.Problem && r.InspectionId != inspection.Id)
            .Join(db.Inspections.Where(i => i.CreditCode == inspection.CreditCode && i.Date >= twoYearsBefore && i.Date <= inspection.Date),
                r => r.InspectionId, i => i.Id, (r, i) => new { i.Id, i.Date, i.DepartmentId })
            .ToListAsync(cancellationToken);
        return new PenaltyGuidanceView(item, earlier.Count == 0, earlier.Select(e => (object)new { inspectionId = e.Id, date = e.Date }).ToList(), exemptions, bands);
    }

    /// <summary>Records the officer's decision on a problem; a departure from the guidance needs a reason.</summary>
    public static async Task<WorkResult> DecideAsync(long id, PenaltyRequest request, ClaimsPrincipal user, QualityCityDbContext db, InspectionWork work,
        Localization.Text text, CancellationToken ct)
    {
        var inspection = await db.Inspections.AsNoTracking().Include(i => i.Results).FirstOrDefaultAsync(i => i.Id == id, ct);
        if (inspection is null)
        {
            return WorkResult.NotFound;
        }

        var officer = await work.InspectorIdAsync(user, ct);
        var assigned = officer is { } own && inspection.InspectorIds.Split(',').Contains(own.ToString(CultureInfo.InvariantCulture));
        if (!assigned && !(user.IsInRole(Roles.DeptHead) && user.DepartmentId() == inspection.DepartmentId))
        {
            return WorkResult.Refused(StatusCodes.Status403Forbidden, text["由检查的执法人员或其部门负责人作出处理决定"]);
        }

        var item = request.Item?.Trim() ?? string.Empty;
        if (!inspection.Results.Any(r => r.ItemCode == item && r.Outcome == Outcomes.Problem))
        {
            return WorkResult.Invalid("item", text.Format("“{0}”不是这次检查发现的问题", item));
        }

        if (!Enum.TryParse<PenaltyKind>(request.Decision, ignoreCase: false, out var decision))
        {
            return WorkResult.Invalid("decision", text.Format("处理决定须为 {0} 之一", string.Join(", ", Enum.GetNames<PenaltyKind>())));
        }

        if (PenaltyGuidance.FineProblem(decision, request.Fine, work.Options.MaxFineYuan) is { } fineProblem)
        {
            return WorkResult.Invalid("fine", fineProblem);
        }

        var guidance = (await GuidanceAsync(db, inspection, item, ct))!;
        var band = request.BandId is { } bandId ? guidance.Bands.FirstOrDefault(b => b.Id == bandId) : null;
        if (request.BandId is not null && band is null)
        {
            return WorkResult.Invalid("bandId", text["该裁量档次不适用于这个事项"]);
        }

        var deviation = PenaltyGuidance.Deviation(decision, guidance.FirstViolation, guidance.Exemptions.Count > 0,
            band is null ? null : new FineRange(band.MinFine, band.MaxFine), request.Fine);
        if (deviation is not null && string.IsNullOrWhiteSpace(request.Reason))
        {
            return WorkResult.Invalid("reason", text.Format("这个决定偏离了裁量指引（{0}），须写明理由", PenaltyTexts.DeviationText(deviation, text)));
        }

        var entry = new PenaltyDecision
        {
            InspectionId = id, ItemCode = item, CreditCode = inspection.CreditCode, DepartmentId = inspection.DepartmentId, Decision = decision.ToString(),
            Fine = request.Fine, ExemptionId = request.ExemptionId, BandId = request.BandId, FirstViolation = guidance.FirstViolation, Deviation = deviation,
            Reason = request.Reason?.Trim() ?? string.Empty, DecidedBy = user.ActorName(), DecidedAtUtc = db.Clock.UtcNow,
        };
        db.PenaltyDecisions.Add(entry);
        await db.SaveChangesAsync(ct);
        return WorkResult.Ok(new { entry.Id, entry.Deviation, entry.FirstViolation });
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Inspections");

        api.MapGet("/inspections/{id:long}/penalty-guidance", async (long id, string item, ClaimsPrincipal user, QualityCityDbContext db, CancellationToken ct) =>
        {
            var inspection = await db.Inspections.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
            if (inspection is null || !user.IsStaff() || !ResultEndpoints.MaySee(user, inspection))
            {
                return Results.NotFound();
            }

            return await GuidanceAsync(db, inspection, item, ct) is { } guidance ? Results.Ok(guidance) : Results.NotFound();
        }).RequireAuthorization(Policies.Staff).Produces<PenaltyGuidanceView>().Produces(StatusCodes.Status404NotFound)
            .WithSummary("处罚裁量指引 — Penalty guidance for a problem")
            .WithDescription("同案同罚：对检查发现问题的事项 `item`，给出匹配的首违不罚/免罚清单条目、裁量基准档次，以及是否确属首次违法（近两年同一事项未发现问题）。 — Like cases, like penalties: for a problem item `item`, the matching first-violation and exemption list entries, the discretion bands, and whether it really is the enterprise's first violation (no problem with the same item in the last two years).");

        api.MapPost("/inspections/{id:long}/penalties", async (long id, PenaltyRequest request, ClaimsPrincipal user, QualityCityDbContext db, InspectionWork work,
            Localization.Text text, CancellationToken ct) => (await DecideAsync(id, request, user, db, work, text, ct)).ToHttp()).RequireAuthorization(Policies.CaseOfficers)
            .ProducesValidationProblem().Produces(StatusCodes.Status404NotFound)
            .WithSummary("作出处理决定 — Record a penalty decision")
            .WithDescription("检查的执法人员或其部门负责人，对一个发现问题的事项 `item` 作出决定 `decision`（如 FirstViolationExempt、Warning、Fine），罚款 `fine` 以元计；偏离指引（所选免罚条目 `exemptionId`、裁量档次 `bandId`）时必须说明理由 `reason`。 — The visit's officer or their department head decides on a problem item `item`: `decision` (e.g. FirstViolationExempt, Warning, Fine) and `fine` in yuan; a departure from the guidance (`exemptionId`, `bandId`) needs a `reason`.");

        // The same item's decisions side by side, across officers and departments (coordinator and department heads).
        api.MapGet("/penalties/consistency", async (string item, ClaimsPrincipal user, QualityCityDbContext db, Text text, CancellationToken ct) =>
        {
            if (!user.SeesAllDepartments() && !user.IsInRole(Roles.DeptHead))
            {
                return Results.Problem(text["处罚一致性比对供统筹部门和部门负责人查看"], statusCode: StatusCodes.Status403Forbidden);
            }

            var decisions = await db.PenaltyDecisions.AsNoTracking().Where(d => d.ItemCode == item).OrderBy(d => d.DecidedAtUtc).ToListAsync(ct);
            var departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Code, ct);
            return Results.Ok(new
            {
                item,
                byDecision = decisions.GroupBy(d => d.Decision).Select(g => new { decision = g.Key, count = g.Count(), minFine = g.Min(d => d.Fine), maxFine = g.Max(d => d.Fine) }),
                decisions = decisions.Select(d => new
                {
                    d.Id, d.InspectionId, d.CreditCode, department = departments.GetValueOrDefault(d.DepartmentId), d.Decision, d.Fine, d.FirstViolation, d.Deviation, d.Reason,
                    officer = d.DecidedBy,
                }),
            });
        }).RequireAuthorization(Policies.Supervisors)
            .WithSummary("同一事项处罚一致性 — Penalty consistency for an item")
            .WithDescription("同一检查事项 `item` 在各执法人员和部门的处理决定并列：按决定汇总数量和罚款范围，并列出每个决定及其是否偏离指引。供统筹部门和部门负责人使用。 — The same item's decisions side by side across officers and departments: counts and fine ranges per decision, and each decision with whether it departed from the guidance. For the coordinator and department heads.");
    }
}
