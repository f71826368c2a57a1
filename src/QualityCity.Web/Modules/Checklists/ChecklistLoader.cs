using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Checklists.Contracts;
using QualityCity.Web.Modules.Organisation.Contracts;
using QualityCity.Web.Modules.ReferenceData.Contracts;
using Sylvan.Data.Csv;

namespace QualityCity.Web.Modules.Checklists;

/// <summary>
/// Seeds the demo departments' published checklists from the real published items in
/// ReferenceData/checklists (and the supplementary demo items for departments whose lists were not
/// found), numbering each department's items in file order; and each department's remit (which
/// industries it supervises) from department_remit.csv.
/// </summary>
public static class ChecklistLoader
{
    /// <summary>Short department names as the published lists use them → demo department codes.</summary>
    private static readonly Dictionary<string, string> DepartmentCodes = new(StringComparer.Ordinal)
    {
        ["市场监管"] = "samr", ["应急管理"] = "emergency", ["生态环境"] = "environment", ["交通运输"] = "transport",
        ["城市管理"] = "urban", ["文化和旅游"] = "culture", ["农业农村"] = "agriculture", ["住房和城乡建设"] = "housing",
        ["工业和信息化"] = "industry", ["卫生健康"] = "health", ["消防救援"] = "fire",
    };

    /// <summary>
    /// The qualification each demo item needs (INS-2), by keywords of its name; the first match wins,
    /// the last entry of each department is its general category. The categories are the ones the
    /// demo officers hold.
    /// </summary>
    private static readonly Dictionary<string, (string Keyword, string Category)[]> Categories = new(StringComparer.Ordinal)
    {
        ["samr"] = [("食品", "食品安全"), ("特种设备", "特种设备"), ("计量", "计量"), ("价格", "价格"), ("收费", "价格"), ("质量", "产品质量"), ("", "登记注册")],
        ["emergency"] = [("危险化学品", "危险化学品"), ("", "安全生产")],
        ["environment"] = [("危险废物", "危险废物"), ("", "排污许可")],
        ["transport"] = [("维修", "车辆维修"), ("", "道路运输")],
        ["urban"] = [("广告", "户外广告"), ("招牌", "户外广告"), ("", "市容环卫")],
        ["culture"] = [("旅游", "旅游"), ("旅行", "旅游"), ("饭店", "旅游"), ("民宿", "旅游"), ("", "文化市场")],
        ["agriculture"] = [("兽药", "兽药"), ("农产品", "农产品质量"), ("", "农资")],
        ["housing"] = [("物业", "物业"), ("房地产", "物业"), ("", "建筑施工")],
        ["industry"] = [("无线电", "无线电"), ("", "节能监察")],
        ["health"] = [("职业", "职业卫生"), ("", "公共场所卫生")],
        ["fire"] = [("", "消防安全")],
    };

    private static string CategoryOf(string department, string itemName) =>
        Categories.TryGetValue(department, out var rules) ? rules.First(r => itemName.Contains(r.Keyword, StringComparison.Ordinal)).Category : string.Empty;

    /// <summary>Which enterprises each department supervises (its plan pool), from department_remit.csv.</summary>
    private static async Task LoadRemitsAsync(QualityCityDbContext db, Dictionary<string, int> departments, string folder, CancellationToken cancellationToken)
    {
        var path = Path.Combine(folder, "department_remit.csv");
        if (!File.Exists(path) || await db.DepartmentRemits.AnyAsync(cancellationToken))
        {
            return;
        }

        using var reader = CsvDataReader.Create(path);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (departments.TryGetValue(reader.GetString(0).Trim(), out var departmentId))
            {
                db.DepartmentRemits.Add(new Organisation.Contracts.DepartmentRemit
                {
                    DepartmentId = departmentId,
                    Scope = reader.GetString(1).Trim(),
                    Value = reader.GetString(2).Trim(),
                    Note = reader.GetString(3).Trim(),
                    Kinds = reader.RowFieldCount > 4 ? reader.GetString(4).Trim().Replace(';', ',') : string.Empty,
                });
            }
        }
    }

    public static async Task<int> LoadDemoAsync(QualityCityDbContext db, CancellationToken cancellationToken)
    {
        if (await db.ChecklistItems.AnyAsync(cancellationToken))
        {
            return 0;
        }

        var departments = await db.Departments.ToDictionaryAsync(d => d.Code, d => d.Id, cancellationToken);
        var numbers = new Dictionary<string, int>(StringComparer.Ordinal);
        var now = db.Clock.UtcNow;
        var folder = Path.Combine(ReferenceFiles.Folder, "checklists");
        var count = 0;
        foreach (var file in new[] { "inspection_items.csv", "supplementary_items.csv" })
        {
            var path = Path.Combine(folder, file);
            if (!File.Exists(path))
            {
                continue;
            }

            using var reader = CsvDataReader.Create(path);
            while (await reader.ReadAsync(cancellationToken))
            {
                var departmentName = reader.GetString(reader.GetOrdinal("department")).Trim();
                if (!DepartmentCodes.TryGetValue(departmentName, out var code) || !departments.TryGetValue(code, out var departmentId))
                {
                    continue; // a department the demo city does not have (公安, 教育 …)
                }

                numbers[code] = numbers.GetValueOrDefault(code) + 1;
                var source = reader.GetString(reader.GetOrdinal("source_url")).Trim();
                db.ChecklistItems.Add(new ChecklistItem
                {
                    DepartmentId = departmentId,
                    Code = $"{code.ToUpperInvariant()}-{numbers[code]:000}",
                    Status = ChecklistStatus.Published,
                    Name = reader.GetString(reader.GetOrdinal("item_name")).Trim(),
                    InspectedObjects = reader.GetString(reader.GetOrdinal("inspected_objects")).Trim(),
                    Content = reader.GetString(reader.GetOrdinal("content")).Trim(),
                    Method = reader.GetString(reader.GetOrdinal("method")).Trim(),
                    LegalBasis = reader.GetString(reader.GetOrdinal("legal_basis")).Trim(),
                    Category = CategoryOf(code, reader.GetString(reader.GetOrdinal("item_name"))),
                    SourceUrl = source.Length == 0 ? null : source,
                    PublishedAtUtc = now,
                    UpdatedAtUtc = now,
                });
                count++;
            }
        }

        await LoadRemitsAsync(db, departments, folder, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return count;
    }
}
