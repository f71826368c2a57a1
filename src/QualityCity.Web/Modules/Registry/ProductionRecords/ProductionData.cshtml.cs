using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.Registry.ProductionRecords;

/// <summary>
/// Yearly production data (output, electricity, tax, land): which years are held and from which
/// sources, and — for the administrator — the import with the report of every refused row.
/// </summary>
[Authorize(Roles = Roles.Staff)]
[RequestSizeLimit(RequestLimits.UploadBytes)]
public sealed class ProductionDataModel(QualityCityDbContext db, ProductionRecordImport import, DatabaseSettings settings, Text text) : PageModel
{
    public IReadOnlyList<ProductionYearSummary> Years { get; private set; } = [];
    public ProductionImportReport? Report { get; private set; }
    public string? Error { get; private set; }
    public bool MayImport => User.IsInRole(Roles.Admin);

    public async Task OnGetAsync(CancellationToken cancellationToken) => Years = await ProductionRecordEndpoints.YearsAsync(db, cancellationToken);

    /// <summary>Staff read the figures; only the administrator imports them.</summary>
    public async Task<IActionResult> OnPostAsync(IFormFile? file, string? source, CancellationToken cancellationToken)
    {
        if (!MayImport)
        {
            return Forbid();
        }

        (Report, Error) = await ProductionRecordEndpoints.ImportUploadAsync(file, source, import, settings, User.ActorName(), text, cancellationToken);
        await OnGetAsync(cancellationToken);
        return Page();
    }
}
