using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.Development.Chains;

/// <summary>The city's industry chains with their leaders, links, local firms, gaps and projects.</summary>
[Authorize(Policy = Policies.Supervisors)]
public sealed class ChainListModel(ChainViews chains) : PageModel
{
    public IReadOnlyList<ChainSummary> Chains { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Chains = await chains.ChainsAsync(cancellationToken);
}
