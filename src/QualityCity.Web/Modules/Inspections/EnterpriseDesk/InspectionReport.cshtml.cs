using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Accounts;
using QualityCity.Web.Modules.Checklists;
using QualityCity.Web.Modules.Inspections.RecordResults;

namespace QualityCity.Web.Modules.Inspections.EnterpriseDesk;

/// <summary>
/// The report of one inspection for the enterprise (EXE-4, 事后体检式反馈): each item's outcome with
/// the rule and what was found, the rectification tasks with their deadlines and the evidence form,
/// and the rating (EXE-7). Another enterprise's report is "not found".
/// </summary>
[Authorize(Roles = Roles.Enterprise)]
public sealed class InspectionReportModel(QualityCityDbContext db, InspectionWork work) : PageModel
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

    public async Task<IActionResult> OnPostEvidenceAsync(long id, CancellationToken cancellationToken)
    {
        Report(await work.SubmitEvidenceAsync(TaskId, new EvidenceRequest(Evidence), User, cancellationToken), "整改材料已提交");
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
            Error = result.Describe();
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
        return true;
    }
}
