using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using QualityCity.Domain.Execution;
using QualityCity.Web.Hosting;

namespace QualityCity.Web.Modules.Inspections.VerifyVisitCode;

/// <summary>
/// A code typed by hand (the home page's field, or this page's): it opens /v/{code}. The short form is
/// written as the QR image has it (capitals), whatever case was typed; a whole signed code is kept as it is.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Public)]
public sealed class CheckVisitCodeModel : PageModel
{
    public IActionResult OnGet(string? code)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            return Page();
        }

        var typed = code.Trim();
        var path = !typed.Contains('.', StringComparison.Ordinal) && VisitCodeReference.TryParse(typed, out var visitId, out var tag)
            ? $"{visitId.ToString(System.Globalization.CultureInfo.InvariantCulture)}-{tag}"
            : typed;
        return Redirect("/v/" + Uri.EscapeDataString(path));
    }
}
