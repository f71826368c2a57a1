using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Services.Contracts;

namespace QualityCity.Web.Modules.Services.Catalogue;

/// <summary>What a catalogue search asks: a word of the name or code, and the filters.</summary>
public sealed record CatalogueQuery(string? Text, string? Category, string? Lab, bool? Mandatory, int Page = 1, int PageSize = 50);

/// <summary>One item as the page and the API show it.</summary>
public sealed record CatalogueHit(string Code, string Name, string Category, string? MeasuringRange, string? Accuracy, string Lab, decimal PriceYuan,
    int TurnaroundDays, bool Mandatory, bool IsDemo);

public sealed record CataloguePage(int Total, IReadOnlyList<CatalogueHit> Items);

/// <summary>A search's input that cannot be answered, naming the field.</summary>
public sealed class CatalogueQueryException(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>
/// Searches the catalogue (a few hundred rows, so a plain <c>LIKE</c> on name and code is enough) and
/// answers the one window's look-ups by code.
/// </summary>
public sealed class CatalogueSearch(QualityCityDbContext db) : ICatalogueLookup
{
    public const int MaxText = 50;
    public const int MaxPageSize = 200;

    public async Task<CataloguePage> SearchAsync(CatalogueQuery query, CancellationToken cancellationToken)
    {
        if (query.Text is { Length: > MaxText })
        {
            throw new CatalogueQueryException("q", $"q: at most {MaxText} characters");
        }

        if (query.Page is < 1 or > 100_000)
        {
            throw new CatalogueQueryException("page", "page: 1 to 100000");
        }

        if (query.PageSize is < 1 or > MaxPageSize)
        {
            throw new CatalogueQueryException("page_size", $"page_size: 1 to {MaxPageSize}");
        }

        var items = db.CatalogueItems.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            var text = query.Text.Trim();
            var code = text.ToUpperInvariant();
            items = items.Where(i => i.Name.Contains(text) || i.Code.Contains(code));
        }

        if (!string.IsNullOrWhiteSpace(query.Category))
        {
            items = items.Where(i => i.Category == query.Category);
        }

        if (!string.IsNullOrWhiteSpace(query.Lab))
        {
            items = items.Where(i => i.Lab == query.Lab);
        }

        if (query.Mandatory is { } mandatory)
        {
            items = items.Where(i => i.Mandatory == mandatory);
        }

        var total = await items.CountAsync(cancellationToken);
        var page = await items.OrderBy(i => i.Code).Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
            .Select(i => new CatalogueHit(i.Code, i.Name, i.Category, i.MeasuringRange, i.Accuracy, i.Lab, i.PriceYuan, i.TurnaroundDays, i.Mandatory, i.IsSynthetic))
            .ToListAsync(cancellationToken);
        return new CataloguePage(total, page);
    }

    /// <summary>The categories and labs in use, for the filters.</summary>
    public async Task<(IReadOnlyList<string> Categories, IReadOnlyList<string> Labs, bool AnyDemo)> FiltersAsync(CancellationToken cancellationToken)
    {
        var categories = await db.CatalogueItems.AsNoTracking().Select(i => i.Category).Distinct().ToListAsync(cancellationToken);
        var labs = await db.CatalogueItems.AsNoTracking().Select(i => i.Lab).Distinct().ToListAsync(cancellationToken);
        var anyDemo = await db.CatalogueItems.AnyAsync(i => i.IsSynthetic, cancellationToken);
        return ([.. categories.Order(StringComparer.Ordinal)], [.. labs.Order(StringComparer.Ordinal)], anyDemo);
    }

    public async Task<bool> ExistsAsync(IReadOnlyCollection<string> codes, CancellationToken cancellationToken)
    {
        var wanted = codes.Select(c => c.Trim().ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToList();
        return await db.CatalogueItems.CountAsync(i => wanted.Contains(i.Code), cancellationToken) == wanted.Count;
    }

    public async Task<IReadOnlyList<CatalogueEntry>> FindAsync(IReadOnlyCollection<string> codes, CancellationToken cancellationToken)
    {
        var wanted = codes.Select(c => c.Trim().ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToList();
        return await db.CatalogueItems.AsNoTracking().Where(i => wanted.Contains(i.Code)).OrderBy(i => i.Code)
            .Select(i => new CatalogueEntry(i.Code, i.Name, i.Category, i.Lab, i.PriceYuan, i.TurnaroundDays, i.Mandatory))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Reads <c>mandatory</c> as the API and the page take it: true/false, yes/no, 是/否, 1/0, or nothing.</summary>
    public static bool TryMandatory(string? text, out bool? mandatory)
    {
        mandatory = null;
        switch (text?.Trim().ToLowerInvariant())
        {
            case null or "":
                return true;
            case "true" or "yes" or "是" or "1":
                mandatory = true;
                return true;
            case "false" or "no" or "否" or "0":
                mandatory = false;
                return true;
            default:
                return false;
        }
    }
}
