namespace QualityCity.Domain.Planning;

/// <summary>A period in which an enterprise must be visited at least once, on a working day.</summary>
/// <typeparam name="T">What the obligation carries (department, items, reason).</typeparam>
/// <param name="Start">First day of the window.</param>
/// <param name="End">Last day of the window.</param>
/// <param name="Payload">The obligation itself.</param>
public sealed record ObligationWindow<T>(DateOnly Start, DateOnly End, T Payload);

/// <summary>One merged visit: the day range every obligation on it allows, and the obligations.</summary>
/// <typeparam name="T">The obligation payload.</typeparam>
/// <param name="Earliest">First working day inside the intersection of the windows.</param>
/// <param name="Latest">Last working day inside the intersection (where the greedy placed the visit).</param>
/// <param name="Obligations">The obligations this visit satisfies.</param>
public sealed record MergedVisit<T>(DateOnly Earliest, DateOnly Latest, IReadOnlyList<ObligationWindow<T>> Obligations);

/// <summary>The merge of one enterprise's obligations.</summary>
/// <typeparam name="T">The obligation payload.</typeparam>
/// <param name="Visits">The joint visits, by date.</param>
/// <param name="Unplaceable">Obligations whose window holds no working day at all.</param>
public sealed record MergeResult<T>(IReadOnlyList<MergedVisit<T>> Visits, IReadOnlyList<ObligationWindow<T>> Unplaceable);

/// <summary>
/// 综合查一次 (SPEC INS-7): the fewest joint visits such that every obligation's window holds one.
/// Windows are first shrunk to their first and last working day; then interval stabbing: sort by
/// end, place a visit on the end of the first window not yet covered, let it cover every window that
/// contains that day, repeat. Placing at the earliest end is optimal (an exchange argument: any
/// solution must stab the first-ending window no later than its end, and moving that stab to the
/// end covers a superset).
/// </summary>
public static class VisitMerge
{
    /// <summary>Merges one enterprise's obligations into the fewest visits on working days.</summary>
    /// <exception cref="ArgumentException">When a window ends before it starts.</exception>
    public static MergeResult<T> Merge<T>(IEnumerable<ObligationWindow<T>> obligations, Calendar.WorkingDayCalendar calendar)
    {
        var placeable = new List<(DateOnly First, DateOnly Last, ObligationWindow<T> Window)>();
        var unplaceable = new List<ObligationWindow<T>>();
        foreach (var window in obligations)
        {
            if (window.End < window.Start)
            {
                throw new ArgumentException($"A window ends ({window.End:yyyy-MM-dd}) before it starts ({window.Start:yyyy-MM-dd}).", nameof(obligations));
            }

            var first = calendar.NextWorkingDayOnOrAfter(window.Start);
            var last = LastWorkingDayOnOrBefore(calendar, window.End);
            if (first > window.End || last < window.Start)
            {
                unplaceable.Add(window);
            }
            else
            {
                placeable.Add((first, last, window));
            }
        }

        // Sort by end, then start, so equal inputs always give equal plans.
        placeable.Sort((a, b) => a.Last != b.Last ? a.Last.CompareTo(b.Last) : a.First.CompareTo(b.First));
        var visits = new List<MergedVisit<T>>();
        var covered = new bool[placeable.Count];
        for (var i = 0; i < placeable.Count; i++)
        {
            if (covered[i])
            {
                continue;
            }

            var day = placeable[i].Last;
            var members = new List<ObligationWindow<T>>();
            var earliest = DateOnly.MinValue;
            for (var j = i; j < placeable.Count; j++)
            {
                // Later windows end on or after `day`; they hold it when they start on or before it.
                if (!covered[j] && placeable[j].First <= day)
                {
                    covered[j] = true;
                    members.Add(placeable[j].Window);
                    if (placeable[j].First > earliest)
                    {
                        earliest = placeable[j].First;
                    }
                }
            }

            visits.Add(new MergedVisit<T>(earliest, day, members));
        }

        return new MergeResult<T>(visits, unplaceable);
    }

    private static DateOnly LastWorkingDayOnOrBefore(Calendar.WorkingDayCalendar calendar, DateOnly date)
    {
        while (!calendar.IsWorkingDay(date))
        {
            date = date.AddDays(-1);
        }

        return date;
    }
}
