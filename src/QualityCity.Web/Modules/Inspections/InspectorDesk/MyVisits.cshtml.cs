using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Inspections.RecordResults;

namespace QualityCity.Web.Modules.Inspections.InspectorDesk;

/// <summary>A visit on an officer's list.</summary>
public sealed record MyVisit(long Id, string VisitKey, DateOnly Date, DateOnly ValidTo, string CreditCode, string EnterpriseName, string Address,
    IReadOnlyList<string> Departments, bool Recorded, bool Published);

/// <summary>
/// The officer's visits on a phone (EXE-3): those still open for results, the next month's first,
/// a page at a time. The officer's visits are one index range of visit_inspectors (officer, visit),
/// so a busy officer's list is complete however many visits the city has.
/// </summary>
[Authorize(Roles = Roles.Inspector)]
public sealed class MyVisitsModel(QualityCityDbContext db, InspectionWork work, IOptions<InspectionOptions> options, PlatformClock clock) : PageModel
{
    public const int PageSize = 100;

    /// <summary>The page of the list (1, 2, …), as ?p= ("page" is the route value Razor Pages keeps for the page itself).</summary>
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<MyVisit> Visits { get; private set; } = [];

    /// <summary>All the officer's open visits, on every page.</summary>
    public int VisitCount { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        // The page number obeys the API's paging bounds (Hosting/InputValidation), refused naming "p".
        if (InputValidation.PageProblems([("p", PageNumber, [new RangeAttribute(1, InputValidation.MaxPage)])]) is { Count: > 0 } problems)
        {
            return new BadRequestObjectResult(new ValidationProblemDetails(problems)) { ContentTypes = { "application/problem+json" } };
        }

        var me = await work.InspectorIdAsync(User, cancellationToken);
        if (me is not { } inspectorId)
        {
            return Page();
        }

        var today = clock.Today;
        var from = today.AddDays(-options.Value.LateEntryDays);
        var until = today.AddDays(31);
        // One row per visit and own part (an officer is on one department's part of a visit).
        var mine = db.VisitInspectors.Where(i => i.InspectorId == inspectorId)
            .Join(db.VisitDepartments, i => i.VisitDepartmentId, d => d.Id, (i, d) => new { i.VisitId, d.DepartmentId })
            .Join(db.Visits.Where(v => v.Status == VisitStatus.Registered && v.Date <= until && v.ValidTo >= from), p => p.VisitId, v => v.Id,
                (p, v) => new { v.Id, v.VisitKey, v.Date, v.ValidTo, v.CreditCode, p.DepartmentId });
        VisitCount = await mine.CountAsync(cancellationToken);
        var page = await mine.OrderBy(v => v.Date).ThenBy(v => v.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);

        var ids = page.Select(v => v.Id).ToList();
        var parts = (await db.VisitDepartments.AsNoTracking().Where(d => ids.Contains(d.VisitId)).OrderBy(d => d.Id)
            .Select(d => new { d.VisitId, d.DepartmentId }).ToListAsync(cancellationToken)).ToLookup(d => d.VisitId, d => d.DepartmentId);
        var codes = page.Select(v => v.CreditCode).Distinct().ToList();
        var entities = await db.MarketEntities.AsNoTracking().Where(e => codes.Contains(e.CreditCode))
            .ToDictionaryAsync(e => e.CreditCode, e => (e.Name, e.Address), cancellationToken);
        var keys = page.Select(v => v.VisitKey).Distinct().ToList();
        var inspections = await db.Inspections.AsNoTracking().Where(i => keys.Contains(i.VisitKey))
            .Select(i => new { i.VisitKey, i.DepartmentId, i.PublishedAtUtc }).ToListAsync(cancellationToken);
        var departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => Localization.Text.IsEnglish ? d.NameEn : d.Name, cancellationToken);
        Visits = page.Select(v =>
        {
            var recorded = inspections.FirstOrDefault(i => i.VisitKey == v.VisitKey && i.DepartmentId == v.DepartmentId);
            var entity = entities.GetValueOrDefault(v.CreditCode);
            return new MyVisit(v.Id, v.VisitKey, v.Date, v.ValidTo, v.CreditCode, entity.Name ?? v.CreditCode, entity.Address ?? string.Empty,
                parts[v.Id].Select(d => departments.GetValueOrDefault(d, string.Empty)).ToList(), recorded is not null, recorded?.PublishedAtUtc is not null);
        }).ToList();
        return Page();
    }

    public bool HasNextPage => PageNumber * PageSize < VisitCount;

    public string Link(int page) => $"/inspector?p={page}";
}
