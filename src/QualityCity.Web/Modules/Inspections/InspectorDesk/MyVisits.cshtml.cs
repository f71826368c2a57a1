using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Accounts;
using QualityCity.Web.Modules.Inspections.RecordResults;

namespace QualityCity.Web.Modules.Inspections.InspectorDesk;

/// <summary>A visit on an officer's list.</summary>
public sealed record MyVisit(long Id, string VisitKey, DateOnly Date, DateOnly ValidTo, string CreditCode, string EnterpriseName, string Address,
    IReadOnlyList<string> Departments, bool Recorded, bool Published);

/// <summary>The officer's visits on a phone (EXE-3): those still open for results, the next month's first.</summary>
[Authorize(Roles = Roles.Inspector)]
public sealed class MyVisitsModel(QualityCityDbContext db, InspectionWork work, IOptions<InspectionOptions> options, PlatformClock clock) : PageModel
{
    public IReadOnlyList<MyVisit> Visits { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var me = await work.InspectorIdAsync(User, cancellationToken);
        if (me is null)
        {
            return;
        }

        var today = clock.Today;
        var from = today.AddDays(-options.Value.LateEntryDays);
        var until = today.AddDays(31);
        var token = me.Value.ToString(CultureInfo.InvariantCulture);
        // Officer ids are stored in a list column: narrow by date in SQL, match the id in memory.
        var candidates = await db.Visits.AsNoTracking().Include(v => v.Departments)
            .Where(v => v.Status == VisitStatus.Registered && v.Date <= until && v.ValidTo >= from)
            .OrderBy(v => v.Date).Take(5000).ToListAsync(cancellationToken);
        var mine = candidates.Where(v => v.Departments.Any(d => d.InspectorIds.Split(',').Contains(token))).Take(100).ToList();
        var codes = mine.Select(v => v.CreditCode).Distinct().ToList();
        var entities = await db.MarketEntities.AsNoTracking().Where(e => codes.Contains(e.CreditCode))
            .ToDictionaryAsync(e => e.CreditCode, e => (e.Name, e.Address), cancellationToken);
        var keys = mine.Select(v => v.VisitKey).ToList();
        var inspections = await db.Inspections.AsNoTracking().Where(i => keys.Contains(i.VisitKey))
            .Select(i => new { i.VisitKey, i.DepartmentId, i.PublishedAtUtc }).ToListAsync(cancellationToken);
        var departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => Localization.Text.IsEnglish ? d.NameEn : d.Name, cancellationToken);
        Visits = mine.Select(v =>
        {
            var ownPart = v.Departments.First(d => d.InspectorIds.Split(',').Contains(token));
            var recorded = inspections.FirstOrDefault(i => i.VisitKey == v.VisitKey && i.DepartmentId == ownPart.DepartmentId);
            var entity = entities.GetValueOrDefault(v.CreditCode);
            return new MyVisit(v.Id, v.VisitKey, v.Date, v.ValidTo, v.CreditCode, entity.Name ?? v.CreditCode, entity.Address ?? string.Empty,
                v.Departments.Select(d => departments.GetValueOrDefault(d.DepartmentId, string.Empty)).ToList(), recorded is not null, recorded?.PublishedAtUtc is not null);
        }).ToList();
    }
}
