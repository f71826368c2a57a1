using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Registry.Shared;

namespace QualityCity.Web.Modules.Registry.SearchEntities;

[Authorize(Policy = Policies.Staff)]
public sealed class SearchModel(RegistrySearch search, RegistryLabels labels) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? County { get; set; }
    [BindProperty(SupportsGet = true)] public string? Industry { get; set; }
    [BindProperty(SupportsGet = true)] public string? Chain { get; set; }
    [BindProperty(SupportsGet = true)] public string? Grade { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public RegistryQuery Query { get; private set; } = new();
    public RegistryPage Result { get; private set; } = new(0, false, 1, 20, []);
    public IReadOnlyList<(string Code, string Name)> Counties => labels.Counties;
    public IReadOnlyList<(string Code, string Name)> Industries => labels.Industries;
    public IReadOnlyList<(string Code, string Name, string NameEn)> Chains => labels.Chains;

    /// <summary>True when the search was too long for an address and is answered to the form's POST (its pages are POSTs too).</summary>
    public bool AnsweredInPlace { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await labels.LoadAsync(cancellationToken);
        Query = new RegistryQuery(Q, County, Industry, Chain, Grade, PageNumber, 20);
        Result = await search.SearchAsync(Query, cancellationToken);
    }

    /// <summary>The search form: see <see cref="SearchForms"/>.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (SearchForms.AddressOf("/registry", ("q", Q), ("county", County), ("industry", Industry), ("chain", Chain), ("grade", Grade),
                ("page", PageNumber > 1 ? PageNumber.ToString(System.Globalization.CultureInfo.InvariantCulture) : null)) is { } address)
        {
            return SearchForms.SeeOther(Response, address);
        }

        AnsweredInPlace = true;
        await OnGetAsync(cancellationToken);
        return Page();
    }

    public string CountyName(string code) => labels.CountyName(code);
    public string IndustryName(string? code) => labels.IndustryName(code);
    public string ChainName(string? code) => labels.ChainName(code);
    public string GradeLabel(string? grade) => labels.GradeLabel(grade);
    public string StatusLabel(string status) => labels.StatusLabel(status);
}
