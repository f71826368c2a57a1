using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.Development.Commissioners;

/// <summary>The signed-in official's enterprises as their service commissioner: open and escalated problems, the last visit.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class MyEnterprisesModel(CommissionerWork work) : PageModel
{
    public CommissionerView? Commissioner { get; private set; }
    public IReadOnlyList<CommissionedRow> Enterprises { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (await work.OwnEnterprisesAsync(User, cancellationToken) is { } own)
        {
            (Commissioner, Enterprises) = own;
        }
    }
}
