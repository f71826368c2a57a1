using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.ReferenceData.Contracts;

namespace QualityCity.Web.Modules.Quality;

/// <summary>Product categories and their test items for supervision sampling (QLT-1), shipped in ReferenceData/quality.</summary>
internal sealed class ProductCategoryData : IReferenceDataSet
{
    public string Name => "product categories";

    public async Task<bool> AddIfEmptyAsync(QualityCityDbContext db, CancellationToken cancellationToken)
    {
        if (await db.ProductCategories.AnyAsync(cancellationToken))
        {
            return false;
        }

        var folder = Path.Combine(ReferenceFiles.Folder, "quality");
        db.ProductCategories.AddRange(ReferenceFiles.ReadCsv(Path.Combine(folder, "product_categories.csv"), r => new ProductCategory
        {
            Code = r.GetString(r.GetOrdinal("code")),
            Name = r.GetString(r.GetOrdinal("name")),
            ShortName = r.GetString(r.GetOrdinal("short_name")),
            NameEn = r.GetString(r.GetOrdinal("name_en")),
            Industry = r.GetString(r.GetOrdinal("industry")),
            Standard = r.GetString(r.GetOrdinal("standard")),
        }));
        db.TestItemDefinitions.AddRange(ReferenceFiles.ReadCsv(Path.Combine(folder, "test_items.csv"), r => new TestItemDefinition
        {
            ProductCategory = r.GetString(r.GetOrdinal("product_category")),
            Code = r.GetString(r.GetOrdinal("code")),
            Name = r.GetString(r.GetOrdinal("name")),
            NameEn = r.GetString(r.GetOrdinal("name_en")),
            StandardClause = r.GetString(r.GetOrdinal("standard_clause")),
            Unit = r.GetString(r.GetOrdinal("unit")),
            Limit = r.GetString(r.GetOrdinal("limit")),
        }));
        return true;
    }
}
