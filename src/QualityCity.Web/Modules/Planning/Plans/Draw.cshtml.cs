using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Planning.Contracts;
using QualityCity.Web.Modules.Planning.DrawPlan;
using QualityCity.Web.Modules.Planning.PublishPlan;

namespace QualityCity.Web.Modules.Planning.Plans;

/// <summary>
/// One drawn plan: totals and the saving from merging, visits by month and on a calendar, the flags
/// (caps, understaffed visits), recognised obligations, the visit table with officers, approvals
/// and publication (INS-10), downloads and the Excel ledger (INS-11). A department head sees and
/// approves the department's part.
/// </summary>
[Authorize(Roles = Roles.Admin + "," + Roles.Coordinator + "," + Roles.DeptHead)]
public sealed class DrawModel(QualityCityDbContext db, PlanPublication publication, Localization.Text text) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Department { get; set; }
    [BindProperty(SupportsGet = true)] public int? Month { get; set; }
    [BindProperty(SupportsGet = true)] public string? Enterprise { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    [BindProperty] public string? Note { get; set; }

    public PlanDrawRecord Record { get; private set; } = null!;
    public PlanApprovalState State { get; private set; } = null!;

    /// <summary>The plan's days (visits and obligations per day), of the chosen department when there is one.</summary>
    public IReadOnlyList<PlanDay> Days { get; private set; } = [];

    /// <summary>Obligations recognised in the whole plan.</summary>
    public int RecognisedTotal { get; private set; }

    /// <summary>The first flags and recognitions of the chosen department (the Excel ledger has them all), and how many recognitions it has.</summary>
    public IReadOnlyList<PlanCapViolation> Caps { get; private set; } = [];

    public IReadOnlyList<PlanUnderstaffed> Understaffed { get; private set; } = [];
    public IReadOnlyList<PlanRecognition> Recognised { get; private set; } = [];
    public int RecognisedCount { get; private set; }
    public IReadOnlyDictionary<(string VisitKey, string Department), IReadOnlyList<string>> Officers { get; private set; } = null!;
    public IReadOnlyDictionary<string, string> OfficerNames { get; private set; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> DepartmentNames { get; private set; } = new Dictionary<string, string>();
    public IReadOnlyList<PlanVisit> Visits { get; private set; } = [];
    public int VisitCount { get; private set; }

    /// <summary>The department a head is limited to; null for the coordinator.</summary>
    public string? OwnDepartment { get; private set; }

    public bool IsCoordinator => User.IsInRole(Roles.Coordinator) || User.IsInRole(Roles.Admin);
    public string? Error { get; private set; }
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostApproveAsync(int id, CancellationToken cancellationToken)
    {
        // Each head approves the department's part; nobody else approves.
        if (!User.IsInRole(Roles.DeptHead))
        {
            return Forbid();
        }

        var result = await publication.ApproveAsync(id, User, Note, cancellationToken);
        var found = await LoadAsync(id, cancellationToken); // the departments' names, for the reason
        Report(result, text["已批准本部门计划"]);
        return found ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostPublishAsync(int id, CancellationToken cancellationToken)
    {
        if (!IsCoordinator)
        {
            return Forbid();
        }

        var result = await publication.PublishAsync(id, User, Note, cancellationToken);
        var found = await LoadAsync(id, cancellationToken); // the departments' names, for the reason
        Report(result, text["计划已发布"]);
        return found ? Page() : NotFound();
    }

    private void Report(PlanActionResult result, string done)
    {
        if (result.Succeeded)
        {
            Message = done;
        }
        else
        {
            Error = result.Describe(text, DepartmentName);
        }
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var record = await db.PlanDraws.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (record is null)
        {
            return false;
        }

        Record = record;
        State = await publication.StateAsync(record, cancellationToken);
        var departments = await db.Departments.AsNoTracking().ToListAsync(cancellationToken);
        DepartmentNames = departments.ToDictionary(d => d.Code, d => Localization.Text.IsEnglish ? d.NameEn : d.Name);
        if (!IsCoordinator)
        {
            OwnDepartment = departments.FirstOrDefault(d => d.Id == User.DepartmentId())?.Code;
            Department = OwnDepartment ?? "-";
        }

        var department = string.IsNullOrEmpty(Department) ? null : Department;
        Days = await publication.DaysAsync(id, department, cancellationToken);
        await LoadFlagsAsync(id, department, cancellationToken);

        // The visit table: filtered, counted and paged by the database, in the plan's order (day, key).
        var visits = db.PlannedVisits.AsNoTracking().Where(v => v.DrawId == id);
        if (department is not null)
        {
            visits = visits.Where(v => db.PlannedObligations.Any(o => o.DrawId == id && o.VisitPosition == v.Position && o.Department == department));
        }

        IEnumerable<PlanDay> countedDays = Days;
        if (Month is >= 1 and <= 12)
        {
            var first = new DateOnly(record.Year, Month.Value, 1);
            var last = first.AddMonths(1).AddDays(-1);
            visits = visits.Where(v => v.Date >= first && v.Date <= last);
            countedDays = Days.Where(d => d.Day >= first && d.Day <= last);
        }

        if (!string.IsNullOrWhiteSpace(Enterprise))
        {
            var code = QualityCity.Domain.Registry.CreditCode.Canonical(Enterprise);
            visits = code.Length == 18 ? visits.Where(v => v.Enterprise == code) : visits.Where(v => v.Enterprise.StartsWith(code));
            VisitCount = await visits.CountAsync(cancellationToken);
        }
        else
        {
            VisitCount = countedDays.Sum(d => d.Visits);
        }

        PageNumber = Math.Clamp(PageNumber, 1, Hosting.InputValidation.MaxPage);
        var page = await visits.OrderBy(v => v.Date).ThenBy(v => v.VisitKey).Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(v => new { v.Position, v.VisitKey, v.Enterprise, v.Date, v.MovedFrom }).ToListAsync(cancellationToken);
        var positions = page.Select(v => v.Position).ToList();
        var obligations = (await db.PlannedObligations.AsNoTracking().Where(o => o.DrawId == id && positions.Contains(o.VisitPosition))
            .Select(o => new { o.VisitPosition, o.Position, o.Department, o.WindowStart, o.WindowEnd, o.Reason }).ToListAsync(cancellationToken))
            .ToLookup(o => o.VisitPosition);
        var items = (await db.PlannedObligationItems.AsNoTracking().Where(i => i.DrawId == id && positions.Contains(i.VisitPosition))
            .Select(i => new { i.VisitPosition, i.ObligationPosition, i.Position, i.ItemCode }).ToListAsync(cancellationToken))
            .ToLookup(i => (i.VisitPosition, i.ObligationPosition));
        var officers = (await db.PlannedInspectors.AsNoTracking().Where(i => i.DrawId == id && positions.Contains(i.VisitPosition))
            .Select(i => new { i.VisitPosition, i.Department, i.Position, i.InspectorId }).ToListAsync(cancellationToken))
            .ToLookup(i => (i.VisitPosition, i.Department));
        Visits = page.Select(v => new PlanVisit(v.VisitKey, v.Enterprise, Day(v.Date), v.MovedFrom is { } moved ? Day(moved) : null,
            obligations[v.Position].OrderBy(o => o.Position).Select(o => new PlanObligation(o.Department,
                items[(v.Position, o.Position)].OrderBy(i => i.Position).Select(i => i.ItemCode).ToList(), Day(o.WindowStart), Day(o.WindowEnd), o.Reason)).ToList())).ToList();
        Officers = page.SelectMany(v => obligations[v.Position].Select(o => o.Department).Distinct().Select(d => (v.VisitKey, Department: d,
                Ids: (IReadOnlyList<string>)officers[(v.Position, d)].OrderBy(i => i.Position).Select(i => i.InspectorId.ToString(CultureInfo.InvariantCulture)).ToList())))
            .DistinctBy(x => (x.VisitKey, x.Department)).ToDictionary(x => (x.VisitKey, x.Department), x => x.Ids);
        var shownOfficers = officers.SelectMany(g => g.Select(i => i.InspectorId)).ToHashSet();
        OfficerNames = await db.Inspectors.AsNoTracking().Where(i => shownOfficers.Contains(i.Id))
            .ToDictionaryAsync(i => i.Id.ToString(CultureInfo.InvariantCulture), i => i.Name, cancellationToken);
        return true;
    }

    /// <summary>The flags and recognitions the page lists: the first of the chosen department's, as the Excel ledger has them all.</summary>
    private async Task LoadFlagsAsync(int id, string? department, CancellationToken cancellationToken)
    {
        var recognised = await publication.RecognisedAsync(id, cancellationToken);
        RecognisedTotal = recognised.Values.Sum();
        RecognisedCount = department is null ? RecognisedTotal : recognised.GetValueOrDefault(department);
        var recognitions = db.PlannedRecognitions.AsNoTracking().Where(r => r.DrawId == id && (department == null || r.Department == department));
        Recognised = (await recognitions.OrderBy(r => r.Position).Take(100).ToListAsync(cancellationToken))
            .Select(r => new PlanRecognition(r.Enterprise, r.Department, r.Items.Split(' ', StringSplitOptions.RemoveEmptyEntries), Day(r.WindowStart), Day(r.WindowEnd),
                r.WholeObligation, r.Reason)).ToList();
        Caps = (await db.PlannedCapViolations.AsNoTracking().Where(c => c.DrawId == id && (department == null || c.Department == department || c.Department == null))
                .OrderBy(c => c.Position).Take(50).ToListAsync(cancellationToken))
            .Select(c => new PlanCapViolation(c.Enterprise, c.Kind, c.Department, c.Item, c.Visits, c.Cap)).ToList();
        Understaffed = (await db.PlannedUnderstaffings.AsNoTracking().Where(u => u.DrawId == id && (department == null || u.Department == department))
                .OrderBy(u => u.Position).Take(50).ToListAsync(cancellationToken))
            .Select(u => new PlanUnderstaffed(u.VisitKey, u.Department, u.Inspectors, u.Required)).ToList();
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Visits per day of the year for the calendar (the department's when one is chosen).</summary>
    public IEnumerable<object[]> VisitsPerDay() => Days.Select(d => new object[] { Day(d.Day), d.Visits });

    /// <summary>Per month: visits after merging and visits if each department went alone.</summary>
    public IEnumerable<(int Month, int Merged, int Separate)> PerMonth() => Days.GroupBy(d => d.Day.Month)
        .Select(g => (g.Key, g.Sum(d => d.Visits), g.Sum(d => d.Obligations))).OrderBy(m => m.Item1);

    public string DepartmentName(string code) => DepartmentNames.GetValueOrDefault(code, code);

    public string Link(int page) =>
        $"/planning/draws/{Record.Id}?department={Uri.EscapeDataString(Department ?? "")}&month={Month}&enterprise={Uri.EscapeDataString(Enterprise ?? "")}&p={page}";
}
