using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using QualityCity.Web.Hosting;

namespace QualityCity.Web.Modules.Services.Catalogue;

/// <summary>
/// The calibration and verification catalogue for anyone (SVC-2): filter by category, lab and
/// mandatory verification, search a word of the name or code. A bad filter is a 400 naming it, as on the API.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Public)]
public sealed class CatalogueBrowseModel(CatalogueSearch search) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "q")] public string? Text { get; set; }

    [BindProperty(SupportsGet = true)] public string? Category { get; set; }

    [BindProperty(SupportsGet = true)] public string? Lab { get; set; }

    [BindProperty(SupportsGet = true)] public string? Mandatory { get; set; }

    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public CataloguePage Result { get; private set; } = new(0, []);

    public IReadOnlyList<string> Categories { get; private set; } = [];

    public IReadOnlyList<string> Labs { get; private set; } = [];

    public bool AnyDemo { get; private set; }

    public int Pages => Math.Max(1, (Result.Total + PageSize - 1) / PageSize);

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return BadRequest(new ValidationProblemDetails(ModelState));
        }

        if (!CatalogueSearch.TryMandatory(Mandatory, out var mandatory))
        {
            ModelState.AddModelError("mandatory", "mandatory: true or false (是 / 否)");
            return BadRequest(new ValidationProblemDetails(ModelState));
        }

        try
        {
            Result = await search.SearchAsync(new CatalogueQuery(Text, Category, Lab, mandatory, PageNumber, PageSize), cancellationToken);
        }
        catch (CatalogueQueryException ex)
        {
            ModelState.AddModelError(ex.Field, ex.Message);
            return BadRequest(new ValidationProblemDetails(ModelState));
        }

        (Categories, Labs, AnyDemo) = await search.FiltersAsync(cancellationToken);
        return Page();
    }

    /// <summary>This search on another page.</summary>
    public string PageLink(int page) => QueryString.Create(new Dictionary<string, string?>
    {
        ["q"] = Text, ["category"] = Category, ["lab"] = Lab, ["mandatory"] = Mandatory, ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(p => !string.IsNullOrEmpty(p.Value))).ToUriComponent();
}
