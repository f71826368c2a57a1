using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Localization;
using Sylvan.Data.Csv;

namespace QualityCity.Web.Modules.ReferenceData.UploadHolidays;

/// <summary>One year of a loaded or uploaded calendar: how many holidays and make-up workdays, and the holidays' names.</summary>
public sealed record HolidayYear(int Year, int Holidays, int Workdays, IReadOnlyList<string> Names);

/// <summary>What an upload did, or why nothing was saved: each bad row by its line number and the reason.</summary>
public sealed record HolidayUploadResult(IReadOnlyList<HolidayYear> Years, int Replaced, int Loaded, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// The State Council's holiday notice for a year, uploaded by the administrator (REG-5), for the API
/// and the page alike. The file is the shipped calendar's CSV (columns date,kind,name; kind holiday
/// or workday). Every row is checked before anything is saved; a file with any bad row changes
/// nothing. A good file replaces every day of the years it covers, in one transaction.
/// </summary>
public sealed class HolidayCalendarUpload(QualityCityDbContext db, Text text)
{
    public async Task<HolidayUploadResult> UploadAsync(Stream file, CancellationToken cancellationToken)
    {
        var (days, errors) = await ReadAsync(file, cancellationToken);
        if (errors.Count > 0)
        {
            return new HolidayUploadResult([], 0, 0, errors);
        }

        var years = days.Select(d => d.Date.Year).Distinct().ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var existing = await db.Holidays.Where(h => years.Contains(h.Date.Year)).ToListAsync(cancellationToken);
        db.Holidays.RemoveRange(existing);
        await db.SaveChangesAsync(cancellationToken);
        db.Holidays.AddRange(days);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        Contracts.WorkingCalendar.Forget(db);
        return new HolidayUploadResult(Summarise(days), existing.Count, days.Count, []);
    }

    /// <summary>The years loaded now, each with its counts and holiday names.</summary>
    public async Task<IReadOnlyList<HolidayYear>> LoadedYearsAsync(CancellationToken cancellationToken) =>
        Summarise(await db.Holidays.AsNoTracking().ToListAsync(cancellationToken));

    private static List<HolidayYear> Summarise(IEnumerable<HolidayEntry> days) =>
        days.GroupBy(d => d.Date.Year).OrderBy(g => g.Key).Select(g => new HolidayYear(g.Key, g.Count(d => d.Kind == "holiday"), g.Count(d => d.Kind == "workday"),
            g.Where(d => d.Kind == "holiday").OrderBy(d => d.Date).Select(d => d.Name).Distinct().ToList())).ToList();

    private async Task<(List<HolidayEntry> Days, List<string> Errors)> ReadAsync(Stream file, CancellationToken cancellationToken)
    {
        using var content = new StreamReader(file, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Read(await content.ReadToEndAsync(cancellationToken), text);
    }

    /// <summary>
    /// Checks the text of a calendar file without saving anything: the days it holds, or every bad row
    /// by its line number and the reason (nothing is saved from a file with any).
    /// </summary>
    public static (List<HolidayEntry> Days, List<string> Errors) Read(string csv, Text text)
    {
        try
        {
            return ReadRows(csv, text);
        }
        catch (CsvFormatException ex)
        {
            return ([], [text.Format("第 {0} 行：不是有效的 CSV（引号不成对或列数不对）", ex.RowNumber)]);
        }
    }

    private static (List<HolidayEntry> Days, List<string> Errors) ReadRows(string csv, Text text)
    {
        var days = new List<HolidayEntry>();
        var errors = new List<string>();
        using var reader = CsvDataReader.Create(new StringReader(csv), new CsvDataReaderOptions { HasHeaders = true });
        var columns = Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetName(i).Trim().ToLowerInvariant()).ToList();
        if (!columns.Contains("date") || !columns.Contains("kind") || !columns.Contains("name"))
        {
            return ([], [text["第 1 行：表头须为 date,kind,name（日期、类型、名称）"]]);
        }

        var (date, kind, name) = (columns.IndexOf("date"), columns.IndexOf("kind"), columns.IndexOf("name"));
        var seen = new Dictionary<DateOnly, int>();
        var line = 1;
        while (reader.Read())
        {
            line++;
            var dateText = reader.GetString(date).Trim();
            var kindText = reader.GetString(kind).Trim();
            var nameText = reader.GetString(name).Trim();
            if (dateText.Length == 0 && kindText.Length == 0 && nameText.Length == 0)
            {
                continue;
            }

            if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            {
                errors.Add(text.Format("第 {0} 行：日期“{1}”不是 yyyy-MM-dd 格式的日期", line, dateText));
                continue;
            }

            if (kindText is not ("holiday" or "workday"))
            {
                errors.Add(text.Format("第 {0} 行：类型（kind）须为 holiday（放假）或 workday（调休上班），而不是“{1}”", line, kindText));
            }
            else if (kindText == "workday" && day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday))
            {
                errors.Add(text.Format("第 {0} 行：调休上班日 {1} 不是周六或周日", line, dateText));
            }

            if (nameText.Length is 0 or > 50)
            {
                errors.Add(text.Format("第 {0} 行：名称须填写（不超过50个字）", line));
            }

            if (seen.TryGetValue(day, out var first))
            {
                errors.Add(text.Format("第 {0} 行：日期 {1} 与第 {2} 行重复", line, dateText, first));
                continue;
            }

            seen[day] = line;
            days.Add(new HolidayEntry { Date = day, Kind = kindText, Name = nameText });
        }

        if (errors.Count == 0 && days.Count == 0)
        {
            errors.Add(text["文件中没有日期：第 1 行为表头 date,kind,name，其后每行一个日期"]);
        }

        return (days, errors);
    }
}
