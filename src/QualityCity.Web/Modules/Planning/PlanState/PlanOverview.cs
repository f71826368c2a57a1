using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Planning.Contracts;
using QualityCity.Web.Modules.Planning.PublishPlan;

namespace QualityCity.Web.Modules.Planning.PlanState;

/// <summary>
/// A year's plan as the home page shows it: the draw that counts is the published one, else the
/// latest draw (a re-draw waiting for approval); its departments and approvals are the publication's (<see cref="PlanPublication.StateAsync"/>).
/// </summary>
internal sealed class PlanOverview(QualityCityDbContext db, PlanPublication publication, IOptions<PlanningOptions> options) : IPlanOverview
{
    public async Task<PlanYearState> YearAsync(int year, CancellationToken cancellationToken)
    {
        var committed = await db.PlanCommitments.AnyAsync(c => c.Year == year, cancellationToken);
        var draws = db.PlanDraws.AsNoTracking().Where(d => d.Year == year && d.Status != PlanStatus.Superseded);
        // A drawn re-draw after a published plan is the one waiting for approvals.
        var draw = await draws.OrderByDescending(d => d.Id).FirstOrDefaultAsync(cancellationToken);
        if (draw is null)
        {
            return new PlanYearState(year, options.Value.DeadlineFor(year), committed, null, null, null, [], []);
        }

        var state = await publication.StateAsync(draw, cancellationToken);
        return new PlanYearState(year, state.Deadline, committed, draw.Id, draw.Status, draw.PublishedAtUtc, state.Departments,
            state.Approvals.Select(a => a.Department).ToList());
    }
}
