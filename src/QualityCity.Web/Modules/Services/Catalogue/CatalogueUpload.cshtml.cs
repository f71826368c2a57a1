using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.Services.Catalogue;

/// <summary>The coordinator's and the administrator's upload of the catalogue, and its downloads.</summary>
[Authorize(Policy = Policies.Oversight)]
[RequestSizeLimit(RequestLimits.UploadBytes)]
public sealed class CatalogueUploadModel(RecordImport import, DatabaseSettings settings, Text text) : PageModel
{
    private const string Prefix = "catalogue";

    public UploadOutcome? Outcome { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        Outcome = await ImportUpload.RunAsync(file, CatalogueKind.Instance, import, settings, text, User.ActorName(), Prefix, cancellationToken);
        return Page();
    }

    public IActionResult OnGetReport(string? id) =>
        ImportUpload.ExistingReport(settings, Prefix, id) is { } path ? PhysicalFile(path, "text/csv; charset=utf-8", "catalogue-errors.csv") : NotFound();
}
