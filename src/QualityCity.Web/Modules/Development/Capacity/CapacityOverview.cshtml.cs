using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Modules.Development.Capacity;

/// <summary>Outdated capacity for the bureau (DEV-5): the totals against the targets, the plans, the open monitoring alerts and the feed's upload.</summary>
[Authorize(Policy = Policies.Supervisors)]
[RequestSizeLimit(RequestLimits.UploadBytes)]
public sealed class CapacityOverviewModel(CapacityWork work, CapacityPlanning planning, DatabaseSettings settings, Text text) : DevelopmentPageModel
{
    public CapacityTotals? Totals { get; private set; }
    public IReadOnlyList<CapacityPlanRow> Plans { get; private set; } = [];
    public IReadOnlyList<(CapacityAlert Alert, CapacityItem Item)> Alerts { get; private set; } = [];
    public MonitoringImport? Feed { get; private set; }

    /// <summary>The targets are the city's: the administrator and the coordinator set them.</summary>
    public bool MaySetTargets => User.SeesAllDepartments();

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostFeedAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        var (path, error) = await UploadedTableFile.SaveAsync(file, settings, 50, "monitoring", text, cancellationToken);
        if (path is null)
        {
            return await RefuseAsync(error!, cancellationToken);
        }

        try
        {
            Feed = await work.ImportFeedAsync(path, cancellationToken);
        }
        catch (RegistryFileException ex)
        {
            return await RefuseAsync(text.Format("无法导入：{0}", ex.Message), cancellationToken);
        }
        finally
        {
            System.IO.File.Delete(path);
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    /// <summary>Starts a plan for an enterprise and opens it, where its lines, devices and milestones are added.</summary>
    public async Task<IActionResult> OnPostPlanAsync([FromForm] string? creditCode, [FromForm] string? title, [FromForm] int? year, [FromForm] DateOnly? dueOn,
        [FromForm] string? notes, CancellationToken cancellationToken)
    {
        var (change, id) = await planning.CreatePlanAsync(creditCode, title, year, dueOn, notes, User.ActorName(), cancellationToken);
        return change.Done ? Redirect($"/development/capacity/{id}") : await RefuseAsync(change.Reason!, cancellationToken, change.Field!);
    }

    public async Task<IActionResult> OnPostTargetAsync([FromForm] int? fromYear, [FromForm] int? firms, [FromForm] int? lines, [FromForm] int? devices,
        [FromForm] string? source, CancellationToken cancellationToken)
    {
        if (!MaySetTargets)
        {
            return Forbid();
        }

        return await ChangeAsync(() => planning.SetTargetAsync(fromYear, firms, lines, devices, source, cancellationToken), "目标已保存",
            async () => { await LoadAsync(cancellationToken); return Page(); });
    }

    private async Task<IActionResult> RefuseAsync(string reason, CancellationToken cancellationToken, string field = "file")
    {
        Refuse(field, reason);
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Totals = await work.TotalsAsync(cancellationToken);
        Plans = await work.PlansAsync(cancellationToken);
        Alerts = await work.OpenAlertsAsync(cancellationToken);
    }
}
