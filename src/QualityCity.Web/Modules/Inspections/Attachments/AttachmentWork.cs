using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QualityCity.Domain.Execution;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Checklists.Contracts;
using QualityCity.Web.Modules.Inspections.RecordResults;

namespace QualityCity.Web.Modules.Inspections.Attachments;

/// <summary>
/// Files on an inspection: the officer's photos of an item (EXE-3), the enterprise's documents for
/// documentary items before the visit (EXE-2) and its rectification evidence (EXE-4). The same
/// rules as the results: only the assigned officers photograph, only items on the visit, only the
/// enterprise itself sends documents; a refused file leaves no row behind.
/// </summary>
public sealed class AttachmentWork(QualityCityDbContext db, AttachmentStore store, InspectionWork work, IOptions<InspectionOptions> options, Text text, PlatformClock clock)
{
    private static readonly FileKind[] Photos = [FileKind.Jpeg, FileKind.Png, FileKind.WebP];
    private static readonly FileKind[] Documents = [FileKind.Jpeg, FileKind.Png, FileKind.WebP, FileKind.Pdf];

    private long MaxPhotoBytes => options.Value.MaxPhotoMegabytes * 1048576L;
    private long MaxDocumentBytes => options.Value.MaxDocumentMegabytes * 1048576L;

    /// <summary>An officer's photo of an item; <paramref name="takenAtUtc"/>, when a phone kept it offline, is when it was taken (the late entry rule counts from it).</summary>
    public async Task<WorkResult> AttachPhotoAsync(long visitId, string? item, IFormFile? file, ClaimsPrincipal user, CancellationToken ct, DateTime? takenAtUtc = null)
    {
        var visit = await db.Visits.AsNoTracking().IncludeParts().FirstOrDefaultAsync(v => v.Id == visitId, ct);
        if (visit is null)
        {
            return WorkResult.NotFound;
        }

        var inspectorId = await work.InspectorIdAsync(user, ct);
        var part = inspectorId is { } own
            ? visit.Departments.FirstOrDefault(d => d.IsAssigned(own))
            : null;
        if (part is null)
        {
            return WorkResult.Refused(StatusCodes.Status403Forbidden, text["只有本次检查指派的执法人员可以上传现场照片"]);
        }

        var code = item?.Trim() ?? string.Empty;
        if (!part.ItemVersions().ContainsKey(code))
        {
            return WorkResult.Invalid("item", text.Format("不在本次检查的事项中（清单之外无检查）：{0}", code.Length == 0 ? "（空）" : code));
        }

        if (await IsPublishedAsync(visit.VisitKey, part.DepartmentId, ct))
        {
            return WorkResult.Refused(StatusCodes.Status409Conflict, text["检查结果已公开，不能再更改"]);
        }

        var taken = takenAtUtc is { } at && Localization.ChinaTime.Day(at) < clock.Today ? Localization.ChinaTime.Day(at) : clock.Today;
        if (taken.DayNumber - visit.ValidTo.DayNumber > options.Value.LateEntryDays)
        {
            return WorkResult.Invalid("date", text.Format("检查有效期结束（{0:yyyy-MM-dd}）后最多 {1} 天内可以补录", visit.ValidTo, options.Value.LateEntryDays));
        }

        return await StoreAsync(file, Photos, MaxPhotoBytes, user, new Attachment
        {
            Purpose = AttachmentPurposes.Photo, VisitId = visit.Id, CreditCode = visit.CreditCode, DepartmentId = part.DepartmentId, ItemCode = code,
            FileName = string.Empty, ContentType = string.Empty, Sha256 = string.Empty, UploadedBy = user.ActorName(),
        }, ct);
    }

    /// <summary>The enterprise answers a documentary item (查阅资料, 书面检查) by sending the document before the visit.</summary>
    public async Task<WorkResult> AttachDocumentAsync(long visitId, string? item, IFormFile? file, ClaimsPrincipal user, CancellationToken ct)
    {
        var visit = await db.Visits.AsNoTracking().IncludeParts().FirstOrDefaultAsync(v => v.Id == visitId, ct);
        if (visit is null || !user.IsInRole(Roles.Enterprise) || user.CreditCode() != visit.CreditCode)
        {
            return WorkResult.NotFound;
        }

        if (visit.Status != VisitStatus.Registered || clock.Today > visit.ValidTo)
        {
            return WorkResult.Refused(StatusCodes.Status409Conflict, text["这次检查已取消或已过有效期，不能再提交资料"]);
        }

        var code = item?.Trim() ?? string.Empty;
        var part = visit.Departments.FirstOrDefault(d => d.ItemVersions().ContainsKey(code));
        if (part is null)
        {
            return WorkResult.Invalid("item", text.Format("不在本次检查的事项中（清单之外无检查）：{0}", code.Length == 0 ? "（空）" : code));
        }

        var version = part.ItemVersions()[code];
        var method = await db.ChecklistItems.Where(i => i.Code == code && i.Version == version).Select(i => i.Method).FirstOrDefaultAsync(ct);
        if (!ItemMethods.IsDocumentary(method))
        {
            return WorkResult.Invalid("item", text.Format("事项 {0} 需要现场检查，不能以提交资料代替", code));
        }

        if (await IsPublishedAsync(visit.VisitKey, part.DepartmentId, ct))
        {
            return WorkResult.Refused(StatusCodes.Status409Conflict, text["检查结果已公开，不能再更改"]);
        }

        return await StoreAsync(file, Documents, MaxDocumentBytes, user, new Attachment
        {
            Purpose = AttachmentPurposes.Document, VisitId = visit.Id, CreditCode = visit.CreditCode, DepartmentId = part.DepartmentId, ItemCode = code,
            FileName = string.Empty, ContentType = string.Empty, Sha256 = string.Empty, UploadedBy = user.ActorName(),
        }, ct);
    }

    /// <summary>Evidence files for an open rectification task, before its description is submitted.</summary>
    public async Task<WorkResult> AttachEvidenceAsync(long taskId, IFormFile? file, ClaimsPrincipal user, CancellationToken ct)
    {
        var task = await db.RectificationTasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId, ct);
        if (task is null || !user.IsInRole(Roles.Enterprise) || user.CreditCode() != task.CreditCode)
        {
            return WorkResult.NotFound;
        }

        if (task.Status != "open")
        {
            return WorkResult.Refused(StatusCodes.Status409Conflict, text["整改任务不在整改中，不能再添加材料"]);
        }

        return await StoreAsync(file, Documents, MaxDocumentBytes, user, new Attachment
        {
            Purpose = AttachmentPurposes.Evidence, TaskId = task.Id, CreditCode = task.CreditCode, DepartmentId = task.DepartmentId, ItemCode = task.ItemCode,
            FileName = string.Empty, ContentType = string.Empty, Sha256 = string.Empty, UploadedBy = user.ActorName(),
        }, ct);
    }

    /// <summary>Checks a file for an evidence submission without recording it yet (the page sends the files with the description).</summary>
    public Task<(StoredFile? File, string? Error)> CheckEvidenceFileAsync(IFormFile? file, CancellationToken ct) =>
        store.SaveAsync(file, Documents, MaxDocumentBytes, text, ct);

    public async Task AddEvidenceAsync(RectificationTask task, IEnumerable<StoredFile> files, ClaimsPrincipal user, CancellationToken ct)
    {
        foreach (var file in files)
        {
            db.Attachments.Add(Row(file, new Attachment
            {
                Purpose = AttachmentPurposes.Evidence, TaskId = task.Id, CreditCode = task.CreditCode, DepartmentId = task.DepartmentId, ItemCode = task.ItemCode,
                FileName = string.Empty, ContentType = string.Empty, Sha256 = string.Empty, UploadedBy = user.ActorName(),
            }));
        }

        await db.SaveChangesAsync(ct);
    }

    /// <summary>An attachment with the file, for whoever may read it: the enterprise itself, the department's staff, the coordinator.</summary>
    public async Task<(Attachment Row, Stream Content)?> OpenAsync(long id, ClaimsPrincipal user, CancellationToken ct)
    {
        var row = await db.Attachments.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        return row is not null && MayRead(user, row) ? (row, store.OpenRead(row.Sha256)) : null;
    }

    /// <summary>A signature's PNG for a department's part of a visit (EXE-9); the caller has checked who may sign.</summary>
    public Task<WorkResult> AttachSignatureAsync(Visit visit, VisitDepartment part, IFormFile? file, ClaimsPrincipal user, CancellationToken ct) =>
        StoreAsync(file, [FileKind.Png], SignatureBytes, user, new Attachment
        {
            Purpose = AttachmentPurposes.Signature, VisitId = visit.Id, CreditCode = visit.CreditCode, DepartmentId = part.DepartmentId,
            FileName = string.Empty, ContentType = string.Empty, Sha256 = string.Empty, UploadedBy = user.ActorName(),
        }, ct);

    /// <summary>A signature drawn on a phone's screen is a few kilobytes; a megabyte is room enough.</summary>
    private const long SignatureBytes = 1048576L;

    public static bool MayRead(ClaimsPrincipal user, Attachment row) =>
        user.SeesAllDepartments()
        || (user.IsInRole(Roles.Enterprise) && user.CreditCode() == row.CreditCode)
        || (user.IsStaff() && !user.IsInRole(Roles.Enterprise) && user.DepartmentId() == row.DepartmentId);

    private async Task<WorkResult> StoreAsync(IFormFile? file, FileKind[] allowed, long maxBytes, ClaimsPrincipal user, Attachment row, CancellationToken ct)
    {
        var (stored, error) = await store.SaveAsync(file, allowed, maxBytes, text, ct);
        if (stored is null)
        {
            return WorkResult.Invalid("file", error!);
        }

        db.Attachments.Add(Row(stored, row));
        await db.SaveChangesAsync(ct);
        return WorkResult.Ok(new AttachmentSaved(row.Id, row.Purpose, row.ItemCode, row.FileName, row.ContentType, row.Size, row.Sha256, $"/api/attachments/{row.Id}"));
    }

    private Attachment Row(StoredFile file, Attachment row)
    {
        row.FileName = file.FileName;
        row.ContentType = UploadedFileType.ContentType(file.Kind);
        row.Size = file.Size;
        row.Sha256 = file.Sha256;
        row.UploadedAtUtc = clock.UtcNow;
        return row;
    }

    private Task<bool> IsPublishedAsync(string visitKey, int departmentId, CancellationToken ct) =>
        db.Inspections.AnyAsync(i => i.VisitKey == visitKey && i.DepartmentId == departmentId && i.PublishedAtUtc != null, ct);
}
