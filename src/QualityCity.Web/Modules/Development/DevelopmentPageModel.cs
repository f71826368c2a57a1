using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityCity.Web.Modules.Development.Commissioners;

namespace QualityCity.Web.Modules.Development;

/// <summary>
/// A development page whose forms make changes: each change ends the same way — a 404 when what it
/// names is not there, a 400 naming the field with the reason shown on the page (what was saved before
/// stays), or the page again with what was done.
/// </summary>
public abstract class DevelopmentPageModel : PageModel
{
    public string? Error { get; private set; }
    public string? Done { get; private set; }

    /// <summary>Runs <paramref name="change"/> and shows its outcome on the page <paramref name="reload"/> loads.</summary>
    protected async Task<IActionResult> ChangeAsync(Func<Task<ServiceChange>> change, string done, Func<Task<IActionResult>> reload)
    {
        var result = await change();
        if (result.NotFound)
        {
            return NotFound();
        }

        if (result.Done)
        {
            Done = done;
        }
        else
        {
            Refuse(result.Field!, result.Reason!);
        }

        return await reload();
    }

    /// <summary>Marks the answer a 400 naming <paramref name="field"/>, with the reason shown on the page.</summary>
    protected void Refuse(string field, string reason)
    {
        ModelState.AddModelError(field, $"{field}: {reason}");
        Error = reason;
        Response.StatusCode = StatusCodes.Status400BadRequest;
    }
}
