using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.Development;

/// <summary>Enterprise development's entry for the bureau: the per-mu report, the tier pipeline, the chains and the commissioners. An official who is only a commissioner goes to their enterprises.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class DevelopmentHomeModel : PageModel
{
    public IActionResult OnGet() =>
        User.IsInRole(Roles.Admin) || User.IsInRole(Roles.Coordinator) || User.IsInRole(Roles.DeptHead) ? Page() : Redirect("/development/my-enterprises");
}
