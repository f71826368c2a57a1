using QualityCity.Web.Localization;

namespace QualityCity.Web.Hosting;

/// <summary>
/// The platform's one reading of the time: the registered <see cref="TimeProvider"/> (the system
/// clock in production, a frozen one in tests), seen as a UTC instant for what is stored and as the
/// day in China for every rule about dates (deadlines, validity windows, "today's" visits).
/// Nothing else in the platform reads the wall clock; a test checks it (WallClockTests).
/// </summary>
public sealed class PlatformClock(TimeProvider time)
{
    /// <summary>Now, as a <see cref="DateTime"/> of kind UTC: what the <c>…AtUtc</c> columns store.</summary>
    public DateTime UtcNow => time.GetUtcNow().UtcDateTime;

    /// <summary>Now on the wall clocks of China (UTC+8, no daylight saving).</summary>
    public DateTime ChinaNow => ChinaTime.FromUtc(UtcNow);

    /// <summary>The date in China now: the day that deadlines, windows and working days are counted from.</summary>
    public DateOnly Today => DateOnly.FromDateTime(ChinaNow);
}
