using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;

namespace QualityCity.Web.Modules.Inspections.PublicResults;

/// <summary>A published inspection as the public page lists it.</summary>
public sealed record PublicInspection(long Id, string CreditCode, string EnterpriseName, string Department, DateOnly Date, int Items, int Problems,
    int OpenTasks, DateTime PublishedAtUtc);

/// <summary>
/// Published inspection results (EXE-6, 一公开) for everyone, newest first, searchable by name or
/// credit code, a page at a time with the number of matching results; each one opens at
/// /results/{id}. The full data at /open-data.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Public)]
public sealed class PublicResultsModel(QualityCityDbContext db) : PageModel
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    /// <summary>The page of the list (1, 2, …), as ?p= ("page" is the route value Razor Pages keeps for the page itself).</summary>
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<PublicInspection> Inspections { get; private set; } = [];

    /// <summary>The published results matching the search, on every page.</summary>
    public int Total { get; private set; }

    /// <summary>A search too long for an address, answered to its POST: it pages by POST as well.</summary>
    public bool AnsweredInPlace { get; private set; }

    public bool HasNextPage => (long)PageNumber * PageSize < Total;

    public string Link(int page) => "/results" + QueryString.Create(
        new[] { KeyValuePair.Create("Q", string.IsNullOrWhiteSpace(Q) ? null : Q), KeyValuePair.Create("p", page > 1 ? page.ToString(System.Globalization.CultureInfo.InvariantCulture) : null) }
            .Where(p => p.Value is not null));

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        // The page number obeys the API's paging bounds (Hosting/InputValidation), refused naming "p".
        if (InputValidation.PageProblems([("p", PageNumber, [new RangeAttribute(1, InputValidation.MaxPage)])]) is { Count: > 0 } problems)
        {
            return new BadRequestObjectResult(new ValidationProblemDetails(problems)) { ContentTypes = { "application/problem+json" } };
        }

        var query = db.Inspections.AsNoTracking().Where(i => i.PublishedAtUtc != null);
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            var upper = q.ToUpperInvariant();
            var codes = db.MarketEntities.Where(e => e.Name.Contains(q) || e.CreditCode.StartsWith(upper)).Select(e => e.CreditCode);
            query = query.Where(i => codes.Contains(i.CreditCode));
        }

        Total = await query.CountAsync(cancellationToken);
        var page = await query.OrderByDescending(i => i.PublishedAtUtc).ThenByDescending(i => i.Id).Skip((PageNumber - 1) * PageSize).Take(PageSize)
            .Select(i => new
            {
                i.Id, i.CreditCode, i.DepartmentId, i.Date, PublishedAtUtc = i.PublishedAtUtc!.Value, Items = i.Results.Count,
                Problems = i.Results.Count(r => r.Outcome == Outcomes.Problem),
                OpenTasks = db.RectificationTasks.Count(t => t.InspectionId == i.Id && t.Status != "closed"),
            }).ToListAsync(cancellationToken);
        var codesShown = page.Select(p => p.CreditCode).Distinct().ToList();
        var names = await db.MarketEntities.AsNoTracking().Where(e => codesShown.Contains(e.CreditCode)).ToDictionaryAsync(e => e.CreditCode, e => e.Name, cancellationToken);
        var departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => Localization.Text.IsEnglish ? d.NameEn : d.Name, cancellationToken);
        Inspections = page.Select(p => new PublicInspection(p.Id, p.CreditCode, names.GetValueOrDefault(p.CreditCode, p.CreditCode),
            departments.GetValueOrDefault(p.DepartmentId, string.Empty), p.Date, p.Items, p.Problems, p.OpenTasks, p.PublishedAtUtc)).ToList();
        return Page();
    }

    /// <summary>The search form, and the pager of a search answered in place: see <see cref="SearchForms"/>.</summary>
    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (SearchForms.AddressOf("/results", ("Q", Q), ("p", PageNumber > 1 ? PageNumber.ToString(System.Globalization.CultureInfo.InvariantCulture) : null)) is { } address)
        {
            return SearchForms.SeeOther(Response, address);
        }

        AnsweredInPlace = true;
        return await OnGetAsync(cancellationToken);
    }
}
