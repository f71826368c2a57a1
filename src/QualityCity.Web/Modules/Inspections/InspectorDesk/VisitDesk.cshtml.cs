using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Checklists.Contracts;
using QualityCity.Web.Modules.Inspections.RecordResults;

namespace QualityCity.Web.Modules.Inspections.InspectorDesk;

/// <summary>
/// One visit on the officer's phone (EXE-3): the department's items on this visit, each with pass /
/// problem / not applicable and a note; then the enterprise's evidence to accept or reopen, and
/// publication. Everything goes through <see cref="InspectionWork"/>, as the API does.
/// </summary>
[Authorize(Roles = Roles.Inspector)]
[RequestSizeLimit(RequestLimits.UploadBytes)]
public sealed class VisitDeskModel(QualityCityDbContext db, InspectionWork work, Attachments.AttachmentWork attachments, Localization.Text text, PlatformClock clock) : PageModel
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
        var photos = Request.Form.Files.Where(f => f.Name.StartsWith("photo-", StringComparison.Ordinal) && f.Length > 0).ToList();
        if (results.Count > 0 || photos.Count == 0)
        {
            var recorded = await work.RecordAsync(id, new ResultsRequest(Date, results), User, cancellationToken);
            Report(recorded, "已保存检查结果");
            if (!recorded.Succeeded)
            {
                return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
            }
        }

        // Photos go with the results: a refused photo names its item and reason, and the results stay saved.
        var refused = new List<string>();
        foreach (var file in photos)
        {
            var item = file.Name["photo-".Length..];
            var stored = await attachments.AttachPhotoAsync(id, item, file, User, cancellationToken);
            if (!stored.Succeeded)
            {
                refused.Add($"{item} {file.FileName}: {stored.Describe(text)}");
            }
        }

        if (refused.Count > 0)
        {
            Error = string.Join("；", refused);
        }
        else if (results.Count == 0)
        {
            Message = "照片已上传";
        }

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
                text, cancellationToken), "处理决定已记录");
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
            Error = result.Describe(text);
        }
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        var me = await work.InspectorIdAsync(User, cancellationToken);
        var visit = await db.Visits.AsNoTracking().IncludeParts().FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        var part = visit?.Departments.FirstOrDefault(d => me is { } own && d.IsAssigned(own));
        if (visit is null || part is null)
        {
            return false; // not this officer's visit: nothing to show
        }

        Visit = visit;
        Part = part;
        EnterpriseName = await db.MarketEntities.Where(e => e.CreditCode == visit.CreditCode).Select(e => e.Name).FirstOrDefaultAsync(cancellationToken) ?? visit.CreditCode;
        var onVisit = part.Items.OrderBy(i => i.Position).ToList();
        var codes = onVisit.Select(i => i.ItemCode).ToList();
        var items = await db.ChecklistItems.AsNoTracking().Where(i => codes.Contains(i.Code)).ToListAsync(cancellationToken);
        Items = onVisit.Select(i => items.FirstOrDefault(x => x.Code == i.ItemCode && x.Version == i.ItemVersion)).OfType<ChecklistItem>().ToList();
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
        var taskIds = Tasks.Select(t => t.Id).ToList();
        Files = await db.Attachments.AsNoTracking()
            .Where(a => (a.VisitId == visit.Id && a.DepartmentId == part.DepartmentId) || (a.TaskId != null && taskIds.Contains(a.TaskId.Value)))
            .OrderBy(a => a.Id).ToListAsync(cancellationToken);
        Decisions = Inspection is null ? [] : await db.PenaltyDecisions.AsNoTracking().Where(d => d.InspectionId == Inspection.Id).ToListAsync(cancellationToken);
        Date ??= Inspection?.Date ?? clock.Today;
        return true;
    }

    /// <summary>Photos, the enterprise's documents and rectification evidence of this department's part of the visit.</summary>
    public IReadOnlyList<Attachments.Attachment> Files { get; private set; } = [];

    public IEnumerable<Attachments.Attachment> FilesOf(string purpose, string? item = null, long? task = null) =>
        Files.Where(f => f.Purpose == purpose && (item is null || f.ItemCode == item) && (task is null || f.TaskId == task));

    public InspectionItemResult? ResultOf(string item) => Inspection?.Results.FirstOrDefault(r => r.ItemCode == item);
}
