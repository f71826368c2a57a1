using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.Services.OneWindow.Inbox;

/// <summary>
/// One demand for the staff: the facts, the contact, the timeline and a form for each action
/// <see cref="Domain.Services.OneWindow.DemandWorkflow.AvailableActions"/> allows now. The same
/// <see cref="DemandWork"/> as GET and POST /api/services/demands/{demandCode}.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class DemandItemModel(DemandWork work, Localization.Text text) : DemandPageModel(work, text)
{
    public Task<IActionResult> OnGetAsync(string demandCode, CancellationToken cancellationToken) => LoadAsync(demandCode, cancellationToken);

    public Task<IActionResult> OnPostActAsync(string demandCode, [FromForm] string? action, [FromForm] string? complexity, [FromForm] string? items,
        [FromForm] string? reason, [FromForm] string? answer, [FromForm] string? note, [FromForm] string? supplied, CancellationToken cancellationToken) =>
        ActAsync(demandCode, new DemandActionRequest(action, complexity, action == "request_materials" ? [items ?? string.Empty] : null, reason, answer, null, note, supplied),
            cancellationToken);
}
