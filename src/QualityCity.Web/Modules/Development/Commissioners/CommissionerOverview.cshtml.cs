using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.Development.Commissioners;

/// <summary>
/// The bureau's view of the programme (助企远航): every commissioner with their enterprises, visits and
/// problems, and the escalated problems. The administrator and the coordinator assign an enterprise to
/// a commissioner here, or take it out of the programme; the whole list comes in by the table import.
/// </summary>
[Authorize(Policy = Policies.Supervisors)]
public sealed class CommissionerOverviewModel(CommissionerWork work, CommissionerProgramme programme, QualityCityDbContext db) : DevelopmentPageModel
{
    public IReadOnlyList<CommissionerRow> Commissioners { get; private set; } = [];
    public IReadOnlyList<ProblemView> Escalated { get; private set; } = [];
    public IReadOnlyDictionary<string, string> Names { get; private set; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Departments { get; private set; } = new Dictionary<string, string>();
    public bool MayEdit => User.SeesAllDepartments();

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public Task<IActionResult> OnPostAssignAsync([FromForm] string? creditCode, [FromForm] string? name, [FromForm] string? department, [FromForm] string? phone,
        [FromForm] string? userName, [FromForm] DateOnly? since, CancellationToken cancellationToken) =>
        ActAsync(() => programme.AssignAsync(creditCode, name, department, phone, userName, since, cancellationToken), "已指派服务专员", cancellationToken);

    public Task<IActionResult> OnPostRemoveAsync([FromForm] string? creditCode, CancellationToken cancellationToken) =>
        ActAsync(() => programme.RemoveAsync(creditCode, cancellationToken), "已移出服务名单", cancellationToken);

    private async Task<IActionResult> ActAsync(Func<Task<ServiceChange>> change, string done, CancellationToken cancellationToken) =>
        MayEdit ? await ChangeAsync(change, done, async () => { await LoadAsync(cancellationToken); return Page(); }) : Forbid();

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        (Commissioners, Escalated) = await work.OverviewAsync(cancellationToken);
        var codes = Escalated.Select(p => p.CreditCode).Distinct().ToList();
        Names = await db.MarketEntities.AsNoTracking().Where(e => codes.Contains(e.CreditCode)).ToDictionaryAsync(e => e.CreditCode, e => e.Name, StringComparer.Ordinal, cancellationToken);
        Departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Code, d => d.Name, StringComparer.Ordinal, cancellationToken);
    }
}
