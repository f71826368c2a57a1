using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.Services.OneWindow.Figures;

/// <summary>The one window's figures per unit for the coordinator and the administrator, with a chart and the Excel workbook.</summary>
[Authorize(Policy = Policies.Oversight)]
public sealed class DemandFiguresPageModel(DemandFigures figures) : PageModel
{
    public DemandFiguresReport Report { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken) => Report = await figures.ReportAsync(null, null, cancellationToken);
}
