using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Development.Commissioners;

namespace QualityCity.Web.Modules.Development.Capacity;

/// <summary>One plan (一企一策): its lines and devices with their exits and verification, its milestones and its alerts.</summary>
[Authorize(Policy = Policies.Supervisors)]
[RequestSizeLimit(RequestLimits.UploadBytes)]
public sealed class CapacityPlanPageModel(CapacityWork work, CapacityPlanning planning) : DevelopmentPageModel
{
    public CapacityPlanView? Plan { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) =>
        (Plan = await work.PlanAsync(id, cancellationToken)) is null ? NotFound() : Page();

    public async Task<IActionResult> OnGetPhotoAsync(long id, long item, string? name, CancellationToken cancellationToken) =>
        await work.PhotoAsync(id, item, name, cancellationToken) is { } path
            ? PhysicalFile(path, path.EndsWith(".png", StringComparison.Ordinal) ? "image/png" : "image/jpeg")
            : NotFound();

    public Task<IActionResult> OnPostExitAsync(long id, [FromForm] long item, [FromForm] DateOnly? exitedOn, CancellationToken cancellationToken) =>
        ActAsync(id, () => work.ExitAsync(id, item, exitedOn, cancellationToken), "已记录退出", cancellationToken);

    public Task<IActionResult> OnPostVerifyAsync(long id, [FromForm] long item, [FromForm] DateOnly? verifiedOn, [FromForm] string? record,
        [FromForm] List<IFormFile>? photos, CancellationToken cancellationToken) =>
        ActAsync(id, () => work.VerifyAsync(id, item, verifiedOn, record, photos ?? [], User.ActorName(), cancellationToken), "已核验", cancellationToken);

    public Task<IActionResult> OnPostMilestoneAsync(long id, [FromForm] long milestone, [FromForm] DateOnly? doneOn, CancellationToken cancellationToken) =>
        ActAsync(id, () => work.MilestoneDoneAsync(id, milestone, doneOn, cancellationToken), "已记录", cancellationToken);

    public Task<IActionResult> OnPostCloseAlertAsync(long id, [FromForm] long alert, [FromForm] string? note, CancellationToken cancellationToken) =>
        ActAsync(id, () => work.CloseAlertAsync(id, alert, note, cancellationToken), "预警已处理", cancellationToken);

    public Task<IActionResult> OnPostItemAsync(long id, [FromForm] string? kind, [FromForm] string? name, [FromForm] string? model, [FromForm] decimal? capacity,
        [FromForm] string? unit, [FromForm] string? clause, [FromForm] string? monitorCode, CancellationToken cancellationToken) =>
        ActAsync(id, () => planning.AddItemAsync(id, kind, name, model, capacity, unit, clause, monitorCode, cancellationToken), "已添加", cancellationToken);

    public Task<IActionResult> OnPostNewMilestoneAsync(long id, [FromForm] string? name, [FromForm] DateOnly? dueOn, CancellationToken cancellationToken) =>
        ActAsync(id, () => planning.AddMilestoneAsync(id, name, dueOn, cancellationToken), "已添加节点", cancellationToken);

    private Task<IActionResult> ActAsync(long id, Func<Task<ServiceChange>> change, string done, CancellationToken cancellationToken) =>
        ChangeAsync(change, done, async () => (Plan = await work.PlanAsync(id, cancellationToken)) is null ? NotFound() : Page());
}
