using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.Services.OneWindow.EnterpriseView;

/// <summary>The enterprise files a demand; the same <see cref="DemandWork.FileAsync"/> as POST /api/services/demands.</summary>
[Authorize(Policy = Policies.Enterprises)]
public sealed class NewDemandModel(DemandWork work) : PageModel
{
    [BindProperty] public string? Kind { get; set; }
    [BindProperty] public string? Title { get; set; }
    [BindProperty] public string? Description { get; set; }
    [BindProperty] public string? ContactName { get; set; }
    [BindProperty] public string? ContactPhone { get; set; }
    [BindProperty] public string? CatalogueItems { get; set; }

    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var catalogue = (CatalogueItems ?? string.Empty).Split([';', '；', ',', '，', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var result = await work.FileAsync(new DemandFiling(Kind, Title, Description, null, ContactName, ContactPhone, catalogue), User, cancellationToken);
        if (result.Value is DemandReceipt receipt)
        {
            return Redirect($"/enterprise/demands/{receipt.Code}");
        }

        Errors = result.Errors ?? new Dictionary<string, string[]> { [string.Empty] = [result.Message ?? string.Empty] };
        Response.StatusCode = result.Status;
        return Page();
    }

    public string? Error(string field) => Errors.TryGetValue(field, out var messages) ? string.Join("；", messages) : null;
}
