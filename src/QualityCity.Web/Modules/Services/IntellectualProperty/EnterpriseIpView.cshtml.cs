using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.Services.IntellectualProperty;

/// <summary>
/// One enterprise's patents, trademarks and pledge loans. An enterprise account sees its own (the
/// credit code of its sign-in; another code is 404); staff name any enterprise.
/// </summary>
[Authorize(Policy = Policies.SignedIn)]
public sealed class EnterpriseIpViewModel(IpViews views) : PageModel
{
    public EnterpriseIp? Ip { get; private set; }

    [BindProperty(SupportsGet = true)] public string? Code { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var isEnterprise = User.IsInRole(Roles.Enterprise);
        if (!isEnterprise && !User.IsInRole(Roles.Admin) && !User.IsInRole(Roles.Coordinator) && !User.IsInRole(Roles.DeptHead) && !User.IsInRole(Roles.Inspector))
        {
            return Forbid();
        }

        var code = string.IsNullOrWhiteSpace(Code) ? (isEnterprise ? User.CreditCode() : null) : Code;
        if (code is null)
        {
            return Page(); // staff without a code: the form asks for one
        }

        if (code.Length > 18)
        {
            ModelState.AddModelError("code", "code: 18 characters");
            return BadRequest(new ValidationProblemDetails(ModelState));
        }

        Ip = await views.ForEnterpriseAsync(code, User, cancellationToken);
        return Ip is null ? NotFound() : Page();
    }
}
