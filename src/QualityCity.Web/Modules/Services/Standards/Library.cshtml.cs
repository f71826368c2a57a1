using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using QualityCity.Web.Hosting;

namespace QualityCity.Web.Modules.Services.Standards;

/// <summary>
/// The standards library's search page (SVC-3), open to everyone like the national catalogue: one box
/// for a number, Chinese or English, filters with their hit counts, and the hits with today's status
/// and what replaces them. A GET form: a search is an address that can be shared.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Public)]
public sealed class LibraryModel(StandardsSearch search) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true, Name = "q")] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Type { get; set; }
    [BindProperty(SupportsGet = true)] public string? Cluster { get; set; }
    [BindProperty(SupportsGet = true)] public string? Ccs { get; set; }
    [BindProperty(SupportsGet = true)] public string? Ics { get; set; }

    /// <summary>A GB/T 4754 industry code: the standards its products are likely to need.</summary>
    [BindProperty(SupportsGet = true)] public string? Industry { get; set; }
    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public StandardsResult? Result { get; private set; }

    /// <summary>A filter value that was refused (a hand-edited address), named.</summary>
    public string? Error { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        try
        {
            Result = await search.SearchAsync(new StandardsQuery(Q, Empty(Status), Empty(Type), Empty(Ccs), Empty(Ics), Empty(Cluster), null, null,
                Math.Max(1, PageNumber), PageSize, Facets: true) { Industry = Empty(Industry) }, cancellationToken);
        }
        catch (StandardsQueryException ex)
        {
            Error = ex.Field + ": " + ex.Message;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }

    private static string? Empty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    /// <summary>The address of this search with one parameter changed (null removes it); the page goes back to 1 unless it is the one changed.</summary>
    public string Link(string name, string? value)
    {
        var values = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["q"] = Q, ["industry"] = Industry, ["status"] = Status, ["type"] = Type, ["cluster"] = Cluster, ["ccs"] = Ccs, ["ics"] = Ics,
        };
        values[name] = value;

        return "/standards" + QueryString.Create(values.Where(v => !string.IsNullOrEmpty(v.Value)));
    }

    /// <summary>The facet's counts, or none.</summary>
    public IReadOnlyDictionary<string, int> Counts(string facet) =>
        Result?.Facets?.GetValueOrDefault(facet) ?? new Dictionary<string, int>();

    public static string TypeName(string type) => type switch
    {
        "national" => "国家标准",
        "industry" => "行业标准",
        "local" => "地方标准",
        "group" => "团体标准",
        _ => type,
    };
}
