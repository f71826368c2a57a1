using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Development.Commissioners;

namespace QualityCity.Web.Modules.Development.Chains;

/// <summary>
/// One chain's map (1张图谱) drawn as a graph, and its lists (N张清单), each exportable to Excel. The
/// administrator and the coordinator keep the chain leader, the hand-placed and leading firms and the
/// projects here.
/// </summary>
[Authorize(Policy = Policies.Supervisors)]
public sealed class ChainMapPageModel(ChainViews chains, ChainEditing editing) : DevelopmentPageModel
{
    public ChainMap? Map { get; private set; }
    public IReadOnlyList<ChainMemberView> Members { get; private set; } = [];
    public bool MayEdit => User.SeesAllDepartments();

    public Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken) => LoadAsync(code, cancellationToken);

    public async Task<IActionResult> OnGetExcelAsync(string code, CancellationToken cancellationToken) =>
        code.Length <= 40 && await chains.MapAsync(code, cancellationToken) is { } map
            ? File(ChainViews.Excel(map), Efficiency.EfficiencyReport.ExcelContentType, $"chain-{map.Chain.Code}.xlsx")
            : NotFound();

    public Task<IActionResult> OnPostLeaderAsync(string code, [FromForm] string? leaderName, [FromForm] string? leaderTitle, CancellationToken cancellationToken) =>
        ActAsync(code, () => editing.SetLeaderAsync(code, leaderName, leaderTitle, cancellationToken), "已更新链长", cancellationToken);

    public Task<IActionResult> OnPostPlaceAsync(string code, [FromForm] string? link, [FromForm] string? creditCode, [FromForm] bool leadingFirm,
        CancellationToken cancellationToken) =>
        ActAsync(code, () => editing.PlaceAsync(code, link, creditCode, leadingFirm, User.ActorName(), cancellationToken), "已加入环节", cancellationToken);

    public Task<IActionResult> OnPostRemoveAsync(string code, [FromForm] long member, CancellationToken cancellationToken) =>
        ActAsync(code, () => editing.RemoveAsync(code, member, cancellationToken), "已移出环节", cancellationToken);

    public Task<IActionResult> OnPostProjectAsync(string code, [FromForm] string? link, [FromForm] string? name, [FromForm] decimal? investmentWan,
        [FromForm] string? status, [FromForm] int? year, CancellationToken cancellationToken) =>
        ActAsync(code, () => editing.AddProjectAsync(code, link, name, investmentWan, status, year, cancellationToken), "已添加项目", cancellationToken);

    public Task<IActionResult> OnPostProjectStatusAsync(string code, [FromForm] long project, [FromForm] string? status, CancellationToken cancellationToken) =>
        ActAsync(code, () => editing.ProjectStatusAsync(code, project, status, cancellationToken), "已更新项目状态", cancellationToken);

    private async Task<IActionResult> ActAsync(string code, Func<Task<ServiceChange>> change, string done, CancellationToken cancellationToken)
    {
        if (!MayEdit)
        {
            return Forbid();
        }

        return code.Length > 40 ? NotFound() : await ChangeAsync(change, done, () => LoadAsync(code, cancellationToken));
    }

    private async Task<IActionResult> LoadAsync(string code, CancellationToken cancellationToken)
    {
        Map = code.Length <= 40 ? await chains.MapAsync(code, cancellationToken) : null;
        if (Map is null)
        {
            return NotFound();
        }

        Members = MayEdit ? await editing.MembersAsync(code, cancellationToken) : [];
        return Page();
    }
}
