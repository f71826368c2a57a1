using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.Development.Tiers;

/// <summary>The bureau's pipeline of the tier ladder (DEV-1): per tier, the firms that meet it and those one condition away, with the condition.</summary>
[Authorize(Policy = Policies.Supervisors)]
public sealed class TierPipelineModel(TierViews tiers) : PageModel
{
    /// <summary>The criteria version the pipeline is worked out by.</summary>
    public static string Version => TierViews.CurrentVersion;

    public IReadOnlyList<PipelineTier> Tiers { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Tiers = await tiers.PipelineAsync(Version, cancellationToken);
}
