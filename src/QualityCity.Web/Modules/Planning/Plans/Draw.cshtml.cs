using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Accounts;
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
    public PlanDocument Plan { get; private set; } = null!;
    public PlanApprovalState State { get; private set; } = null!;
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
        Report(result, text["已批准本部门计划"]);
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostPublishAsync(int id, CancellationToken cancellationToken)
    {
        if (!IsCoordinator)
        {
            return Forbid();
        }

        var result = await publication.PublishAsync(id, User, Note, cancellationToken);
        Report(result, text["计划已发布"]);
        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    private void Report(PlanActionResult result, string done)
    {
        if (result.Succeeded)
        {
            Message = done;
        }
        else
        {
            Error = result.Message;
        }
    }

    private async Task<bool> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var record = await db.PlanDraws.AsNoTracking().Where(d => d.Id == id).Select(d => new PlanDrawRecord
        {
            Id = d.Id, Year = d.Year, Seed = d.Seed, CommitmentDigest = d.CommitmentDigest, DrawJson = string.Empty, PlanJson = string.Empty, Actor = d.Actor,
            CreatedAtUtc = d.CreatedAtUtc, Status = d.Status, RedrawReason = d.RedrawReason, PublishedAtUtc = d.PublishedAtUtc, PublishedBy = d.PublishedBy,
            PublicationNote = d.PublicationNote, Obligations = d.Obligations, VisitsIfSeparate = d.VisitsIfSeparate, VisitsMerged = d.VisitsMerged,
            CapViolations = d.CapViolations, Understaffed = d.Understaffed,
        }).FirstOrDefaultAsync(cancellationToken);
        var plan = record is null ? null : await publication.PlanAsync(id, cancellationToken);
        if (record is null || plan is null)
        {
            return false;
        }

        Record = record;
        Plan = plan;
        State = await publication.StateAsync(record, cancellationToken);
        Officers = await publication.OfficersAsync(id, cancellationToken);
        var departments = await db.Departments.AsNoTracking().ToListAsync(cancellationToken);
        DepartmentNames = departments.ToDictionary(d => d.Code, d => Localization.Text.IsEnglish ? d.NameEn : d.Name);
        if (!IsCoordinator)
        {
            OwnDepartment = departments.FirstOrDefault(d => d.Id == User.DepartmentId())?.Code;
            Department = OwnDepartment ?? "-";
        }

        IEnumerable<PlanVisit> visits = plan.Visits;
        if (!string.IsNullOrEmpty(Department))
        {
            visits = visits.Where(v => v.Obligations.Any(o => o.Department == Department));
        }

        if (Month is >= 1 and <= 12)
        {
            var prefix = string.Create(CultureInfo.InvariantCulture, $"{plan.Year}-{Month:00}");
            visits = visits.Where(v => v.Date.StartsWith(prefix, StringComparison.Ordinal));
        }

        if (!string.IsNullOrWhiteSpace(Enterprise))
        {
            var code = Enterprise.Trim().ToUpperInvariant();
            visits = visits.Where(v => v.Enterprise.StartsWith(code, StringComparison.Ordinal));
        }

        var filtered = visits.OrderBy(v => v.Date, StringComparer.Ordinal).ThenBy(v => v.VisitKey, StringComparer.Ordinal).ToList();
        VisitCount = filtered.Count;
        PageNumber = Math.Max(1, PageNumber);
        Visits = filtered.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
        var shownOfficers = Visits.SelectMany(v => v.Obligations.SelectMany(o => Officers.GetValueOrDefault((v.VisitKey, o.Department)) ?? []))
            .Select(i => int.Parse(i, CultureInfo.InvariantCulture)).ToHashSet();
        OfficerNames = await db.Inspectors.AsNoTracking().Where(i => shownOfficers.Contains(i.Id))
            .ToDictionaryAsync(i => i.Id.ToString(CultureInfo.InvariantCulture), i => i.Name, cancellationToken);
        return true;
    }

    /// <summary>Visits per day of the year for the calendar (the department's when one is chosen).</summary>
    public IEnumerable<object[]> VisitsPerDay() => Plan.Visits
        .Where(v => string.IsNullOrEmpty(Department) || v.Obligations.Any(o => o.Department == Department))
        .GroupBy(v => v.Date).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new object[] { g.Key, g.Count() });

    /// <summary>Per month: visits after merging and visits if each department went alone.</summary>
    public IEnumerable<(int Month, int Merged, int Separate)> PerMonth() => Plan.Visits
        .Where(v => string.IsNullOrEmpty(Department) || v.Obligations.Any(o => o.Department == Department))
        .GroupBy(v => int.Parse(v.Date.AsSpan(5, 2), CultureInfo.InvariantCulture))
        .Select(g => (g.Key, g.Count(), g.Sum(v => v.Obligations.Count(o => string.IsNullOrEmpty(Department) || o.Department == Department))))
        .OrderBy(m => m.Item1);

    public string DepartmentName(string code) => DepartmentNames.GetValueOrDefault(code, code);

    public string Link(int page) =>
        $"/planning/draws/{Record.Id}?department={Uri.EscapeDataString(Department ?? "")}&month={Month}&enterprise={Uri.EscapeDataString(Enterprise ?? "")}&p={page}";
}
