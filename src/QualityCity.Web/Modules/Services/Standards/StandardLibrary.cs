using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.Services.Standards;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;

namespace QualityCity.Web.Modules.Services.Standards;

/// <summary>An edition next to another in a replacement chain: its number, and its title and status when it is in the library.</summary>
public sealed record StandardLink(string Number, string? TitleZh, string? Status, bool InLibrary);

/// <summary>One standard with everything the library knows of it, for its page and <c>GET /api/standards/{number}</c>.</summary>
public sealed record StandardDetail(
    string Number, string Type, string TitleZh, string? TitleEn, string? Status, string? RecordedStatus, DateOnly? PublishDate, DateOnly? ImplementDate,
    DateOnly? AbolishDate, string? Ccs, IReadOnlyList<string> Ics, string? Body, string? Committee, string? Cluster, bool IsSynthetic,
    IReadOnlyList<StandardLink> Replaces, IReadOnlyList<StandardLink> ReplacedBy, IReadOnlyList<StandardLink> Chain);

/// <summary>Reads standards out of the table: one by its number, the status on the day, the replacement chains both ways.</summary>
public sealed class StandardLibrary(QualityCityDbContext db, PlatformClock clock)
{
    /// <summary>The longest chain walked (editions of one standard rarely exceed six).</summary>
    private const int MaxChain = 20;

    /// <summary>The status code on <paramref name="today"/>: current, upcoming, abolished, or null when nothing is recorded.</summary>
    public static string? StatusCode(Standard row, DateOnly today)
    {
        _ = StandardStatusRules.TryParse(row.RecordedStatus, out var recorded);
        return StandardStatusRules.On(today, recorded, row.ImplementDate, row.AbolishDate) switch
        {
            StandardStatus.Current => "current",
            StandardStatus.Upcoming => "upcoming",
            StandardStatus.Abolished => "abolished",
            _ => null,
        };
    }

    /// <summary>The Chinese word of a status code.</summary>
    public static string StatusName(string? code) => code switch
    {
        "current" => "现行",
        "upcoming" => "即将实施",
        "abolished" => "废止",
        _ => "—",
    };

    /// <summary>
    /// The standard a number names. An exact number (with its year) finds that edition; a number
    /// without a year finds the current edition of it, else the newest.
    /// </summary>
    public async Task<Standard?> FindAsync(string number, CancellationToken cancellationToken)
    {
        var parsed = StandardNumber.Parse(number);
        if (parsed is null)
        {
            return null;
        }

        var key = parsed.ExactKey;
        var exact = await db.Standards.AsNoTracking().FirstOrDefaultAsync(s => s.NumberKey == key, cancellationToken);
        if (exact is not null || parsed.Year is not null)
        {
            return exact;
        }

        // Editions of the number: the key followed by a dash and the year.
        var editions = await db.Standards.AsNoTracking().Where(s => s.NumberKey.StartsWith(key + "-")).ToListAsync(cancellationToken);
        var today = clock.Today;
        return editions.OrderBy(s => StatusCode(s, today) switch { "current" => 0, "upcoming" => 1, null => 2, _ => 3 })
            .ThenByDescending(s => s.ImplementDate ?? s.PublishDate).FirstOrDefault();
    }

    public async Task<StandardDetail?> DetailAsync(string number, CancellationToken cancellationToken)
    {
        var row = await FindAsync(number, cancellationToken);
        if (row is null)
        {
            return null;
        }

        var today = clock.Today;
        var replaces = await NeighboursAsync([row.NumberKey], older: true, cancellationToken);
        var replacedBy = await NeighboursAsync([row.NumberKey], older: false, cancellationToken);
        return new StandardDetail(row.Number, row.Type, row.TitleZh, row.TitleEn, StatusCode(row, today), row.RecordedStatus, row.PublishDate,
            row.ImplementDate, row.AbolishDate, row.Ccs, Split(row.Ics), row.Body, row.Committee, row.Cluster, row.IsSynthetic,
            await LinksAsync(replaces.GetValueOrDefault(row.NumberKey) ?? [], today, cancellationToken),
            await LinksAsync(replacedBy.GetValueOrDefault(row.NumberKey) ?? [], today, cancellationToken),
            await ChainAsync(row, today, cancellationToken));
    }

    /// <summary>
    /// The whole line of editions the standard belongs to, oldest first: walked from it through
    /// replaces and replaced-by until no new edition appears (a standard split into several or several
    /// merged into one make a tree; it is listed by date).
    /// </summary>
    private async Task<IReadOnlyList<StandardLink>> ChainAsync(Standard row, DateOnly today, CancellationToken cancellationToken)
    {
        var seen = new Dictionary<string, string>(StringComparer.Ordinal) { [row.NumberKey] = row.Number };
        var frontier = new List<string> { row.NumberKey };
        while (frontier.Count > 0 && seen.Count < MaxChain)
        {
            var next = new List<string>();
            foreach (var older in new[] { true, false })
            {
                foreach (var (_, links) in await NeighboursAsync(frontier, older, cancellationToken))
                {
                    foreach (var (key, number) in links)
                    {
                        if (seen.TryAdd(key, number))
                        {
                            next.Add(key);
                        }
                    }
                }
            }

            frontier = next;
        }

        if (seen.Count == 1)
        {
            return [];
        }

        var keys = seen.Keys.ToList();
        var rows = await db.Standards.AsNoTracking().Where(s => keys.Contains(s.NumberKey)).ToDictionaryAsync(s => s.NumberKey, cancellationToken);
        // By date; an edition not in the library (or without dates) by the year in its number.
        return seen.OrderBy(e => rows.GetValueOrDefault(e.Key) is { } r && (r.ImplementDate ?? r.PublishDate) is { } date ? date.Year * 10_000 + date.DayOfYear : YearOf(e.Value) * 10_000)
            .ThenBy(e => e.Value, StringComparer.Ordinal)
            .Select(e => Link(e.Value, rows.GetValueOrDefault(e.Key), today)).ToList();
    }

    private static int YearOf(string number)
    {
        var year = StandardNumber.Parse(number)?.Year;
        return year is null ? int.MaxValue : year.Length == 2 ? 1900 + int.Parse(year, System.Globalization.CultureInfo.InvariantCulture)
            : int.Parse(year, System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>For each key, the editions it replaces (<paramref name="older"/>) or that replace it, as (key, number).</summary>
    private async Task<Dictionary<string, List<(string Key, string Number)>>> NeighboursAsync(List<string> keys, bool older, CancellationToken cancellationToken)
    {
        var links = older
            ? await db.StandardSupersessions.AsNoTracking().Where(l => keys.Contains(l.NewKey)).Select(l => new { From = l.NewKey, To = l.OldKey, Number = l.OldNumber }).ToListAsync(cancellationToken)
            : await db.StandardSupersessions.AsNoTracking().Where(l => keys.Contains(l.OldKey)).Select(l => new { From = l.OldKey, To = l.NewKey, Number = l.NewNumber }).ToListAsync(cancellationToken);
        return links.GroupBy(l => l.From, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.DistinctBy(l => l.To).Select(l => (l.To, l.Number)).ToList(), StringComparer.Ordinal);
    }

    private async Task<IReadOnlyList<StandardLink>> LinksAsync(List<(string Key, string Number)> links, DateOnly today, CancellationToken cancellationToken)
    {
        var keys = links.Select(l => l.Key).ToList();
        var rows = await db.Standards.AsNoTracking().Where(s => keys.Contains(s.NumberKey)).ToDictionaryAsync(s => s.NumberKey, cancellationToken);
        return links.Select(l => Link(l.Number, rows.GetValueOrDefault(l.Key), today)).ToList();
    }

    private static StandardLink Link(string number, Standard? row, DateOnly today) =>
        row is null ? new StandardLink(number, null, null, false) : new StandardLink(row.Number, row.TitleZh, StatusCode(row, today), true);

    private static List<string> Split(string? values) =>
        values?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList() ?? [];
}
