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

    private static TimeOnly? Time(IConfigurationSection section, string key) => Contracts.VoicePeriodSetting.Time($"{Section}:{key}", section[key]);

    private static VoicePeriod Period(string key, string value) => Contracts.VoicePeriodSetting.Parse($"{Section}:{key}", value);

    private static InvalidOperationException Bad(string key, string reason) => Contracts.VoicePeriodSetting.Bad($"{Section}:{key}", reason);
}
