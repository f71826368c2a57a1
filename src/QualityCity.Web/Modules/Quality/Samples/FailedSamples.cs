using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Modules.Quality.Samples;

/// <summary>The failed samples as the registry's risk grading counts them.</summary>
internal sealed class FailedSamples(QualityCityDbContext db) : IFailedSamples
{
    public async Task<Dictionary<string, IReadOnlyList<string>>> ByProducerAsync(DateOnly since, string? creditCode, CancellationToken cancellationToken)
    {
        var query = db.Samples.AsNoTracking().Where(s => s.Passed == false && s.SampledOn > since);
        if (creditCode is not null)
        {
            query = query.Where(s => s.ProducerCreditCode == creditCode);
        }

        return (await query.OrderBy(s => s.SampledOn).Select(s => new { s.ProducerCreditCode, s.SampleNo }).ToListAsync(cancellationToken))
            .GroupBy(s => s.ProducerCreditCode).ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(s => s.SampleNo).ToList(), StringComparer.Ordinal);
    }
}
