using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Inspections.Complaints;

namespace QualityCity.Web.Modules.Inspections.Deadlines;

/// <summary>
/// The department's warnings (EXE-6, EXE-4, EXE-7): results that must be published within the next
/// working days or are late, rectification tasks past their deadline, and complaints waiting for an
/// answer, which the coordinator answers here. Each list is scoped to the user's department; the
/// coordinator sees every department.
/// </summary>
[Authorize(Roles = Roles.Staff)]
public sealed class DeadlinesModel(DeadlineWatch watch, ComplaintWork complaints, QualityCityDbContext db, Localization.Text text, PlatformClock clock) : PageModel
{
    public IReadOnlyList<PublicationDue> Publication { get; private set; } = [];
    public IReadOnlyList<RectificationTask> OverdueTasks { get; private set; } = [];
    public IReadOnlyList<InspectionComplaint> OpenComplaints { get; private set; } = [];
    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<int, string> Departments { get; private set; } = new Dictionary<int, string>();
    public DateOnly Today { get; } = clock.Today;
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    [BindProperty] public long ComplaintId { get; set; }
    [BindProperty] public string? Answer { get; set; }

    public bool Answers => User.SeesAllDepartments();

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostAnswerAsync(CancellationToken cancellationToken)
    {
        // Complaints about an inspection are answered by the coordinator, never by the department complained about.
        if (!Answers)
        {
            return Forbid();
        }

        var result = await complaints.AnswerAsync(ComplaintId, new AnswerRequest(Answer), User, cancellationToken);
        if (result.Succeeded)
        {
            Message = "已答复";
        }
        else
        {
            Error = result.Describe(text);
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Publication = await watch.PublicationDueAsync(User, cancellationToken);
        OverdueTasks = await watch.OverdueTasksAsync(User, cancellationToken);
        OpenComplaints = await complaints.Visible(User).Where(c => c.Status == "open").OrderBy(c => c.AnswerDue).Take(200).ToListAsync(cancellationToken);
        var codes = Publication.Select(p => p.CreditCode).Concat(OverdueTasks.Select(t => t.CreditCode)).Concat(OpenComplaints.Select(c => c.CreditCode)).Distinct().ToList();
        Names = await db.MarketEntities.AsNoTracking().Where(e => codes.Contains(e.CreditCode)).ToDictionaryAsync(e => e.CreditCode, e => e.Name, cancellationToken);
        Departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => Localization.Text.IsEnglish ? d.NameEn : d.Name, cancellationToken);
    }

    public string NameOf(string creditCode) => Names.GetValueOrDefault(creditCode, creditCode);

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
