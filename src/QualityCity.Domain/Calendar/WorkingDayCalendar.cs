namespace QualityCity.Domain.Calendar;

/// <summary>One line of the official calendar: a public holiday or a make-up working day.</summary>
/// <param name="Date">The day.</param>
/// <param name="Kind">Holiday (rest on a weekday) or make-up workday (work on a weekend).</param>
/// <param name="Name">The festival it belongs to, e.g. 春节.</param>
public sealed record CalendarDay(DateOnly Date, CalendarDayKind Kind, string Name);

/// <summary>What the State Council's notice says about a day.</summary>
public enum CalendarDayKind
{
    /// <summary>A public holiday: no work even if it is a weekday.</summary>
    Holiday,

    /// <summary>A make-up working day (调休上班): work even if it is a weekend.</summary>
    Workday,
}

/// <summary>
/// Working days on the Chinese official calendar: Monday to Friday work, Saturday and Sunday rest,
/// except the published holidays and make-up workdays (REG-5). A year whose notice has not been
/// loaded counts weekends only, and every answer that touches it is marked provisional.
/// </summary>
public sealed class WorkingDayCalendar
{
    private readonly Dictionary<DateOnly, CalendarDay> _days;
    private readonly HashSet<int> _publishedYears;

    /// <summary>Builds a calendar from the published days; a year counts as published when it has at least one entry.</summary>
    public WorkingDayCalendar(IEnumerable<CalendarDay> days)
    {
        _days = new Dictionary<DateOnly, CalendarDay>();
        foreach (var day in days)
        {
            _days[day.Date] = day;
        }

        _publishedYears = _days.Keys.Select(d => d.Year).ToHashSet();
    }

    /// <summary>Years whose official notice is loaded.</summary>
    public IReadOnlyCollection<int> PublishedYears => _publishedYears;

    /// <summary>True when the official notice for the date's year has been loaded.</summary>
    public bool IsPublished(DateOnly date) => _publishedYears.Contains(date.Year);

    /// <summary>The holiday or make-up workday entry for a date, if any.</summary>
    public CalendarDay? Lookup(DateOnly date) => _days.GetValueOrDefault(date);

    /// <summary>True when people work on that day.</summary>
    public bool IsWorkingDay(DateOnly date)
    {
        if (_days.TryGetValue(date, out var day))
        {
            return day.Kind == CalendarDayKind.Workday;
        }

        return date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday);
    }

    /// <summary>
    /// The date <paramref name="workingDays"/> working days after <paramref name="start"/> (the start
    /// day itself is not counted, as in "within 20 working days of the visit"). Zero returns the
    /// start. Negative counts go backwards.
    /// </summary>
    public Deadline AddWorkingDays(DateOnly start, int workingDays)
    {
        var step = workingDays >= 0 ? 1 : -1;
        var remaining = Math.Abs(workingDays);
        var date = start;
        var provisional = !IsPublished(start);
        while (remaining > 0)
        {
            date = date.AddDays(step);
            provisional |= !IsPublished(date);
            if (IsWorkingDay(date))
            {
                remaining--;
            }
        }

        return new Deadline(date, provisional);
    }

    /// <summary>Working days in the half-open range (from, to]: how many working days have passed.</summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to <= from)
        {
            return 0;
        }

        var count = 0;
        for (var date = from.AddDays(1); date <= to; date = date.AddDays(1))
        {
            if (IsWorkingDay(date))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary>The first working day on or after the date.</summary>
    public DateOnly NextWorkingDayOnOrAfter(DateOnly date)
    {
        while (!IsWorkingDay(date))
        {
            date = date.AddDays(1);
        }

        return date;
    }
}

/// <summary>A computed deadline; provisional when it spans a year whose holidays are not yet published.</summary>
/// <param name="Date">The last day.</param>
/// <param name="IsProvisional">True when a year on the way has no published holiday notice.</param>
public readonly record struct Deadline(DateOnly Date, bool IsProvisional);
