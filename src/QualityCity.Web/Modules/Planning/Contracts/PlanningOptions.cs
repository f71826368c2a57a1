using QualityCity.Domain.Planning;

namespace QualityCity.Web.Modules.Planning.Contracts;

/// <summary>
/// The "Planning" section of the configuration: the cadence table (INS-4, default and per
/// department), recognition, grace, caps (INS-6, INS-8), officers per visit and the publication
/// deadline (INS-10). Defaults are the rules the bureau's documents state.
/// </summary>
public sealed class PlanningOptions
{
    public const string Section = "Planning";

    public int RecognitionValidityMonths { get; set; } = PlanRules.Default.RecognitionValidityMonths;
    public int GraceMonths { get; set; } = PlanRules.Default.GraceMonths;
    public int PerDepartmentCap { get; set; } = PlanRules.Default.PerDepartmentCap;
    public int OverallCap { get; set; } = PlanRules.Default.OverallCap;
    public int InspectorsPerVisit { get; set; } = PlanRules.Default.InspectorsPerVisit;
    public bool LocalOfficers { get; set; } = PlanRules.Default.LocalOfficers;

    /// <summary>The plan of a year must be published by this day of that year (month-day, default 31 March).</summary>
    public string PublicationDeadline { get; set; } = "03-31";

    /// <summary>Special campaigns (专项检查) a department may run in a year (INS-10).</summary>
    public int CampaignsPerYear { get; set; } = 2;

    /// <summary>
    /// Per department code: the published items a routine visit covers (default: all of them). An
    /// item not on the department's published list makes the draw refuse (清单之外无检查).
    /// </summary>
    public Dictionary<string, string[]> RoutineItems { get; set; } = new(StringComparer.Ordinal);

    /// <summary>The cadence every department uses unless it has its own line.</summary>
    public CadenceSetting DefaultCadence { get; set; } = new();

    /// <summary>Per department code: its own cadence table.</summary>
    public Dictionary<string, CadenceSetting> Cadence { get; set; } = new(StringComparer.Ordinal);

    public PlanRules Rules() => new(RecognitionValidityMonths, GraceMonths, PerDepartmentCap, OverallCap, InspectorsPerVisit, LocalOfficers);

    public CadenceRules CadenceFor(string department) => (Cadence.GetValueOrDefault(department) ?? DefaultCadence).ToRules(department);

    public DateOnly DeadlineFor(int year) =>
        DateOnly.ParseExact($"{year}-{PublicationDeadline}", "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

/// <summary>One department's cadence table as configured.</summary>
public sealed class CadenceSetting
{
    public CadencePeriod Red { get; set; } = CadencePeriod.Quarter;
    public CadencePeriod Yellow { get; set; } = CadencePeriod.HalfYear;
    public CadencePeriod Green { get; set; } = CadencePeriod.None;

    /// <summary>Share of the green pool drawn in a year; the rule allows at most 0.05.</summary>
    public decimal GreenDrawRate { get; set; } = 0.05m;

    /// <summary>Share of the green pool drawn as the control sample of INS-12 (0.005 = 0.5%); at most 0.05.</summary>
    public decimal ControlRate { get; set; } = 0.005m;

    /// <exception cref="InvalidOperationException">When the green rate is above the rule's 5%.</exception>
    public CadenceRules ToRules(string department)
    {
        if (GreenDrawRate is < 0 or > 0.05m)
        {
            throw new InvalidOperationException($"Planning:Cadence:{department}:GreenDrawRate must be between 0 and 0.05 (at most 5% of the green pool a year), not {GreenDrawRate}.");
        }

        if (ControlRate is < 0 or > 0.05m)
        {
            throw new InvalidOperationException($"Planning:Cadence:{department}:ControlRate must be between 0 and 0.05, not {ControlRate}.");
        }

        return new CadenceRules(Red, Yellow, Green, GreenDrawRate, ControlRate);
    }
}
