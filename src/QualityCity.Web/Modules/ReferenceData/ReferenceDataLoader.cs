using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.Calendar;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Audit.Contracts;
using Sylvan.Data.Csv;

namespace QualityCity.Web.Modules.ReferenceData;

/// <summary>
/// Loads the reference data that ship with the product (REG-5): GB/T 2260 regions, the official
/// holiday calendar, GB/T 4754-2017 industries and the city's industry chains. Idempotent: a table
/// that already has rows is left alone, so an administrator's later changes are never overwritten.
/// </summary>
public sealed class ReferenceDataLoader(QualityCityDbContext db, IAuditTrail auditLog)
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "ReferenceData");

    public async Task LoadAsync(CancellationToken cancellationToken = default)
    {
        db.AuditChanges = false; // shipped data, not a user's change; the load itself is one audit entry
        var loaded = new List<string>();
        if (!await db.Regions.AnyAsync(cancellationToken))
        {
            db.Regions.AddRange(ReadRegions());
            loaded.Add("regions");
        }

        if (!await db.Holidays.AnyAsync(cancellationToken))
        {
            db.Holidays.AddRange(ReadHolidays(Path.Combine(Folder, "calendar", "cn-holidays.csv")));
            loaded.Add("holidays");
        }

        if (!await db.Industries.AnyAsync(cancellationToken))
        {
            db.Industries.AddRange(ReadCsv(Path.Combine(Folder, "industries", "gbt4754-2017.csv"), r => new Industry
            {
                Code = r.GetString(r.GetOrdinal("code")),
                Name = r.GetString(r.GetOrdinal("name")),
                NameEn = r.GetString(r.GetOrdinal("name_en")),
                Section = r.GetString(r.GetOrdinal("section")),
                Division = r.GetString(r.GetOrdinal("division")),
            }));
            loaded.Add("industries");
        }

        if (!await db.IndustryChains.AnyAsync(cancellationToken))
        {
            db.IndustryChains.AddRange(ReadCsv(Path.Combine(Folder, "industries", "chains.csv"), r => new IndustryChain
            {
                Code = r.GetString(r.GetOrdinal("code")),
                Name = r.GetString(r.GetOrdinal("name")),
                NameEn = r.GetString(r.GetOrdinal("name_en")),
                Sort = int.Parse(r.GetString(r.GetOrdinal("sort")), System.Globalization.CultureInfo.InvariantCulture),
            }));
            db.IndustryChainLinks.AddRange(ReadCsv(Path.Combine(Folder, "industries", "chain_links.csv"), r => new IndustryChainLink
            {
                ChainCode = r.GetString(r.GetOrdinal("chain")),
                Link = r.GetString(r.GetOrdinal("name")),
                Stage = r.GetString(r.GetOrdinal("stage")),
                IndustryCode = r.GetString(r.GetOrdinal("industry_code")),
            }));
            loaded.Add("industry chains");
        }

        if (!await db.PenaltyExemptions.AnyAsync(cancellationToken))
        {
            // The published exemption lists and discretion bands (EXE-5).
            await Inspections.Penalties.PenaltyEndpoints.LoadListsAsync(db, cancellationToken);
            loaded.Add("penalty lists");
        }

        if (!await db.ProductCategories.AnyAsync(cancellationToken))
        {
            // Product categories and their test items for supervision sampling (QLT-1).
            db.ProductCategories.AddRange(ReadCsv(Path.Combine(Folder, "quality", "product_categories.csv"), r => new Quality.ProductCategory
            {
                Code = r.GetString(r.GetOrdinal("code")),
                Name = r.GetString(r.GetOrdinal("name")),
                ShortName = r.GetString(r.GetOrdinal("short_name")),
                NameEn = r.GetString(r.GetOrdinal("name_en")),
                Industry = r.GetString(r.GetOrdinal("industry")),
                Standard = r.GetString(r.GetOrdinal("standard")),
            }));
            db.TestItemDefinitions.AddRange(ReadCsv(Path.Combine(Folder, "quality", "test_items.csv"), r => new Quality.TestItemDefinition
            {
                ProductCategory = r.GetString(r.GetOrdinal("product_category")),
                Code = r.GetString(r.GetOrdinal("code")),
                Name = r.GetString(r.GetOrdinal("name")),
                NameEn = r.GetString(r.GetOrdinal("name_en")),
                StandardClause = r.GetString(r.GetOrdinal("standard_clause")),
                Unit = r.GetString(r.GetOrdinal("unit")),
                Limit = r.GetString(r.GetOrdinal("limit")),
            }));
            loaded.Add("product categories");
        }

        await db.SaveChangesAsync(cancellationToken);
        db.AuditChanges = true;
        if (loaded.Count > 0)
        {
            await auditLog.AppendAsync(db, "system",
                [new AuditDraft("reference-data.load", "ReferenceData", string.Empty, string.Join(", ", loaded))], cancellationToken);
        }
    }

    /// <summary>Parses a holiday file (date,kind,name); used at first start and by the admin's upload of next year's notice.</summary>
    public static List<HolidayEntry> ReadHolidays(string path) =>
        ReadCsv(path, r =>
        {
            var kind = r.GetString(r.GetOrdinal("kind")).Trim();
            if (kind is not ("holiday" or "workday"))
            {
                throw new FormatException($"kind must be 'holiday' or 'workday', not '{kind}'");
            }

            return new HolidayEntry
            {
                Date = DateOnly.ParseExact(r.GetString(r.GetOrdinal("date")).Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
                Kind = kind,
                Name = r.GetString(r.GetOrdinal("name")),
            };
        });

    /// <summary>The working-day calendar from the holidays stored in the database.</summary>
    public static async Task<WorkingDayCalendar> CalendarAsync(QualityCityDbContext db, CancellationToken cancellationToken = default)
    {
        var days = await db.Holidays.AsNoTracking().ToListAsync(cancellationToken);
        return new WorkingDayCalendar(days.Select(d => new CalendarDay(d.Date,
            d.Kind == "workday" ? CalendarDayKind.Workday : CalendarDayKind.Holiday, d.Name)));
    }

    private static IEnumerable<Region> ReadRegions()
    {
        var regions = Path.Combine(Folder, "regions");
        foreach (var p in ReadCsv(Path.Combine(regions, "provinces.csv"), r => new Region
                 { Code = r.GetString(0), Name = r.GetString(1), Level = "province" }))
        {
            yield return p;
        }

        foreach (var c in ReadCsv(Path.Combine(regions, "cities.csv"), r => new Region
                 { Code = r.GetString(0), Name = r.GetString(1), Level = "city", ParentCode = r.GetString(2) }))
        {
            yield return c;
        }

        foreach (var a in ReadCsv(Path.Combine(regions, "areas.csv"), r => new Region
                 { Code = r.GetString(0), Name = r.GetString(1), Level = "county", ParentCode = r.GetString(2) }))
        {
            yield return a;
        }

        foreach (var s in ReadCsv(Path.Combine(regions, "streets_3715.csv"), r => new Region
                 { Code = r.GetString(0), Name = r.GetString(1), Level = "township", ParentCode = r.GetString(2) }))
        {
            yield return s;
        }
    }

    private static List<T> ReadCsv<T>(string path, Func<CsvDataReader, T> map)
    {
        using var reader = CsvDataReader.Create(path);
        var list = new List<T>();
        while (reader.Read())
        {
            list.Add(map(reader));
        }

        return list;
    }
}
