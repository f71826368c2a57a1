using QualityCity.Domain.Quality;

namespace QualityCity.Web.Modules.Quality;

/// <summary>The "Quality" section of the configuration (QLT-2, QLT-4, QLT-5, QLT-6).</summary>
public sealed class QualityOptions
{
    public const string Section = "Quality";

    /// <summary>
    /// Code of the department responsible for product-quality sampling: its staff record samples,
    /// plans, lab imports and flag decisions (with the coordinator and the administrator).
    /// </summary>
    public string SamplingDepartment { get; set; } = "samr";

    /// <summary>Days to object after receiving the result (calendar days ending on a working day unless <see cref="ObjectionInWorkingDays"/>).</summary>
    public int ObjectionDays { get; set; } = 15;

    public bool ObjectionInWorkingDays { get; set; }

    public int CorrectionDays { get; set; } = 60;
    public int ReinspectionDays { get; set; } = 75;
    public int SecondReinspectionFromDays { get; set; } = 60;
    public int SecondReinspectionToDays { get; set; } = 90;

    /// <summary>The same authority does not sample the same product of the same producer within this many months.</summary>
    public int NoRepeatMonths { get; set; } = 6;

    /// <summary>A county × industry with more failed samples than this in a year is flagged for supervision (挂牌督办, QLT-5).</summary>
    public int AlertFailedSamplesPerYear { get; set; } = 10;

    /// <summary>Significance level of the one-sided binomial test of the problem list (QLT-4).</summary>
    public double ProblemAlpha { get; set; } = 0.05;

    /// <summary>Fewest failures for a cell to be a problem.</summary>
    public int ProblemMinimumFailures { get; set; } = 3;

    /// <summary>An address shared by at least this many entities is flagged (QLT-6).</summary>
    public int SharedAddressMinimum { get; set; } = 5;

    /// <summary>Flag manufacturers whose annual report gives no insured staff (QLT-6).</summary>
    public bool FlagNoInsuredStaff { get; set; } = true;

    /// <summary>Flag manufacturers with no production record, or nothing produced, in the year's production data (QLT-6).</summary>
    public bool FlagNoProductionRecords { get; set; } = true;

    /// <summary>The year of production data the rule reads; empty for the latest year imported.</summary>
    public int? ProductionRecordYear { get; set; }

    /// <summary>Largest lab file accepted by the page and the API, in megabytes.</summary>
    public int MaxImportMegabytes { get; set; } = 20;

    public SamplingPeriods Periods() => new()
    {
        Objection = new Period(ObjectionDays, ObjectionInWorkingDays ? PeriodUnit.WorkingDays : PeriodUnit.CalendarDays),
        Correction = new Period(CorrectionDays),
        Reinspection = new Period(ReinspectionDays),
        SecondReinspectionFrom = new Period(SecondReinspectionFromDays),
        SecondReinspectionTo = new Period(SecondReinspectionToDays),
        NoRepeatMonths = NoRepeatMonths,
    };
}
