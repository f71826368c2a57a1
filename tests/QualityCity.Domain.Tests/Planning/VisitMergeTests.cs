using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using QualityCity.Domain.Calendar;
using QualityCity.Domain.Planning;

namespace QualityCity.Domain.Tests.Planning;

/// <summary>INS-7: the merge uses the fewest visits and every window holds its visit.</summary>
public sealed class VisitMergeTests
{
    private static readonly DateOnly Day0 = new(2026, 3, 2); // a Monday

    /// <summary>Weekends only: the property is about the stabbing, not the holiday data.</summary>
    private static readonly WorkingDayCalendar Weekdays = new([]);

    [Fact]
    public void Overlapping_windows_of_three_departments_become_one_visit_on_a_day_all_allow()
    {
        var windows = new[]
        {
            new ObligationWindow<string>(new(2026, 1, 1), new(2026, 3, 31), "应急 Q1"),
            new ObligationWindow<string>(new(2026, 1, 1), new(2026, 6, 30), "市场监管 H1"),
            new ObligationWindow<string>(new(2026, 2, 15), new(2026, 4, 15), "消防"),
        };
        var result = VisitMerge.Merge(windows, Weekdays);
        var visit = Assert.Single(result.Visits);
        Assert.Equal(new DateOnly(2026, 3, 31), visit.Latest);
        Assert.Equal(new DateOnly(2026, 2, 16), visit.Earliest); // 15 Feb 2026 is a Sunday
        Assert.Equal(3, visit.Obligations.Count);
    }

    [Fact]
    public void A_window_ending_on_a_holiday_is_visited_on_its_last_working_day()
    {
        var calendar = new WorkingDayCalendar([
            new CalendarDay(new(2026, 10, 1), CalendarDayKind.Holiday, "国庆节"),
            new CalendarDay(new(2026, 9, 30), CalendarDayKind.Holiday, "test"),
        ]);
        var result = VisitMerge.Merge([new ObligationWindow<int>(new(2026, 9, 1), new(2026, 10, 1), 1)], calendar);
        Assert.Equal(new DateOnly(2026, 9, 29), Assert.Single(result.Visits).Latest);
    }

    [Fact]
    public void A_window_without_any_working_day_is_reported_not_dropped()
    {
        var result = VisitMerge.Merge([new ObligationWindow<int>(new(2026, 3, 7), new(2026, 3, 8), 1)], Weekdays);
        Assert.Empty(result.Visits);
        Assert.Single(result.Unplaceable);
    }

    [Property(MaxTest = 300)]
    public Property Never_more_visits_than_brute_force_and_every_window_holds_its_visit()
    {
        var window = Gen.Choose(0, 27).SelectMany(start => Gen.Choose(0, 10).Select(length => (start, start + length)));
        var instance = Gen.ListOf(window).Where(l => l.Count <= 7).ToArbitrary();
        return Prop.ForAll(instance, raw =>
        {
            var windows = raw.Select((w, i) => new ObligationWindow<int>(Day0.AddDays(w.Item1), Day0.AddDays(w.Item2), i)).ToList();
            var result = VisitMerge.Merge(windows, Weekdays);

            // Every placeable window is in exactly one visit, and that visit's day lies inside it on a working day.
            var placed = result.Visits.SelectMany(v => v.Obligations.Select(o => (v, o))).ToList();
            var everyOnce = placed.Count + result.Unplaceable.Count == windows.Count
                            && placed.Select(p => p.o.Payload).Distinct().Count() == placed.Count;
            var inside = placed.All(p => p.o.Start <= p.v.Latest && p.v.Latest <= p.o.End && Weekdays.IsWorkingDay(p.v.Latest)
                                         && p.o.Start <= p.v.Earliest && p.v.Earliest <= p.v.Latest);
            var optimal = result.Visits.Count == BruteForceMinimum(windows.Except(result.Unplaceable).ToList());
            return everyOnce && inside && optimal;
        });
    }

    /// <summary>The fewest working days that stab every window, by trying every set of candidate days.</summary>
    private static int BruteForceMinimum(List<ObligationWindow<int>> windows)
    {
        if (windows.Count == 0)
        {
            return 0;
        }

        var days = Enumerable.Range(0, 40).Select(d => Day0.AddDays(d)).Where(Weekdays.IsWorkingDay).ToList();
        for (var size = 1; size <= windows.Count; size++)
        {
            if (Combinations(days, size).Any(set => windows.All(w => set.Any(d => w.Start <= d && d <= w.End))))
            {
                return size;
            }
        }

        return windows.Count;
    }

    private static IEnumerable<List<DateOnly>> Combinations(List<DateOnly> items, int size, int from = 0)
    {
        if (size == 0)
        {
            yield return [];
            yield break;
        }

        for (var i = from; i <= items.Count - size; i++)
        {
            foreach (var rest in Combinations(items, size - 1, i + 1))
            {
                rest.Insert(0, items[i]);
                yield return rest;
            }
        }
    }
}
