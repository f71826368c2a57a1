using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.Services.OneWindow.EnterpriseView;

/// <summary>
/// One of the enterprise's demands: what is missing (一次性告知) with the form to supply it, the answer
/// and the five-level rating. 404 for any other enterprise's demand.
/// </summary>
[Authorize(Policy = Policies.Enterprises)]
public sealed class MyDemandModel(DemandWork work, Localization.Text text) : DemandPageModel(work, text)
{
    public Task<IActionResult> OnGetAsync(string demandCode, CancellationToken cancellationToken) => LoadAsync(demandCode, cancellationToken);

    public Task<IActionResult> OnPostSupplyAsync(string demandCode, [FromForm] string? supplied, CancellationToken cancellationToken) =>
        ActAsync(demandCode, new DemandActionRequest("supply_materials", Supplied: supplied), cancellationToken);

    public Task<IActionResult> OnPostRateAsync(string demandCode, [FromForm] string? rating, CancellationToken cancellationToken) =>
        ActAsync(demandCode, new DemandActionRequest("rate", Rating: rating ?? string.Empty), cancellationToken);
}
