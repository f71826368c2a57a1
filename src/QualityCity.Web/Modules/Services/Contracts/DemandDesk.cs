using System.Security.Claims;

namespace QualityCity.Web.Modules.Services.Contracts;

/// <summary>The one window's counts for the reader's home desk.</summary>
/// <param name="Open">Demands the reader sees that are not closed or rejected.</param>
/// <param name="Waiting">Waiting for the reader: for an enterprise, materials to supply and answers to rate; for staff, demands to accept or answer.</param>
/// <param name="Escalated">Open demands on the escalation list (督办).</param>
public sealed record DemandDeskCounts(int Open, int Waiting, int Escalated);

/// <summary>What the home desks show of the one window.</summary>
public interface IDemandDesk
{
    Task<DemandDeskCounts> ForAsync(ClaimsPrincipal user, CancellationToken cancellationToken);
}
