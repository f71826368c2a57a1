using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Checklists.Contracts;
using QualityCity.Web.Modules.Inspections.RecordResults;

namespace QualityCity.Web.Modules.Inspections.EnterpriseDesk;

/// <summary>
/// The report of one inspection for the enterprise (EXE-4, 事后体检式反馈): each item's outcome with
/// the rule and what was found, the rectification tasks with their deadlines and the evidence form,
/// and the rating (EXE-7). Another enterprise's report is "not found".
/// </summary>
[Authorize(Roles = Roles.Enterprise)]
[RequestSizeLimit(RequestLimits.UploadBytes)]
public sealed class InspectionReportModel(QualityCityDbContext db, InspectionWork work, Attachments.AttachmentWork attachments, Complaints.ComplaintWork complaints, Localization.Text text) : PageModel
{
    public Inspection Inspection { get; private set; } = null!;
    public string DepartmentName { get; private set; } = string.Empty;
    public IReadOnlyDictionary<string, ChecklistItem> Items { get; private set; } = new Dictionary<string, ChecklistItem>();
    public IReadOnlyList<RectificationTask> Tasks { get; private set; } = [];
    public bool Rated { get; private set; }
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    [BindProperty] public long TaskId { get; set; }
    [BindProperty] public string? Evidence { get; set; }
    [BindProperty] public int? Score { get; set; }
    [BindProperty] public string? Comment { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) => await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    [BindProperty] public string? Category { get; set; }
    [BindProperty] public string? ComplaintText { get; set; }

    /// <summary>Photos of this inspection and the evidence sent for its tasks.</summary>
    public IReadOnlyList<Attachments.Attachment> Files { get; private set; } = [];

    /// <summary>The signatures drawn on the officer's phone (EXE-9), and the hash of the results as they stand now.</summary>
    public IReadOnlyList<OfflineSync.InspectionSignature> Signatures { get; private set; } = [];
    public string CurrentHash { get; private set; } = string.Empty;

    public IReadOnlyList<Complaints.InspectionComplaint> MyComplaints { get; private set; } = [];

    /// <summary>The description and its files go together: a refused file refuses the submission, so the officer never sees half of it.</summary>
    public async Task<IActionResult> OnPostEvidenceAsync(long id, List<IFormFile> files, CancellationToken cancellationToken)
    {
        var stored = new List<Attachments.StoredFile>();
        foreach (var file in files.Where(f => f.Length > 0))
        {
            var (checkedFile, error) = await attachments.CheckEvidenceFileAsync(file, cancellationToken);
            if (checkedFile is null)
            {
                Error = $"{file.FileName}: {error}";
                return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
            }

            stored.Add(checkedFile);
        }

        var result = await work.SubmitEvidenceAsync(TaskId, new EvidenceRequest(Evidence), User, cancellationToken);
        Report(result, "整改材料已提交");
        if (result.Succeeded && stored.Count > 0)
        {
            var task = await db.RectificationTasks.AsNoTracking().FirstAsync(t => t.Id == TaskId, cancellationToken);
            await attachments.AddEvidenceAsync(task, stored, User, cancellationToken);
        }

        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostComplainAsync(long id, CancellationToken cancellationToken)
    {
        Report(await complaints.FileAsync(id, new Complaints.ComplaintRequest(Category, ComplaintText), User, cancellationToken), "投诉已提交，将在规定时间内答复");
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostRateAsync(long id, CancellationToken cancellationToken)
    {
        Report(await work.RateAsync(id, new RatingRequest(Score, Comment), User, cancellationToken), "感谢您的评价");
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
        var inspection = await db.Inspections.AsNoTracking().Include(i => i.Results).FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (inspection is null || inspection.CreditCode != User.CreditCode())
        {
            return false;
        }

        Inspection = inspection;
        DepartmentName = await db.Departments.Where(d => d.Id == inspection.DepartmentId).Select(d => Localization.Text.IsEnglish ? d.NameEn : d.Name).FirstAsync(cancellationToken);
        var codes = inspection.Results.Select(r => r.ItemCode).ToList();
        Items = (await db.ChecklistItems.AsNoTracking().Where(i => codes.Contains(i.Code)).ToListAsync(cancellationToken))
            .Where(i => inspection.Results.Any(r => r.ItemCode == i.Code && r.ItemVersion == i.Version)).ToDictionary(i => i.Code);
        Tasks = await db.RectificationTasks.AsNoTracking().Where(t => t.InspectionId == id).ToListAsync(cancellationToken);
        Rated = await db.InspectionRatings.AnyAsync(r => r.InspectionId == id, cancellationToken);
        var taskIds = Tasks.Select(t => (long?)t.Id).ToList();
        var visitIds = await db.Visits.Where(v => v.VisitKey == inspection.VisitKey).Select(v => (long?)v.Id).ToListAsync(cancellationToken);
        Files = await db.Attachments.AsNoTracking()
            .Where(a => (a.Purpose != Attachments.AttachmentPurposes.Evidence && visitIds.Contains(a.VisitId) && a.DepartmentId == inspection.DepartmentId) || taskIds.Contains(a.TaskId))
            .OrderBy(a => a.Id).ToListAsync(cancellationToken);
        MyComplaints = await complaints.Visible(User).Where(c => c.InspectionId == id).OrderBy(c => c.Id).ToListAsync(cancellationToken);
        Signatures = await db.InspectionSignatures.AsNoTracking().Where(s => visitIds.Contains(s.VisitId) && s.DepartmentId == inspection.DepartmentId)
            .OrderBy(s => s.Id).ToListAsync(cancellationToken);
        CurrentHash = OfflineSync.OfflineSync.HashOf(inspection);
        return true;
    }
}
