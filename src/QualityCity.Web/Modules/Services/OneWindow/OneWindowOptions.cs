using QualityCity.Domain.Services.OneWindow;
using QualityCity.Web.Modules.PublicVoice.Contracts;

namespace QualityCity.Web.Modules.Services.OneWindow;

/// <summary>
/// The one window's settings, section <c>Services:OneWindow</c>: which department each kind of demand
/// goes to, and the service times over the defaults of <see cref="DemandSlaRules"/>, written like the
/// public-voice deadlines:
/// <code>
/// "Services": { "OneWindow": {
///   "Routing": { "calibration": "samr", "ip": "samr" },
///   "Sla": { "Ordinary": "5 working-days", "Complex": "15 working-days", "BadRatingContact": "1 working-days", "BadRatingFix": "5 working-days" } } }
/// </code>
/// A kind not routed in the configuration goes to <see cref="DefaultUnit"/>. A bad value stops the
/// server at start, naming the setting.
/// </summary>
public sealed class OneWindowOptions
{
    public const string Section = "Services:OneWindow";

    /// <summary>The market regulation bureau runs the window and handles every kind unless routed elsewhere.</summary>
    public const string DefaultUnit = "samr";

    public DemandSlaRules Rules { get; set; } = new();

    public IReadOnlyDictionary<DemandKind, string> Routing { get; set; } = new Dictionary<DemandKind, string>();

    /// <summary>The department a demand of <paramref name="kind"/> goes to.</summary>
    public string UnitFor(DemandKind kind) => Routing.GetValueOrDefault(kind, DefaultUnit);

    /// <summary>The settings from the configuration; throws naming the first bad setting.</summary>
    public static OneWindowOptions Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var routing = new Dictionary<DemandKind, string>();
        foreach (var child in section.GetSection("Routing").GetChildren())
        {
            var key = $"{Section}:Routing:{child.Key}";
            if (!DemandKinds.TryParseCode(child.Key, out var kind))
            {
                throw VoicePeriodSetting.Bad(key, "there is no such kind of demand (" + string.Join(", ", DemandKinds.All.Select(k => k.Code())) + ")");
            }

            if (string.IsNullOrWhiteSpace(child.Value) || child.Value.Trim().Length > 32)
            {
                throw VoicePeriodSetting.Bad(key, "must be a department code, like samr");
            }

            routing[kind] = child.Value.Trim();
        }

        var sla = section.GetSection("Sla");
        var defaults = new DemandSlaRules();
        string Name(string property) => $"{Section}:Sla:{property}";
        var rules = new DemandSlaRules
        {
            Ordinary = Period(sla, nameof(DemandSlaRules.Ordinary)) ?? defaults.Ordinary,
            Complex = Period(sla, nameof(DemandSlaRules.Complex)) ?? defaults.Complex,
            BadRatingContact = Period(sla, nameof(DemandSlaRules.BadRatingContact)) ?? defaults.BadRatingContact,
            BadRatingFix = Period(sla, nameof(DemandSlaRules.BadRatingFix)) ?? defaults.BadRatingFix,
            WorkingHoursStart = VoicePeriodSetting.Time(Name(nameof(DemandSlaRules.WorkingHoursStart)), sla[nameof(DemandSlaRules.WorkingHoursStart)]) ?? defaults.WorkingHoursStart,
            WorkingHoursEnd = VoicePeriodSetting.Time(Name(nameof(DemandSlaRules.WorkingHoursEnd)), sla[nameof(DemandSlaRules.WorkingHoursEnd)]) ?? defaults.WorkingHoursEnd,
        };
        if (rules.WorkingHoursEnd <= rules.WorkingHoursStart)
        {
            throw VoicePeriodSetting.Bad(Name(nameof(DemandSlaRules.WorkingHoursEnd)), "working hours must end after they start");
        }

        var known = new[] { "Ordinary", "Complex", "BadRatingContact", "BadRatingFix", "WorkingHoursStart", "WorkingHoursEnd" };
        if (sla.GetChildren().FirstOrDefault(c => !known.Contains(c.Key, StringComparer.OrdinalIgnoreCase)) is { } unknown)
        {
            throw VoicePeriodSetting.Bad(Name(unknown.Key), "there is no such service time (" + string.Join(", ", known) + ")");
        }

        return new OneWindowOptions { Rules = rules, Routing = routing };
    }

    private static Domain.PublicVoice.VoicePeriod? Period(IConfigurationSection sla, string name) =>
        sla[name] is { } value ? VoicePeriodSetting.Parse($"{Section}:Sla:{name}", value) : null;
}
