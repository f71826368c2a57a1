using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Audit.Contracts;
using QualityCity.Web.Modules.ReferenceData.Contracts;

namespace QualityCity.Web.Modules.ReferenceData;

/// <summary>
/// Loads the reference data that ship with the product (REG-5): GB/T 2260 regions, the official
/// holiday calendar, GB/T 4754-2017 industries and the city's industry chains, then the sets other
/// modules register (<see cref="IReferenceDataSet"/>). Idempotent: a table that already has rows is
/// left alone, so an administrator's later changes are never overwritten.
/// </summary>
public sealed class ReferenceDataLoader(QualityCityDbContext db, IAuditTrail auditLog, IEnumerable<IReferenceDataSet> sets)
{
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
            db.Holidays.AddRange(ReadHolidays(Path.Combine(ReferenceFiles.Folder, "calendar", "cn-holidays.csv")));
            loaded.Add("holidays");
        }

        if (!await db.Industries.AnyAsync(cancellationToken))
        {
            db.Industries.AddRange(ReferenceFiles.ReadCsv(Path.Combine(ReferenceFiles.Folder, "industries", "gbt4754-2017.csv"), r => new Industry
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
            db.IndustryChains.AddRange(ReferenceFiles.ReadCsv(Path.Combine(ReferenceFiles.Folder, "industries", "chains.csv"), r => new IndustryChain
            {
                Code = r.GetString(r.GetOrdinal("code")),
                Name = r.GetString(r.GetOrdinal("name")),
                NameEn = r.GetString(r.GetOrdinal("name_en")),
                Sort = int.Parse(r.GetString(r.GetOrdinal("sort")), System.Globalization.CultureInfo.InvariantCulture),
            }));
            db.IndustryChainLinks.AddRange(ReferenceFiles.ReadCsv(Path.Combine(ReferenceFiles.Folder, "industries", "chain_links.csv"), r => new IndustryChainLink
            {
                ChainCode = r.GetString(r.GetOrdinal("chain")),
                Link = r.GetString(r.GetOrdinal("name")),
                Stage = r.GetString(r.GetOrdinal("stage")),
                IndustryCode = r.GetString(r.GetOrdinal("industry_code")),
            }));
            loaded.Add("industry chains");
        }

        foreach (var set in sets)
        {
            if (await set.AddIfEmptyAsync(db, cancellationToken))
            {
                loaded.Add(set.Name);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        WorkingCalendar.Forget(db);
        db.AuditChanges = true;
        if (loaded.Count > 0)
        {
            await auditLog.AppendAsync(db, "system",
                [new AuditDraft("reference-data.load", "ReferenceData", string.Empty, string.Join(", ", loaded))], cancellationToken);
        }
    }

    /// <summary>Parses the shipped holiday file (date,kind,name) at first start, with the checks of the administrator's upload.</summary>
    /// <exception cref="FormatException">Naming the file and each bad row.</exception>
    public static List<HolidayEntry> ReadHolidays(string path) => ParseHolidays(File.ReadAllText(path), path);

    /// <summary>
    /// The days of a holiday file's text, read as <see cref="UploadHolidays.HolidayCalendarUpload.Read"/> reads an upload;
    /// a file with any bad row is refused whole, as the calendar it would give is wrong.
    /// </summary>
    /// <exception cref="FormatException">Naming <paramref name="source"/> and each bad row by its line.</exception>
    public static List<HolidayEntry> ParseHolidays(string csv, string source)
    {
        var (days, errors) = UploadHolidays.HolidayCalendarUpload.Read(csv, Localization.Text.Loaded);
        return errors.Count == 0 ? days : throw new FormatException($"{source}: {string.Join("; ", errors)}");
    }

    private static IEnumerable<Region> ReadRegions()
    {
        var regions = Path.Combine(ReferenceFiles.Folder, "regions");
        foreach (var p in ReferenceFiles.ReadCsv(Path.Combine(regions, "provinces.csv"), r => new Region
                 { Code = r.GetString(0), Name = r.GetString(1), Level = "province" }))
        {
            yield return p;
        }

        foreach (var c in ReferenceFiles.ReadCsv(Path.Combine(regions, "cities.csv"), r => new Region
                 { Code = r.GetString(0), Name = r.GetString(1), Level = "city", ParentCode = r.GetString(2) }))
        {
            yield return c;
        }

        foreach (var a in ReferenceFiles.ReadCsv(Path.Combine(regions, "areas.csv"), r => new Region
                 { Code = r.GetString(0), Name = r.GetString(1), Level = "county", ParentCode = r.GetString(2) }))
        {
            yield return a;
        }

        foreach (var s in ReferenceFiles.ReadCsv(Path.Combine(regions, "streets_3715.csv"), r => new Region
                 { Code = r.GetString(0), Name = r.GetString(1), Level = "township", ParentCode = r.GetString(2) }))
        {
            yield return s;
        }
    }
}
