namespace QualityCity.Domain.Planning;

/// <summary>A share with its 95% Wilson score interval: found of inspected, and where the true rate lies.</summary>
/// <param name="Found">Inspections that found a problem.</param>
/// <param name="Inspected">Inspections counted.</param>
/// <param name="Low">The interval's lower bound (0 when nothing was inspected).</param>
/// <param name="High">The interval's upper bound (1 when nothing was inspected).</param>
public sealed record ProblemRate(int Found, int Inspected, double Low, double High)
{
    /// <summary>found ÷ inspected; null when nothing was inspected.</summary>
    public double? Rate => Inspected == 0 ? null : (double)Found / Inspected;

    /// <summary>Whether this rate is clearly below <paramref name="other"/>: the two 95% intervals do not overlap.</summary>
    public bool ClearlyBelow(ProblemRate other) => Inspected > 0 && other.Inspected > 0 && High < other.Low;
}

/// <summary>
/// The Wilson score interval (Wilson 1927; Agresti &amp; Coull 1998), the interval of INS-12's
/// published rates. Unlike the normal approximation it stays inside [0, 1] and is not empty at 0 or
/// n found, which matters for green firms, where finding nothing in a small sample is common.
/// </summary>
public static class Wilson
{
    /// <summary>The standard normal quantile for a two-sided 95% interval.</summary>
    public const double Z95 = 1.959963984540054;

    /// <summary>The rate of <paramref name="found"/> in <paramref name="inspected"/> with its interval at <paramref name="z"/>.</summary>
    public static ProblemRate Of(int found, int inspected, double z = Z95)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(found);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(found, inspected);
        if (inspected == 0)
        {
            return new ProblemRate(0, 0, 0, 1);
        }

        double n = inspected, p = found / n, z2 = z * z;
        var denominator = 1 + z2 / n;
        var centre = (p + z2 / (2 * n)) / denominator;
        var half = z * Math.Sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator;
        // At 0 and n found the bounds are exactly 0 and 1; rounding must not push them outside.
        return new ProblemRate(found, inspected, found == 0 ? 0 : Math.Max(0, centre - half), found == inspected ? 1 : Math.Min(1, centre + half));
    }
}

/// <summary>
/// Finished routine inspections of one kind as calibration counts them: the year, the department, the
/// grade the enterprise had when the visit was planned, whether it was drawn for the control sample
/// of green firms, and the grading rules' inputs that held for the firm then; how many there were
/// and how many found a problem. One inspection is a tally of one.
/// </summary>
/// <param name="Year">The year of the inspections.</param>
/// <param name="Department">The inspecting department's code.</param>
/// <param name="Grade">The grade in the plan's committed pool.</param>
/// <param name="ControlSample">Drawn for the control sample.</param>
/// <param name="Inputs">The rule ids that held for the enterprise.</param>
/// <param name="Inspected">Inspections counted.</param>
/// <param name="Found">Of them, those that found a problem.</param>
public sealed record CalibrationTally(int Year, string Department, RiskGrade Grade, bool ControlSample, IReadOnlySet<string> Inputs, int Inspected, int Found);

/// <summary>The problem-found rate of one cell: a year, a department (or all, <c>*</c>) and a grade.</summary>
public sealed record CalibrationCell(int Year, string Department, RiskGrade Grade, ProblemRate Rate);

/// <summary>
/// A place where the grading rules miss: in a year and department, a lower-risk grade's rate is not
/// clearly below a higher one's — <c>inverted</c> when the lower-risk grade found problems as often or
/// more often, <c>not_separated</c> when only the intervals overlap.
/// </summary>
public sealed record CalibrationMiss(int Year, string Department, RiskGrade Lower, RiskGrade Higher, string Kind, ProblemRate LowerRate, ProblemRate HigherRate);

/// <summary>How one rule input goes with problems: the rate where it held and where it did not, and their ratio.</summary>
public sealed record InputEffect(string Input, ProblemRate With, ProblemRate Without)
{
    /// <summary>with ÷ without; null when either side has no inspection or the rate without is 0.</summary>
    public double? RiskRatio => With.Rate is { } w && Without.Rate is { } wo && wo > 0 ? w / wo : null;
}

/// <summary>
/// Targeting calibration (INS-12): the problem-found rate of routine inspections by year, department and
/// grade with 95% Wilson intervals; where the grades fail to separate (green's rate not clearly below
/// yellow's, yellow's not below red's); and which rule inputs go with problems. The control sample of
/// green firms is counted on its own too, because it is the only unbiased estimate of green's miss
/// rate: green firms visited for other reasons are not a random sample of green.
/// </summary>
public static class Calibration
{
    /// <summary>The department of the rows that count every department.</summary>
    public const string AllDepartments = "*";

    /// <summary>Cells with fewer inspections than this on either side are not judged: their intervals say too little.</summary>
    public const int MinimumToJudge = 20;

    /// <summary>Every (year, department, grade) cell, and the all-department cells, ordered by year, department, grade.</summary>
    public static IReadOnlyList<CalibrationCell> Cells(IEnumerable<CalibrationTally> tallies)
    {
        var list = tallies as IReadOnlyCollection<CalibrationTally> ?? [.. tallies];
        var cells = list.GroupBy(v => (v.Year, v.Department, v.Grade))
            .Concat(list.GroupBy(v => (v.Year, Department: AllDepartments, v.Grade)))
            .Select(g => new CalibrationCell(g.Key.Year, g.Key.Department, g.Key.Grade, Of(g)));
        return [.. cells.OrderBy(c => c.Year).ThenBy(c => c.Department == AllDepartments ? 0 : 1).ThenBy(c => c.Department, StringComparer.Ordinal).ThenBy(c => c.Grade)];
    }

    /// <summary>The control sample's rate per year: green firms drawn at random, the miss rate of green.</summary>
    public static IReadOnlyList<(int Year, ProblemRate Rate)> ControlSample(IEnumerable<CalibrationTally> tallies) =>
        [.. tallies.Where(v => v.ControlSample).GroupBy(v => v.Year).OrderBy(g => g.Key).Select(g => (g.Key, Of(g)))];

    /// <summary>
    /// Where a lower-risk grade's rate is not clearly below the next higher grade's (green against
    /// yellow, yellow against red) in the same year and department, both with at least
    /// <see cref="MinimumToJudge"/> inspections.
    /// </summary>
    public static IReadOnlyList<CalibrationMiss> Misses(IReadOnlyList<CalibrationCell> cells)
    {
        var misses = new List<CalibrationMiss>();
        foreach (var group in cells.GroupBy(c => (c.Year, c.Department)))
        {
            var byGrade = group.ToDictionary(c => c.Grade, c => c.Rate);
            foreach (var (lower, higher) in new[] { (RiskGrade.Green, RiskGrade.Yellow), (RiskGrade.Yellow, RiskGrade.Red) })
            {
                if (!byGrade.TryGetValue(lower, out var low) || !byGrade.TryGetValue(higher, out var high)
                    || low.Inspected < MinimumToJudge || high.Inspected < MinimumToJudge || low.ClearlyBelow(high))
                {
                    continue;
                }

                misses.Add(new CalibrationMiss(group.Key.Year, group.Key.Department, lower, higher, low.Rate >= high.Rate ? "inverted" : "not_separated", low, high));
            }
        }

        return misses;
    }

    /// <summary>Each rule input's rate with and without it over all the visits, the strongest association first.</summary>
    public static IReadOnlyList<InputEffect> Inputs(IEnumerable<CalibrationTally> tallies, IReadOnlyList<string> inputs)
    {
        var list = tallies as IReadOnlyCollection<CalibrationTally> ?? [.. tallies];
        return [.. inputs.Select(input => new InputEffect(input, Of(list.Where(v => v.Inputs.Contains(input))), Of(list.Where(v => !v.Inputs.Contains(input)))))
            .OrderByDescending(e => e.RiskRatio ?? double.MinValue).ThenBy(e => e.Input, StringComparer.Ordinal)];
    }

    private static ProblemRate Of(IEnumerable<CalibrationTally> tallies)
    {
        var (found, inspected) = (0, 0);
        foreach (var tally in tallies)
        {
            found += tally.Found;
            inspected += tally.Inspected;
        }

        return Wilson.Of(found, inspected);
    }
}
