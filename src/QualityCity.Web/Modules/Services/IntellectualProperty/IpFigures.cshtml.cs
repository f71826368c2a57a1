using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.Services.IntellectualProperty;

/// <summary>Pledge loans per quarter (SVC-4): the number and the sum in 10,000 yuan, as a chart, a table and an Excel workbook.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class IpFiguresModel(IpViews views) : PageModel
{
    public IReadOnlyList<PledgeQuarter> Quarters { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Quarters = await views.QuartersAsync(cancellationToken);
}
