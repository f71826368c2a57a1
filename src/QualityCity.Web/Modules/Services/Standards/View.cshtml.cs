using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using QualityCity.Web.Hosting;

namespace QualityCity.Web.Modules.Services.Standards;

/// <summary>
/// One standard's page: its record, today's status, the editions it replaces and that replace it,
/// and the whole line of editions, each a link — so a chain is walked both ways by clicking. The
/// number is a query parameter because numbers contain a slash (GB/T).
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Public)]
public sealed class ViewModel(StandardLibrary library) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Number { get; set; }

    public StandardDetail? Standard { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Number))
        {
            return Redirect("/standards");
        }

        Standard = await library.DetailAsync(Number, cancellationToken);
        if (Standard is null)
        {
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }

    public static string Link(string number) => "/standards/view?number=" + Uri.EscapeDataString(number);
}
