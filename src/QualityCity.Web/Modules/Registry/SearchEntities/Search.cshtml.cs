using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Registry.Shared;

namespace QualityCity.Web.Modules.Registry.SearchEntities;

[Authorize(Policy = Policies.Staff)]
public sealed class SearchModel(RegistrySearch search, RegistryLabels labels, Text text) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? County { get; set; }
    [BindProperty(SupportsGet = true)] public string? Industry { get; set; }
    [BindProperty(SupportsGet = true)] public string? Chain { get; set; }
    [BindProperty(SupportsGet = true)] public string? Grade { get; set; }
    [BindProperty(SupportsGet = true)] public string? Sort { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    /// <summary>A contact's phone number: taken from the form's POST only, never from an address (docs/decisions/0027-registry-search.md).</summary>
    [BindProperty] public string? Phone { get; set; }

    public RegistryQuery Query { get; private set; } = new();
    public RegistryPage Result { get; private set; } = new(0, false, 1, 20, []);
    public IReadOnlyList<(string Code, string Name)> Counties => labels.Counties;
    public IReadOnlyList<(string Code, string Name)> Industries => labels.Industries;
    public IReadOnlyList<(string Code, string Name, string NameEn)> Chains => labels.Chains;

    /// <summary>True when the search is answered to the form's POST (its pages are POSTs too): a phone search, or one too long for an address.</summary>
    public bool AnsweredInPlace { get; private set; }

    /// <summary>Why the phone number was refused, shown next to its field; null when it was not.</summary>
    public string? PhoneError { get; private set; }

    /// <summary>True when any filter is set, so that an empty list can say what to change.</summary>
    public bool HasFilters => !string.IsNullOrWhiteSpace(Query.Q) || !string.IsNullOrWhiteSpace(Query.Phone) || !string.IsNullOrEmpty(Query.County)
                              || !string.IsNullOrEmpty(Query.Industry) || !string.IsNullOrEmpty(Query.Chain) || !string.IsNullOrEmpty(Query.Grade);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await labels.LoadAsync(cancellationToken);
        var sort = RegistrySorts.All.Contains(Sort) ? Sort : null;
        Query = new RegistryQuery(Q, County, Industry, Chain, Grade, PageNumber, 20, sort, AnsweredInPlace ? Phone : null);
        Result = PhoneError is null ? await search.SearchAsync(Query, cancellationToken) : new RegistryPage(0, false, 1, 20, []);
    }

    /// <summary>The search form: see <see cref="SearchForms"/>.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(Phone) && MayBePhone(Q))
        {
            // A phone number typed into the search box is searched as one (and kept out of the address).
            (Phone, Q) = (Q, null);
        }

        if (!string.IsNullOrWhiteSpace(Phone))
        {
            // A phone number never goes into an address, where proxies and browser history keep it.
            if (!IsPhone(Phone))
            {
                PhoneError = text["电话号码只能包含数字、空格和短横线，至少 5 位数字"];
            }
        }
        else if (SearchForms.AddressOf("/registry", ("q", Q), ("county", County), ("industry", Industry), ("chain", Chain), ("grade", Grade),
                     ("sort", RegistrySorts.All.Contains(Sort) ? Sort : null),
                     ("page", PageNumber > 1 ? PageNumber.ToString(CultureInfo.InvariantCulture) : null)) is { } address)
        {
            return SearchForms.SeeOther(Response, address);
        }

        AnsweredInPlace = true;
        await OnGetAsync(cancellationToken);
        return Page();
    }

    /// <summary>Digits with optional spaces and dashes, 5 to 20 digits: what a phone number may be typed as.</summary>
    public static bool IsPhone(string phone)
    {
        var trimmed = phone.Trim();
        var digits = trimmed.Count(char.IsAsciiDigit);
        return trimmed.All(c => char.IsAsciiDigit(c) || c is ' ' or '-') && digits is >= 5 and <= 20;
    }

    /// <summary>
    /// Search-box text that is a phone number rather than a credit-code prefix (codes have no spaces or
    /// dashes and never begin with 0): written with a space or a dash, a landline (0…), or a mobile
    /// number (11 digits, 1…).
    /// </summary>
    private static bool MayBePhone(string? q)
    {
        if (q is null || !IsPhone(q))
        {
            return false;
        }

        var trimmed = q.Trim();
        var digits = trimmed.Count(char.IsAsciiDigit);
        return digits >= 7 && (trimmed.Any(c => c is ' ' or '-') || trimmed[0] == '0' || (digits == 11 && trimmed[0] == '1'));
    }

    /// <summary>The address of this list with another page or order, keeping every filter.</summary>
    public string Link(int page, string? sort) =>
        "/registry" + QueryString.Create(new (string Name, string? Value)[]
            {
                ("q", Query.Q), ("county", Query.County), ("industry", Query.Industry), ("chain", Query.Chain), ("grade", Query.Grade), ("sort", sort),
                ("page", page > 1 ? page.ToString(CultureInfo.InvariantCulture) : null),
            }
            .Where(f => !string.IsNullOrEmpty(f.Value)).Select(f => KeyValuePair.Create(f.Name, f.Value)));

    public string CountyName(string code) => labels.CountyName(code);
    public string IndustryName(string? code) => labels.IndustryName(code);
    public string ChainName(string? code) => labels.ChainName(code);
    public string GradeLabel(string? grade) => labels.GradeLabel(grade);
    public string StatusLabel(string status) => labels.StatusLabel(status);
}
