using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Accounts;
using QualityCity.Web.Modules.Checklists;
using QualityCity.Web.Modules.Inspections.RecordResults;

namespace QualityCity.Web.Modules.Inspections.InspectorDesk;

/// <summary>
/// One visit on the officer's phone (EXE-3): the department's items on this visit, each with pass /
/// problem / not applicable and a note; then the enterprise's evidence to accept or reopen, and
/// publication. Everything goes through <see cref="InspectionWork"/>, as the API does.
/// </summary>
[Authorize(Roles = Roles.Inspector)]
public sealed class VisitDeskModel(QualityCityDbContext db, InspectionWork work) : PageModel
{
    public Visit Visit { get; private set; } = null!;
    public VisitDepartment Part { get; private set; } = null!;
    public string EnterpriseName { get; private set; } = string.Empty;
    public IReadOnlyList<ChecklistItem> Items { get; private set; } = [];
    public Inspection? Inspection { get; private set; }
    public IReadOnlyList<RectificationTask> Tasks { get; private set; } = [];
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    [BindProperty] public DateOnly? Date { get; set; }
    [BindProperty] public Dictionary<string, string> Outcome { get; set; } = [];
    [BindProperty] public Dictionary<string, string> Notes { get; set; } = [];
    [BindProperty] public long TaskId { get; set; }
    [BindProperty] public string? PenaltyItem { get; set; }
    [BindProperty] public string? Decision { get; set; }
    [BindProperty] public decimal? Fine { get; set; }
    [BindProperty] public int? BandId { get; set; }
    [BindProperty] public string? Reason { get; set; }

    /// <summary>For each problem: the matching exemptions, bands and whether it is a first violation (EXE-5).</summary>
    public IReadOnlyDictionary<string, Penalties.PenaltyGuidanceView> Guidance { get; private set; } = new Dictionary<string, Penalties.PenaltyGuidanceView>();

    public IReadOnlyList<Penalties.PenaltyDecision> Decisions { get; private set; } = [];
    [BindProperty] public string? Note { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostRecordAsync(long id, CancellationToken cancellationToken)
    {
        var results = Outcome.Where(o => !string.IsNullOrEmpty(o.Value))
            .Select(o => new ItemResultRequest(o.Key, o.Value, Notes.GetValueOrDefault(o.Key))).ToList();
        Report(await work.RecordAsync(id, new ResultsRequest(Date, results), User, cancellationToken), "已保存检查结果");
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostDecideAsync(long id, bool accept, CancellationToken cancellationToken)
    {
        Report(await work.DecideAsync(TaskId, new DecisionRequest(accept, Note), User, cancellationToken), accept ? "整改已验收" : "已退回整改");
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostPenaltyAsync(long id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) && Inspection is not null)
        {
            Report(await Penalties.PenaltyEndpoints.DecideAsync(Inspection.Id, new Penalties.PenaltyRequest(PenaltyItem, Decision, Fine, null, BandId, Reason), User, db, work,
                cancellationToken), "处理决定已记录");
        }

        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostPublishAsync(long id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) && Inspection is not null)
        {
            Report(await work.PublishAsync(Inspection.Id, User, cancellationToken), "检查结果已公开");
        }

        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    private void Report(WorkResult result, string done)
    {
        if (result.Succeeded)
        {
            Message = done;
        }
        else
        {
            Error = result.Describe();
        }
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        var me = await work.InspectorIdAsync(User, cancellationToken);
        var visit = await db.Visits.AsNoTracking().Include(v => v.Departments).FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        var token = me?.ToString(CultureInfo.InvariantCulture);
        var part = visit?.Departments.FirstOrDefault(d => token is not null && d.InspectorIds.Split(',').Contains(token));
        if (visit is null || part is null)
        {
            return false; // not this officer's visit: nothing to show
        }

        Visit = visit;
        Part = part;
        EnterpriseName = await db.MarketEntities.Where(e => e.CreditCode == visit.CreditCode).Select(e => e.Name).FirstOrDefaultAsync(cancellationToken) ?? visit.CreditCode;
        var onVisit = part.Items.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(i => i.Split(':')).ToList();
        var codes = onVisit.Select(i => i[0]).ToList();
        var items = await db.ChecklistItems.AsNoTracking().Where(i => codes.Contains(i.Code)).ToListAsync(cancellationToken);
        Items = onVisit.Select(i => items.FirstOrDefault(x => x.Code == i[0] && x.Version.ToString(CultureInfo.InvariantCulture) == i[1])).OfType<ChecklistItem>().ToList();
        Inspection = await db.Inspections.AsNoTracking().Include(i => i.Results)
            .FirstOrDefaultAsync(i => i.VisitKey == visit.VisitKey && i.DepartmentId == part.DepartmentId, cancellationToken);
        Tasks = Inspection is null ? [] : await db.RectificationTasks.AsNoTracking().Where(t => t.InspectionId == Inspection.Id).ToListAsync(cancellationToken);
        var guidance = new Dictionary<string, Penalties.PenaltyGuidanceView>();
        foreach (var problem in Inspection?.Results.Where(r => r.Outcome == Outcomes.Problem) ?? [])
        {
            if (await Penalties.PenaltyEndpoints.GuidanceAsync(db, Inspection!, problem.ItemCode, cancellationToken) is { } view)
            {
                guidance[problem.ItemCode] = view;
            }
        }

        Guidance = guidance;
        Decisions = Inspection is null ? [] : await db.PenaltyDecisions.AsNoTracking().Where(d => d.InspectionId == Inspection.Id).ToListAsync(cancellationToken);
        Date ??= Inspection?.Date ?? InspectionWork.Today();
        return true;
    }

    public InspectionItemResult? ResultOf(string item) => Inspection?.Results.FirstOrDefault(r => r.ItemCode == item);
}
