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
public sealed class VisitDeskModel(QualityCityDbContext db, InspectionWork work, ResultDrafts drafts, Attachments.AttachmentWork attachments, Localization.Text text, PlatformClock clock) : PageModel
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

    /// <summary>What each item's card shows: the posted values after a refused submission, else the officer's draft, else the recorded result.</summary>
    public IReadOnlyDictionary<string, ItemEntry> Entries { get; private set; } = new Dictionary<string, ItemEntry>();

    /// <summary>The reason an item was refused, by item code, shown on its card.</summary>
    public Dictionary<string, string> ItemErrors { get; } = new(StringComparer.Ordinal);

    public string? DateError { get; private set; }
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
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var posted = PostedEntries();
        var results = posted.Where(p => p.Value.Outcome is not null)
            .Select(p => new ItemResultRequest(p.Key, p.Value.Outcome, p.Value.Notes)).ToList();
        var photos = Request.Form.Files.Where(f => f.Name.StartsWith("photo-", StringComparison.Ordinal) && f.Length > 0).ToList();
        if (results.Count > 0 || photos.Count == 0)
        {
            var recorded = await work.RecordAsync(id, new ResultsRequest(Date, results), User, cancellationToken);
            if (!recorded.Succeeded)
            {
                // A refused submission saves nothing: the form comes back as the officer left it, each
                // reason next to its item or field (photos are not sent again: the browser cannot refill them).
                Explain(recorded);
                // What was entered is kept as drafts too, so that it also survives closing the page; a
                // blank item removes no draft (a form sent again from the browser's history may be stale).
                var onForm = posted.Where(p => Items.Any(i => i.Code == p.Key) && (p.Value.Outcome is null || Outcomes.All.Contains(p.Value.Outcome))
                        && (p.Value.Outcome is not null || !string.IsNullOrWhiteSpace(p.Value.Notes)))
                    .Select(p => new ItemResultRequest(p.Key, p.Value.Outcome, p.Value.Notes)).ToList();
                if (onForm.Count > 0)
                {
                    await drafts.SaveAsync(id, onForm, User, cancellationToken);
                }

                var shown = new Dictionary<string, ItemEntry>(Entries, StringComparer.Ordinal);
                foreach (var (code, entry) in posted)
                {
                    shown[code] = entry with { Draft = onForm.Any(f => f.Item == code) && (entry.Outcome is not null || !string.IsNullOrWhiteSpace(entry.Notes)) };
                }

                Entries = shown;
                return Page();
            }

            Message = "已保存检查结果";
        }

        // Photos go with the results: a refused photo names its item and reason, and the results stay saved.
        var refused = new List<string>();
        foreach (var file in photos)
        {
            var item = file.Name["photo-".Length..];
            var stored = await attachments.AttachPhotoAsync(id, item, file, User, cancellationToken);
            if (!stored.Succeeded)
            {
                refused.Add($"{NameOf(item)} {file.FileName}: {stored.Describe(text)}");
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

    /// <summary>Saves one item's outcome and note as the officer enters them (the page's script), answering with a short status.</summary>
    public async Task<IActionResult> OnPostDraftAsync(long id, CancellationToken cancellationToken)
    {
        var form = Request.Form;
        var saved = await drafts.SaveAsync(id, [new ItemResultRequest(form["item"], form["outcome"], form["notes"])], User, cancellationToken);
        return saved.Succeeded
            ? new JsonResult(new { saved = true, message = text["草稿已暂存"] })
            : new JsonResult(new { saved = false, message = saved.Describe(text) }) { StatusCode = saved.Status };
    }

    /// <summary>
    /// The item fields of the posted form, and only those (Outcome[CODE], Notes[CODE]): the date, the
    /// anti-forgery token and the photo fields are never taken for items.
    /// </summary>
    private Dictionary<string, ItemEntry> PostedEntries()
    {
        var entries = new Dictionary<string, ItemEntry>(StringComparer.Ordinal);
        foreach (var (key, value) in Request.Form)
        {
            if (ItemField(key, "Outcome") is { } outcomeOf)
            {
                var outcome = value.ToString();
                entries[outcomeOf] = (entries.GetValueOrDefault(outcomeOf) ?? new ItemEntry(null, string.Empty)) with { Outcome = outcome.Length == 0 ? null : outcome };
            }
            else if (ItemField(key, "Notes") is { } notesOf)
            {
                entries[notesOf] = (entries.GetValueOrDefault(notesOf) ?? new ItemEntry(null, string.Empty)) with { Notes = value.ToString() };
            }
        }

        return entries;
    }

    private static string? ItemField(string key, string field) =>
        key.Length > field.Length + 2 && key.StartsWith(field + "[", StringComparison.Ordinal) && key.EndsWith(']')
            ? key[(field.Length + 1)..^1]
            : null;

    /// <summary>The reasons of a refused submission, next to the items and the date they concern, each item named as on its card.</summary>
    private void Explain(WorkResult refused)
    {
        if (refused.Errors is null)
        {
            Error = refused.Describe(text);
            return;
        }

        var general = new List<string>();
        foreach (var (key, messages) in refused.Errors)
        {
            var (kind, item) = key.IndexOf(':', StringComparison.Ordinal) is var colon and > 0 ? (key[..colon], key[(colon + 1)..]) : (key, null);
            switch (kind)
            {
                case "date":
                    DateError = string.Join("；", messages);
                    break;
                case "notes" when item is not null:
                    // The service's reason (a missing note, or one too long) with the item's name in front.
                    ItemErrors[item] = text.Format("“{0}”：{1}", NameOf(item), string.Join("；", messages));
                    break;
                case "outcome" when item is not null:
                    ItemErrors[item] = text.Format("“{0}”：请选择符合、发现问题或不适用", NameOf(item));
                    break;
                case "results":
                    general.Add(text["请至少为一个事项选择结果：符合、发现问题或不适用"]);
                    break;
                default:
                    // Only a form out of date (or altered) names items that are not on this visit.
                    general.Add(text["表单中的事项与本次检查不一致，请刷新页面后重新填写"]);
                    break;
            }
        }

        if (ItemErrors.Count > 0)
        {
            general.Insert(0, text.Format("检查结果未保存，请修改：{0}", string.Join("、", Items.Where(i => ItemErrors.ContainsKey(i.Code)).Select(i => i.Name))));
        }

        if (DateError is not null)
        {
            general.Insert(0, text["检查结果未保存，请修改检查日期"]);
        }

        Error = string.Join("；", general.Distinct());
    }

    private string NameOf(string item) => Items.FirstOrDefault(i => i.Code == item)?.Name ?? item;

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
        var entries = (Inspection?.Results ?? []).ToDictionary(r => r.ItemCode, r => new ItemEntry(r.Outcome, r.Notes), StringComparer.Ordinal);
        if (Inspection?.PublishedAtUtc is null)
        {
            foreach (var (code, draft) in await drafts.OfAsync(visit.Id, part.DepartmentId, me!.Value, cancellationToken))
            {
                entries[code] = new ItemEntry(draft.Outcome, draft.Notes, Draft: true);
            }
        }

        Entries = entries;
        Versions = (Inspection?.Results ?? []).ToDictionary(r => r.ItemCode, r => r.Version, StringComparer.Ordinal);
        Date ??= Inspection?.Date ?? clock.Today;
        // What the officer should know before going in, kept on the phone with the page: the enterprise's last published inspection.
        LastInspection = await db.Inspections.AsNoTracking().Include(i => i.Results)
            .Where(i => i.CreditCode == visit.CreditCode && i.VisitKey != visit.VisitKey && i.PublishedAtUtc != null && i.Date <= visit.Date)
            .OrderByDescending(i => i.Date).ThenByDescending(i => i.Id).FirstOrDefaultAsync(cancellationToken);
        LastDepartment = LastInspection is null ? null
            : await db.Departments.Where(d => d.Id == LastInspection.DepartmentId).Select(d => Localization.Text.IsEnglish ? d.NameEn : d.Name).FirstAsync(cancellationToken);
        Signatures = await db.InspectionSignatures.AsNoTracking().Where(s => s.VisitId == visit.Id && s.DepartmentId == part.DepartmentId).OrderBy(s => s.Id)
            .ToListAsync(cancellationToken);
        CurrentHash = Inspection is null ? null : OfflineSync.OfflineSync.HashOf(Inspection);
        return true;
    }

    /// <summary>Each recorded item's version: the phone sends the one it saw with an offline entry (EXE-9).</summary>
    public IReadOnlyDictionary<string, int> Versions { get; private set; } = new Dictionary<string, int>();

    /// <summary>The enterprise's last published inspection before this visit, by any department.</summary>
    public Inspection? LastInspection { get; private set; }
    public string? LastDepartment { get; private set; }

    /// <summary>The signatures received for this part, and the hash of its results now.</summary>
    public IReadOnlyList<OfflineSync.InspectionSignature> Signatures { get; private set; } = [];
    public string? CurrentHash { get; private set; }

    /// <summary>Photos, the enterprise's documents and rectification evidence of this department's part of the visit.</summary>
    public IReadOnlyList<Attachments.Attachment> Files { get; private set; } = [];

    public IEnumerable<Attachments.Attachment> FilesOf(string purpose, string? item = null, long? task = null) =>
        Files.Where(f => f.Purpose == purpose && (item is null || f.ItemCode == item) && (task is null || f.TaskId == task));

    public ItemEntry? EntryOf(string item) => Entries.GetValueOrDefault(item);
}

/// <summary>An item's outcome and note as the form shows them; <paramref name="Draft"/> when they are the officer's unrecorded draft.</summary>
public sealed record ItemEntry(string? Outcome, string Notes, bool Draft = false);
