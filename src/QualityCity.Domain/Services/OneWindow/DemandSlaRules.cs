using QualityCity.Domain.PublicVoice;

namespace QualityCity.Domain.Services.OneWindow;

/// <summary>How much work a demand is, which decides its service time; the window decides it on acceptance.</summary>
public enum DemandComplexity
{
    /// <summary>一般事项: answered within <see cref="DemandSlaRules.Ordinary"/>.</summary>
    Ordinary,

    /// <summary>复杂事项 (site visits, testing, several departments): answered within <see cref="DemandSlaRules.Complex"/>.</summary>
    Complex,
}

/// <summary>
/// The service times of the one window, configurable per bureau. Periods are those of the public-voice
/// deadlines (<see cref="VoicePeriod"/>: whole working days, working time or calendar days on the
/// official calendar), so they are counted, shown and configured the same way.
/// </summary>
public sealed record DemandSlaRules
{
    /// <summary>An ordinary demand is answered within 5 working days of filing, not counting time paused for missing materials.</summary>
    public VoicePeriod Ordinary { get; init; } = VoicePeriod.OfWorkingDays(5);

    /// <summary>A complex demand is answered within 15 working days of filing, not counting time paused for missing materials.</summary>
    public VoicePeriod Complex { get; init; } = VoicePeriod.OfWorkingDays(15);

    /// <summary>After a bad rating (不满意 or 非常不满意) the enterprise is contacted within 1 working day of the rating.</summary>
    public VoicePeriod BadRatingContact { get; init; } = VoicePeriod.OfWorkingDays(1);

    /// <summary>
    /// After a bad rating the matter is put right (整改) within 5 working days of the rating — the
    /// same time an ordinary demand gets, since the fix is usually a second, better answer. It runs
    /// from the rating, not from the contact, so a late call does not buy more time.
    /// </summary>
    public VoicePeriod BadRatingFix { get; init; } = VoicePeriod.OfWorkingDays(5);

    /// <summary>Start of working hours, China time; only periods counted in working time use it.</summary>
    public TimeOnly WorkingHoursStart { get; init; } = new(8, 30);

    /// <summary>End of working hours, China time; must be after the start.</summary>
    public TimeOnly WorkingHoursEnd { get; init; } = new(17, 30);

    /// <summary>The service time of a demand of the given complexity.</summary>
    /// <exception cref="ArgumentOutOfRangeException">For a value that is not a complexity.</exception>
    public VoicePeriod For(DemandComplexity complexity) => complexity switch
    {
        DemandComplexity.Ordinary => Ordinary,
        DemandComplexity.Complex => Complex,
        _ => throw new ArgumentOutOfRangeException(nameof(complexity), complexity, "Not a demand complexity."),
    };
}
