namespace QualityCity.Domain.Services.Standards;

/// <summary>A standard's status on a given day.</summary>
public enum StandardStatus
{
    /// <summary>现行: in force.</summary>
    Current,

    /// <summary>即将实施: published, its implementation date still ahead.</summary>
    Upcoming,

    /// <summary>废止: withdrawn.</summary>
    Abolished,
}

/// <summary>
/// The status of a standard <em>today</em>, from what the catalogue recorded and the dates. A status
/// in a file goes stale — 即将实施 becomes 现行 on its implementation date, and a withdrawal takes
/// effect on its abolition date — so the platform keeps the recorded status and the dates and works
/// the status out on the day it is asked. The dates win over the recorded word when both exist; a
/// record with neither has no status (a catalogue page may give only a number and a title).
/// </summary>
/// <remarks>
/// The search index cannot run this per query, so the same rule is written as two day numbers per
/// record (<see cref="AbolishedFromDay"/>, <see cref="InForceFromDay"/>) that a range query compares
/// with today: abolished when <c>AbolishedFromDay ≤ today</c>, upcoming when not abolished and
/// <c>InForceFromDay &gt; today</c>, current when not abolished and <c>0 ≤ InForceFromDay ≤ today</c>.
/// </remarks>
public static class StandardStatusRules
{
    /// <summary>The Chinese names as the catalogues print them, by status.</summary>
    public static readonly IReadOnlyDictionary<StandardStatus, string> Names = new Dictionary<StandardStatus, string>
    {
        [StandardStatus.Current] = "现行",
        [StandardStatus.Upcoming] = "即将实施",
        [StandardStatus.Abolished] = "废止",
    };

    /// <summary>Day number of a record never withdrawn: beyond any real date.</summary>
    public const int Never = int.MaxValue;

    /// <summary>Day number of a record whose coming into force nobody recorded: below any real date, so neither current nor upcoming.</summary>
    public const int Unknown = -1;

    /// <summary>Day number of a recorded "upcoming" without a date: upcoming until someone records one.</summary>
    public const int SomeDayAhead = int.MaxValue - 1;

    /// <summary>Reads a status word: the Chinese names, their English, or the codes; null when empty; throws nothing (unknown words give false).</summary>
    public static bool TryParse(string? text, out StandardStatus? status)
    {
        status = null;
        var word = text?.Trim() ?? string.Empty;
        if (word.Length == 0)
        {
            return true;
        }

        status = word.ToLowerInvariant() switch
        {
            "现行" or "现行有效" or "有效" or "current" or "valid" or "in force" => StandardStatus.Current,
            "即将实施" or "upcoming" or "to be implemented" => StandardStatus.Upcoming,
            "废止" or "作废" or "已废止" or "abolished" or "withdrawn" => StandardStatus.Abolished,
            _ => null,
        };
        return status is not null;
    }

    /// <summary>The status on <paramref name="today"/>; null when neither a status nor a date says anything.</summary>
    public static StandardStatus? On(DateOnly today, StandardStatus? recorded, DateOnly? implementDate, DateOnly? abolishDate)
    {
        return OnDay(today.DayNumber, AbolishedFromDay(recorded, abolishDate), InForceFromDay(recorded, implementDate));
    }

    /// <summary>The status on day number <paramref name="day"/> of a record withdrawn from <paramref name="abolishedFrom"/> and in force from <paramref name="inForceFrom"/> (day numbers as <see cref="AbolishedFromDay"/> and <see cref="InForceFromDay"/> give them).</summary>
    public static StandardStatus? OnDay(int day, long abolishedFrom, long inForceFrom)
    {
        if (abolishedFrom <= day)
        {
            return StandardStatus.Abolished;
        }

        return inForceFrom switch
        {
            < 0 => null,
            _ when inForceFrom > day => StandardStatus.Upcoming,
            _ => StandardStatus.Current,
        };
    }

    /// <summary>
    /// The first day the record counts as withdrawn: its abolition date; day 0 for a recorded 废止
    /// without one (withdrawn, no one knows since when); <see cref="Never"/> otherwise.
    /// </summary>
    public static int AbolishedFromDay(StandardStatus? recorded, DateOnly? abolishDate) =>
        abolishDate?.DayNumber ?? (recorded == StandardStatus.Abolished ? 0 : Never);

    /// <summary>
    /// The first day the record counts as in force: its implementation date; day 0 for a recorded 现行
    /// (or 废止) without one; <see cref="SomeDayAhead"/> for a recorded 即将实施 without one;
    /// <see cref="Unknown"/> when nothing is recorded.
    /// </summary>
    public static int InForceFromDay(StandardStatus? recorded, DateOnly? implementDate) =>
        implementDate?.DayNumber ?? recorded switch
        {
            StandardStatus.Current or StandardStatus.Abolished => 0,
            StandardStatus.Upcoming => SomeDayAhead,
            _ => Unknown,
        };
}
