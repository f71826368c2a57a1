using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Modules.Registry.SearchEntities;

/// <summary>
/// The first hits of a search condition in registration order on PostgreSQL's partitioned registry
/// (ADR 0049), never by walking the key's index of every city's partition and trying each row on the
/// way: PostgreSQL chooses that walk for a condition it expects in every city, and then walks all of
/// a partition that has no hit.
/// </summary>
internal static class FirstHitsById
{
    /// <summary>
    /// Reads the hits' ids once, up to one more than <paramref name="cap"/>, through the condition's
    /// indexes: their number is the count, and with no more than the cap the first
    /// <paramref name="needed"/> of them are the answer. With more, the answer is read in windows of ids
    /// from the lowest up, each sized to hold about twice as many hits as needed at their density, four
    /// times wider when one holds too few: each window is a bounded read however the hits are spread.
    /// </summary>
    public static async Task<(int Count, List<long> First)> ReadAsync(QualityCityDbContext db, IQueryable<MarketEntity> matching, int needed, int cap,
        CancellationToken cancellationToken)
    {
        var ids = await matching.Select(e => e.Id).Take(cap + 1).ToListAsync(cancellationToken);
        if (ids.Count <= cap)
        {
            return (ids.Count, [.. ids.Order().Take(needed)]);
        }

        var low = await db.MarketEntities.MinAsync(e => e.Id, cancellationToken);
        var high = await db.MarketEntities.MaxAsync(e => e.Id, cancellationToken);
        var width = (long)Math.Ceiling(2.0 * needed * (high - low + 1) / ids.Count);
        while (true)
        {
            var end = low + width;
            var first = await matching.Where(e => e.Id < end).OrderBy(e => e.Id).Select(e => e.Id).Take(needed).ToListAsync(cancellationToken);
            if (first.Count == needed || end > high)
            {
                return (ids.Count, first);
            }

            width *= 4;
        }
    }
}
