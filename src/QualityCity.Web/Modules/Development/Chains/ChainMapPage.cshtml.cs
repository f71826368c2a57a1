using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.Development.Chains;

/// <summary>One chain's map (1张图谱) drawn as a graph, and its lists (N张清单), each exportable to Excel.</summary>
[Authorize(Policy = Policies.Supervisors)]
public sealed class ChainMapPageModel(ChainViews chains) : PageModel
{
    public ChainMap? Map { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken)
    {
        Map = code.Length <= 40 ? await chains.MapAsync(code, cancellationToken) : null;
        return Map is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnGetExcelAsync(string code, CancellationToken cancellationToken) =>
        code.Length <= 40 && await chains.MapAsync(code, cancellationToken) is { } map
            ? File(ChainViews.Excel(map), Efficiency.EfficiencyReport.ExcelContentType, $"chain-{map.Chain.Code}.xlsx")
            : NotFound();
}
