using QualityCity.Domain.Planning;

namespace QualityCity.Web.Modules.Planning.Contracts;

/// <summary>
/// Targeting calibration (INS-12) from the published routine inspections: the problem-found rate by
/// year, department and grade with 95% Wilson intervals, the control sample's rate, where the grades
/// fail to separate, and how each grading rule goes with problems.
/// </summary>
/// <param name="Tallies">The inspections counted, grouped by everything the figures split by.</param>
/// <param name="Cells">Rate per (year, department, grade); department <c>*</c> is every department.</param>
/// <param name="Control">Per year, the control sample of green firms: green's miss rate.</param>
/// <param name="Misses">Where a lower-risk grade is not clearly below the next.</param>
/// <param name="Inputs">Each grading rule's rate with and without it, over every year.</param>
public sealed record CalibrationReport(IReadOnlyList<CalibrationTally> Tallies, IReadOnlyList<CalibrationCell> Cells,
    IReadOnlyList<(int Year, ProblemRate Rate)> Control, IReadOnlyList<CalibrationMiss> Misses, IReadOnlyList<InputEffect> Inputs)
{
    /// <summary>The years with any inspection counted, oldest first.</summary>
    public IReadOnlyList<int> Years => [.. Cells.Select(c => c.Year).Distinct().Order()];

    /// <summary>"12.5%（9.1%–17.0%，n=240）": a rate with its interval and count, as the pages show it; "—" for none.</summary>
    public static string Describe(ProblemRate? rate, Localization.Text text) =>
        rate is null || rate.Inspected == 0 ? "—" : text.Format("{0}（{1}–{2}，n={3}）", Percent(rate.Rate!.Value), Percent(rate.Low), Percent(rate.High), rate.Inspected);

    /// <summary>A share as a percentage with one decimal.</summary>
    public static string Percent(double value) => (value * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%";

    /// <summary>The rate of one cell; null when nothing of that grade was inspected.</summary>
    public ProblemRate? Rate(int year, string department, RiskGrade grade) =>
        Cells.FirstOrDefault(c => c.Year == year && c.Department == department && c.Grade == grade)?.Rate;
}

/// <summary>
/// The calibration figures: what the plan's grades are tested against. The Inspections module counts
/// them from its results and implements this; the public plans page reads them, so the two modules
/// do not use each other in a circle.
/// </summary>
public interface IInspectionCalibration
{
    /// <summary>The figures as of the last change to the published results (kept in memory until the next).</summary>
    Task<CalibrationReport> ReportAsync(CancellationToken cancellationToken);
}
