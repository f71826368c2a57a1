using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.Services.OneWindow;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Services.Contracts;

namespace QualityCity.Web.Modules.Services.OneWindow;

/// <summary>The home desks' counts, over the demands the reader may see.</summary>
public sealed class DemandDesk(DemandWork work) : IDemandDesk
{
    public async Task<DemandDeskCounts> ForAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var visible = await work.VisibleAsync(user, cancellationToken);
        var final = new[] { DemandCodes.State(DemandState.Closed), DemandCodes.State(DemandState.Rejected) };
        var waiting = user.IsInRole(Roles.Enterprise)
            ? new[] { DemandCodes.State(DemandState.AwaitingMaterials), DemandCodes.State(DemandState.Answered) }
            : [DemandCodes.State(DemandState.Filed), DemandCodes.State(DemandState.InProgress), DemandCodes.State(DemandState.AwaitingContact),
                DemandCodes.State(DemandState.Rectifying)];
        var counts = await visible.GroupBy(_ => 1).Select(g => new
        {
            Open = g.Count(d => !final.Contains(d.State)),
            Waiting = g.Count(d => waiting.Contains(d.State)),
            Escalated = g.Count(d => d.Escalated && !final.Contains(d.State)),
        }).FirstOrDefaultAsync(cancellationToken);
        return counts is null ? new DemandDeskCounts(0, 0, 0) : new DemandDeskCounts(counts.Open, counts.Waiting, counts.Escalated);
    }
}
