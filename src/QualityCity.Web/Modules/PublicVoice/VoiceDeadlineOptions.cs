using System.Globalization;
using QualityCity.Domain.PublicVoice;

namespace QualityCity.Web.Modules.PublicVoice;

/// <summary>
/// The handling deadlines in force (VOX-4), from section <c>PublicVoice:Deadlines</c> over the
/// defaults of <see cref="VoiceDeadlineRules"/> (the national rules: 7 working days to accept a
/// complaint, half a working day to dispatch, 5 to answer …). A bureau whose own rules are stricter
/// sets only the periods it changes:
/// <code>
/// "PublicVoice": { "Deadlines": { "WorkingHoursStart": "09:00", "WorkingHoursEnd": "17:00",
///   "Answer": "3 working-days", "Dispatch": "0.5 working-time", "PetitionDecision": "60 calendar-days" } }
/// </code>
/// A period is a length and its unit: <c>working-days</c>, <c>working-time</c> (working days counted
/// in working hours; halves allowed) or <c>calendar-days</c>. A bad value stops the server at start,
/// naming the setting and the reason, rather than counting a deadline wrongly.
/// </summary>
public sealed class VoiceDeadlineOptions
{
    public const string Section = "PublicVoice:Deadlines";

    public VoiceDeadlineRules Rules { get; set; } = new();

    private static readonly Dictionary<string, VoicePeriodUnit> Units = new(StringComparer.OrdinalIgnoreCase)
    {
        ["working-days"] = VoicePeriodUnit.WorkingDays, ["working-time"] = VoicePeriodUnit.WorkingTime, ["calendar-days"] = VoicePeriodUnit.CalendarDays,
    };

    /// <summary>The rules from the configuration; throws naming the first bad setting.</summary>
    public static VoiceDeadlineRules Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var rules = new VoiceDeadlineRules
        {
            WorkingHoursStart = Time(section, nameof(VoiceDeadlineRules.WorkingHoursStart)) ?? new VoiceDeadlineRules().WorkingHoursStart,
            WorkingHoursEnd = Time(section, nameof(VoiceDeadlineRules.WorkingHoursEnd)) ?? new VoiceDeadlineRules().WorkingHoursEnd,
        };
        if (rules.WorkingHoursEnd <= rules.WorkingHoursStart)
        {
            throw Bad(nameof(VoiceDeadlineRules.WorkingHoursEnd), "working hours must end after they start");
        }

        // Every period of the rules can be set by its own name; init-only properties of a fresh copy.
        foreach (var property in typeof(VoiceDeadlineRules).GetProperties().Where(p => p.PropertyType == typeof(VoicePeriod)))
        {
            if (section[property.Name] is { } value)
            {
                property.SetValue(rules, Period(property.Name, value));
            }
        }

        var known = typeof(VoiceDeadlineRules).GetProperties().Where(p => p.CanWrite).Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (section.GetChildren().FirstOrDefault(c => !known.Contains(c.Key)) is { } unknown)
        {
            throw Bad(unknown.Key, "there is no such deadline (" + string.Join(", ", known.Order(StringComparer.Ordinal)) + ")");
        }

        return rules;
    }

    private static TimeOnly? Time(IConfigurationSection section, string key) =>
        section[key] is not { } value ? null
        : TimeOnly.TryParseExact(value.Trim(), "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time) ? time
        : throw Bad(key, $"'{value}' is not a time like 08:30");

    private static VoicePeriod Period(string key, string value)
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

    private static InvalidOperationException Bad(string key, string reason) => new($"{Section}:{key}: {reason}");
}
