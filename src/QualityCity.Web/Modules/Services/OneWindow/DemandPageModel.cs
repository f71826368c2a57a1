using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace QualityCity.Web.Modules.Services.OneWindow;

/// <summary>
/// One demand on a page (the enterprise's and the staff's): loads it through <see cref="DemandWork"/>
/// (404 for anyone who may not see it) and applies an action posted from one of its forms.
/// </summary>
public abstract class DemandPageModel(DemandWork work, Localization.Text text) : PageModel
{
    public DemandView? Demand { get; private set; }
    public string? Error { get; private set; }
    public string? Done { get; private set; }

    protected async Task<IActionResult> ActAsync(string demandCode, DemandActionRequest request, CancellationToken cancellationToken)
    {
        var result = await work.ActAsync(demandCode, request, User, cancellationToken);
        if (result.Status == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            Error = result.Describe(text);
            Response.StatusCode = result.Status;
        }
        else
        {
            Done = DemandLabels.Action(request.Action ?? string.Empty);
        }

        return await LoadAsync(demandCode, cancellationToken);
    }

    protected async Task<IActionResult> LoadAsync(string demandCode, CancellationToken cancellationToken)
    {
        if ((await work.GetAsync(demandCode, User, cancellationToken)).Value is not DemandView demand)
        {
            return NotFound();
        }

        Demand = demand;
        return Page();
    }
}
