using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.Services.OneWindow.EnterpriseView;

/// <summary>我的需求: the enterprise's own demands to the one window, newest first.</summary>
[Authorize(Policy = Policies.Enterprises)]
public sealed class MyDemandsModel(DemandWork work) : PageModel
{
    public DemandPage Demands { get; private set; } = new(0, 1, 100, []);

    public async Task OnGetAsync(CancellationToken cancellationToken) => Demands = await work.ListAsync(new DemandFilter(PageSize: 100), User, cancellationToken);
}
