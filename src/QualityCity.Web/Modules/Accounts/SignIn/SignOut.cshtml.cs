using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using QualityCity.Web.Hosting;

namespace QualityCity.Web.Modules.Accounts.SignIn;

/// <summary>Signing out ends every session of the account (see <see cref="SignInService.SignOutAsync"/>).</summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Public)]
public sealed class SignOutModel(SignInService signIn) : PageModel
{
    public IActionResult OnGet() => Redirect("/");

    public async Task<IActionResult> OnPostAsync()
    {
        await signIn.SignOutAsync(User);
        return Redirect("/");
    }
}
