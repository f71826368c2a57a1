using QualityCity.Domain.PublicVoice;

namespace QualityCity.Web.Modules.PublicVoice.Triage;

/// <summary>Settings of triage (研判), section <c>PublicVoice:Triage</c>.</summary>
public sealed class VoiceTriageOptions
{
    public const string Section = "PublicVoice:Triage";

    /// <summary>Duplicates are looked for this many days either side of an item's receipt, in its county.</summary>
    public int DuplicateWindowDays { get; set; } = 7;

    /// <summary>The similarity from which another item is a candidate; the domain's default (0.45) when null.</summary>
    public double? DuplicateThreshold { get; set; }

    /// <summary>At most this many items of the window are compared (the nearest in time first); bounds the work of one look-up.</summary>
    public int DuplicateMaxCompared { get; set; } = 400;

    /// <summary>The classifier's suggestion is shown from this confidence on; below it the category's usual department is.</summary>
    public double ClassifierThreshold { get; set; } = 0.5;

    /// <summary>Percent of the past orders held out (by the tracking code's hash) to measure a newly trained model.</summary>
    public int HoldOutPercent { get; set; } = 15;

    /// <summary>Fewest past orders a model is trained from.</summary>
    public int MinSamples { get; set; } = 10;

    /// <summary>The hour (China time) of the nightly retraining; a negative value turns it off.</summary>
    public int NightlyHour { get; set; } = 2;

    /// <summary>Urgency rules replacing the defaults (电梯困人, 燃气泄漏 …) when given.</summary>
    public List<UrgencyRuleOptions> Urgency { get; set; } = [];

    /// <summary>The urgency rules in force.</summary>
    public UrgencyRules UrgencyRules() => Urgency.Count == 0
        ? Domain.PublicVoice.UrgencyRules.Default
        : new UrgencyRules(Urgency.Select(u => new UrgencyRule(u.Name, u.Keywords, u.AlsoAnyOf.Count == 0 ? null : u.AlsoAnyOf, u.Category)));

    public DuplicateFinderOptions DuplicateOptions() => new()
    {
        Window = TimeSpan.FromDays(DuplicateWindowDays),
        Threshold = DuplicateThreshold ?? new DuplicateFinderOptions().Threshold,
    };
}

/// <summary>An urgency rule in the configuration: a name, keywords, optionally a second set of which one must also occur, and a category pattern.</summary>
public sealed class UrgencyRuleOptions
{
    public string Name { get; set; } = string.Empty;
    public List<string> Keywords { get; set; } = [];
    public List<string> AlsoAnyOf { get; set; } = [];
    public string Category { get; set; } = "*";
}
