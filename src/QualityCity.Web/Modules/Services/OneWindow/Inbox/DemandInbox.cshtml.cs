using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.Services.OneWindow.Inbox;

/// <summary>
/// The staff's list of demands: a unit's those routed to it, the coordinator and the administrator
/// all (with the escalation list), filtered by state, kind and lateness.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class DemandInboxModel(DemandWork work) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? State { get; set; }
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }
    [BindProperty(SupportsGet = true)] public bool Overdue { get; set; }
    [BindProperty(SupportsGet = true)] public bool Escalated { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public DemandPage Demands { get; private set; } = new(0, 1, 50, []);

    public async Task OnGetAsync(CancellationToken cancellationToken) =>
        Demands = await work.ListAsync(new DemandFilter(State, Kind, Overdue ? true : null, Escalated ? true : null, Math.Clamp(PageNumber, 1, 100_000), 50), User,
            cancellationToken);
}
