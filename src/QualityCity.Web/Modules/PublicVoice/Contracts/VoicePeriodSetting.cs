using System.Globalization;
using QualityCity.Domain.PublicVoice;

namespace QualityCity.Web.Modules.PublicVoice.Contracts;

/// <summary>
/// A period written in the configuration as a length and its unit (<c>5 working-days</c>,
/// <c>0.5 working-time</c>, <c>15 calendar-days</c>), read the same way wherever deadlines are
/// configured, so that a bureau writes every deadline of the platform alike.
/// </summary>
public static class VoicePeriodSetting
{
    private static readonly Dictionary<string, VoicePeriodUnit> Units = new(StringComparer.OrdinalIgnoreCase)
    {
        ["working-days"] = VoicePeriodUnit.WorkingDays, ["working-time"] = VoicePeriodUnit.WorkingTime, ["calendar-days"] = VoicePeriodUnit.CalendarDays,
    };

    /// <summary>The period of the setting <paramref name="key"/>; throws naming the setting and the reason.</summary>
    public static VoicePeriod Parse(string key, string value)
    {
        var parts = value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length != 2 || !decimal.TryParse(parts[0], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var length)
            || !Units.TryGetValue(parts[1], out var unit))
        {
            throw Bad(key, $"'{value}' is not a length and a unit like '5 working-days', '0.5 working-time' or '15 calendar-days'");
        }

        try
        {
            return new VoicePeriod(length, unit);
        }
        catch (ArgumentOutOfRangeException exception)
        {
            throw Bad(key, $"'{value}': {exception.Message.Split(Environment.NewLine)[0]}");
        }
    }

    /// <summary>A time of day like <c>08:30</c>; null when the setting is absent; throws naming the setting otherwise.</summary>
    public static TimeOnly? Time(string key, string? value) =>
        value is null ? null
        : TimeOnly.TryParseExact(value.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time
        : throw Bad(key, $"'{value}' is not a time like 08:30");

    /// <summary>The error that stops the server at start, naming the setting.</summary>
    public static InvalidOperationException Bad(string key, string reason) => new($"{key}: {reason}");
}
