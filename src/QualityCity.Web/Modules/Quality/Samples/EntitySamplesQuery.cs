using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Modules.Quality.Samples;

/// <summary>
/// The supervision samples of one enterprise's products for the registry's entity page, newest
/// first, with the failed items by name. Staff get the link to the sample's page; the enterprise
/// sees its own samples' results (it was notified of each), without the staff page.
/// </summary>
internal sealed class EntitySamplesQuery(QualityCityDbContext db, Text text) : IEntitySamples
{
    public async Task<IReadOnlyList<EntitySample>> ForEntityAsync(string creditCode, ClaimsPrincipal viewer, CancellationToken cancellationToken)
    {
        var samples = await db.Samples.AsNoTracking().Where(s => s.ProducerCreditCode == creditCode).OrderByDescending(s => s.SampledOn).ThenByDescending(s => s.Id)
            .Take(50).Select(s => new { s.Id, s.SampleNo, s.SampledOn, s.ProductCategory, s.Passed, Failed = s.Items.Where(i => !i.Passed).Select(i => i.ItemCode).ToList() })
            .ToListAsync(cancellationToken);
        var categories = samples.Select(s => s.ProductCategory).Distinct().ToList();
        var products = await db.ProductCategories.AsNoTracking().Where(c => categories.Contains(c.Code))
            .ToDictionaryAsync(c => c.Code, c => Text.IsEnglish ? c.NameEn : c.Name, cancellationToken);
        var items = (await db.TestItemDefinitions.AsNoTracking().Where(d => categories.Contains(d.ProductCategory))
            .Select(d => new { d.ProductCategory, d.Code, d.Name, d.NameEn }).ToListAsync(cancellationToken))
            .ToDictionary(d => (d.ProductCategory, d.Code), d => Text.IsEnglish ? d.NameEn : d.Name);
        var staff = viewer.IsStaff();
        return samples.Select(s => new EntitySample(s.SampleNo, s.SampledOn, products.GetValueOrDefault(s.ProductCategory, s.ProductCategory),
            text[s.Passed switch { true => "合格", false => "不合格", null => "待检验" }], s.Passed == false,
            s.Passed == false ? s.Failed.Select(code => items.GetValueOrDefault((s.ProductCategory, code), code)).ToList() : [],
            staff ? $"/quality/samples/{s.Id}" : null)).ToList();
    }
}
