using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.Calendar;
using QualityCity.Web.Data;
using Sylvan.Data.Csv;

namespace QualityCity.Web.Modules.ReferenceData.Contracts;

/// <summary>The reference files that ship with the product, next to the executable.</summary>
public static class ReferenceFiles
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "ReferenceData");

    /// <summary>Reads a shipped CSV file (header row first) into a list, one mapped item per row.</summary>
    public static List<T> ReadCsv<T>(string path, Func<CsvDataReader, T> map)
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

/// <summary>
/// The working-day calendar every deadline is counted on (REG-5). The calendar changes once or twice
/// a year (the State Council's notice, uploaded by the administrator) but is read by every request
/// that sets a deadline — the public intake among them — so it is kept in memory per database. The
/// upload and the first load forget it at once in this process; another server sharing the database
/// reads the new calendar within <see cref="KeptFor"/>.
/// </summary>
public static class WorkingCalendar
{
    /// <summary>How long a calendar read from the database is used before it is read again.</summary>
    public static readonly TimeSpan KeptFor = TimeSpan.FromMinutes(5);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, (WorkingDayCalendar Calendar, long ReadAt)> Kept = new(StringComparer.Ordinal);

    // Counts the changes of the holidays seen in this process: a read that began before a change is
    // not kept after it (it may hold the old days).
    private static long _changes;

    /// <summary>The calendar from the holidays and make-up workdays stored in the database.</summary>
    public static async Task<WorkingDayCalendar> LoadAsync(QualityCityDbContext db, CancellationToken cancellationToken = default)
    {
        var key = KeyOf(db);
        // Elapsed time of the process, not the platform's clock: a frozen or moved clock must not keep a calendar forever.
        if (Kept.TryGetValue(key, out var kept) && Environment.TickCount64 - kept.ReadAt < (long)KeptFor.TotalMilliseconds)
        {
            return kept.Calendar;
        }

        var changesBefore = Interlocked.Read(ref _changes);
        var days = await db.Holidays.AsNoTracking().ToListAsync(cancellationToken);
        var calendar = new WorkingDayCalendar(days.Select(d => new CalendarDay(d.Date,
            d.Kind == "workday" ? CalendarDayKind.Workday : CalendarDayKind.Holiday, d.Name)));
        if (Interlocked.Read(ref _changes) == changesBefore)
        {
            Kept[key] = (calendar, Environment.TickCount64);
        }

        return calendar;
    }

    /// <summary>Drops the calendar kept for this database; called after the holidays change.</summary>
    public static void Forget(QualityCityDbContext db)
    {
        Interlocked.Increment(ref _changes);
        Kept.TryRemove(KeyOf(db), out _);
    }

    private static string KeyOf(QualityCityDbContext db) => db.StoreKey;
}

/// <summary>
/// Reference data another module ships and loads at first start (penalty lists, product
/// categories). The module implements it and registers it; the reference data loader runs every
/// registered set after its own tables, so the modules that own the data need not be known here.
/// </summary>
public interface IReferenceDataSet
{
    /// <summary>The set's name in the load's audit entry.</summary>
    string Name { get; }

    /// <summary>Adds the set's rows when its tables are empty (saved by the loader); false when there was nothing to do.</summary>
    Task<bool> AddIfEmptyAsync(QualityCityDbContext db, CancellationToken cancellationToken);
}
