using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;

namespace QualityCity.Web.Modules.PublicVoice.Intake;

/// <summary>
/// The category codes and the city's counties as the intake checks them, kept in memory (ADR 0036):
/// both are reference data loaded when the platform starts, read by every submission. A value not
/// found in memory is looked up again in the database before it is refused, so a category or county
/// added while the server runs is accepted at once.
/// </summary>
public sealed class VoiceIntakeLookups
{
    private volatile HashSet<string>? _categories;
    private volatile Dictionary<string, string>? _counties;

    public async ValueTask<bool> IsCategoryAsync(QualityCityDbContext db, string code, CancellationToken cancellationToken)
    {
        if (_categories is { } known && known.Contains(code))
        {
            return true;
        }

        var fresh = (await db.VoiceCategories.AsNoTracking().Select(c => c.Code).ToListAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        _categories = fresh;
        return fresh.Contains(code);
    }

    /// <summary>The county's code from its code or its name, among the city's counties; null when it is none of them.</summary>
    public async ValueTask<string?> CountyCodeAsync(QualityCityDbContext db, string value, CancellationToken cancellationToken)
    {
        if (_counties is { } known && known.TryGetValue(value, out var code))
        {
            return code;
        }

        var fresh = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var county in await db.Regions.AsNoTracking().Where(r => r.Level == "county" && r.ParentCode == VoiceLabels.CityCode)
                     .Select(r => new { r.Code, r.Name }).ToListAsync(cancellationToken))
        {
            fresh.TryAdd(county.Code, county.Code);
            fresh.TryAdd(county.Name, county.Code);
        }

        _counties = fresh;
        return fresh.GetValueOrDefault(value);
    }
}
