using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;

namespace QualityCity.Web.Modules.Inspections.RecordResults;

/// <summary>
/// What an officer has entered for one item of a visit but not yet recorded (the form saves it as
/// the officer goes). A draft is not a result: nothing but the officer's own form reads it — not
/// the KPIs, the deadlines, publication or open data — and recording the item removes it.
/// </summary>
public sealed class ResultDraft
{
    public long Id { get; set; }
    public long VisitId { get; set; }
    public int DepartmentId { get; set; }

    /// <summary>The officer's registry id: each officer of a joint part keeps drafts of their own.</summary>
    public int InspectorId { get; set; }

    public required string ItemCode { get; set; }

    /// <summary>pass / problem / not-applicable, or null while only a note is written.</summary>
    public string? Outcome { get; set; }

    public string Notes { get; set; } = string.Empty;
    public DateTime SavedAtUtc { get; set; }
}

/// <summary>
/// Saves and reads an officer's drafts of a visit's results. The rules are the results' own where
/// they apply (the assigned officer, an item on the officer's part, a known outcome, not after
/// publication); a problem without a note is a fine draft — the note is what the officer writes next.
/// </summary>
public sealed class ResultDrafts(QualityCityDbContext db, InspectionWork work, Text text, PlatformClock clock)
{
    /// <summary>Saves the officer's drafts of some items of a visit (an item with neither outcome nor note loses its draft); all or nothing.</summary>
    public async Task<WorkResult> SaveAsync(long visitId, IReadOnlyList<ItemResultRequest> items, ClaimsPrincipal user, CancellationToken ct)
    {
        var visit = await db.Visits.AsNoTracking().IncludeParts().FirstOrDefaultAsync(v => v.Id == visitId, ct);
        var inspectorId = await work.InspectorIdAsync(user, ct);
        var part = visit is not null && inspectorId is { } own ? visit.Departments.FirstOrDefault(d => d.IsAssigned(own)) : null;
        if (visit is null || part is null)
        {
            return WorkResult.NotFound;
        }

        if (visit.Status != VisitStatus.Registered)
        {
            return WorkResult.Refused(StatusCodes.Status409Conflict, text.Format("这次检查已取消：{0}", visit.CancelReason));
        }

        var onVisit = part.ItemVersions();
        var entries = items.Select(i => (Code: i.Item?.Trim() ?? string.Empty, Outcome: string.IsNullOrWhiteSpace(i.Outcome) ? null : i.Outcome.Trim(), Notes: i.Notes ?? string.Empty)).ToList();
        if (entries.Any(e => !onVisit.ContainsKey(e.Code)))
        {
            return WorkResult.Invalid("item", text["这个事项不在本次检查中"]);
        }

        if (entries.Any(e => e.Outcome is not null && !Outcomes.All.Contains(e.Outcome)))
        {
            return WorkResult.Invalid("outcome", text["结果须为符合、发现问题或不适用"]);
        }

        if (entries.Any(e => e.Notes.Length > ItemResultRequest.NotesMaxLength))
        {
            return WorkResult.Invalid("notes", text.Format("问题描述最多 {0} 字", ItemResultRequest.NotesMaxLength));
        }

        if (await db.Inspections.AnyAsync(i => i.VisitKey == visit.VisitKey && i.DepartmentId == part.DepartmentId && i.PublishedAtUtc != null, ct))
        {
            return WorkResult.Refused(StatusCodes.Status409Conflict, text["检查结果已公开，不能再更改"]);
        }

        // Drafts change at every few keystrokes: the audit log keeps what is recorded, not each draft.
        db.AuditChanges = false;
        try
        {
            var saved = await db.ResultDrafts.Where(d => d.VisitId == visitId && d.DepartmentId == part.DepartmentId && d.InspectorId == inspectorId).ToListAsync(ct);
            foreach (var (code, outcome, notes) in entries)
            {
                var draft = saved.FirstOrDefault(d => d.ItemCode == code);
                var empty = outcome is null && string.IsNullOrWhiteSpace(notes);
                if (draft is null && !empty)
                {
                    draft = new ResultDraft { VisitId = visitId, DepartmentId = part.DepartmentId, InspectorId = inspectorId!.Value, ItemCode = code };
                    db.ResultDrafts.Add(draft);
                    saved.Add(draft);
                }

                if (draft is not null && empty)
                {
                    db.ResultDrafts.Remove(draft);
                    saved.Remove(draft);
                }
                else if (draft is not null)
                {
                    draft.Outcome = outcome;
                    draft.Notes = notes;
                    draft.SavedAtUtc = clock.UtcNow;
                }
            }

            await db.SaveChangesAsync(ct);
        }
        finally
        {
            db.AuditChanges = true;
        }

        return WorkResult.Ok(new { saved = entries.Count });
    }

    /// <summary>The officer's drafts of a visit part, by item code.</summary>
    public async Task<IReadOnlyDictionary<string, ResultDraft>> OfAsync(long visitId, int departmentId, int inspectorId, CancellationToken ct) =>
        await db.ResultDrafts.AsNoTracking().Where(d => d.VisitId == visitId && d.DepartmentId == departmentId && d.InspectorId == inspectorId)
            .ToDictionaryAsync(d => d.ItemCode, StringComparer.Ordinal, ct);
}
