using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Time.Testing;
using QualityCity.Web.Hosting;

namespace QualityCity.Web.Tests.Infrastructure;

/// <summary>
/// The one instant the whole suite runs at: the platform's clock is frozen there (see
/// <see cref="QualityCityFactory.Clock"/>), so the demo city, every deadline and every "today" are
/// the same on every run. <c>QC_TEST_NOW</c> (ISO 8601 with an offset) moves it; .ci/run runs the web
/// suite at the default and again at <see cref="MonthEnd"/>. Tests read the time only from here or
/// from their factory's clock, never from the machine (WallClockTests checks it).
/// </summary>
public static class TestClock
{
    public const string Variable = "QC_TEST_NOW";

    /// <summary>16:30 on the last Friday before the 2026 Spring Festival holiday (02-15 to 02-23; Saturday 02-14 is a working day).</summary>
    public const string Default = "2026-02-13T16:30:00+08:00";

    /// <summary>The second instant CI runs at: the last second of a month's last day in China, when UTC is still on the same day.</summary>
    public const string MonthEnd = "2026-11-30T23:59:59+08:00";

    /// <summary>The frozen instant.</summary>
    public static DateTimeOffset Now { get; } = Parse(Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } set ? set : Default);

    /// <summary>The frozen instant as the platform stores it (kind UTC).</summary>
    public static DateTime UtcNow => Now.UtcDateTime;

    /// <summary>The day in China at the frozen instant, by the platform's own rule.</summary>
    public static DateOnly Today => new PlatformClock(Frozen()).Today;

    /// <summary>A clock standing at <see cref="Now"/>: it moves only when a test advances it, and so do its timers.</summary>
    public static FakeTimeProvider Frozen() => new(Now);

    public static DateTimeOffset Parse(string text)
    {
        // Without an offset the instant would depend on the machine's time zone.
        if (!Regex.IsMatch(text, @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$"))
        {
            throw new FormatException($"{Variable} must be an ISO 8601 instant with an offset, like {Default}; it is '{text}'");
        }

        return DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.None);
    }
}
