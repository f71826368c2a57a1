namespace QualityCity.Domain.Planning;

/// <summary>How often an enterprise of a grade must be visited by one department (INS-4).</summary>
public enum CadencePeriod
{
    /// <summary>No routine visit: only the random draw.</summary>
    None,

    /// <summary>At least one visit in each calendar quarter.</summary>
    Quarter,

    /// <summary>At least one visit in each half-year.</summary>
    HalfYear,

    /// <summary>At least one visit in the year.</summary>
    Year,
}

/// <summary>The cadence table of one department (configurable per grade); green's draw rate is at most 5% a year.</summary>
/// <param name="Red">Cadence for red enterprises.</param>
/// <param name="Yellow">Cadence for yellow enterprises.</param>
/// <param name="Green">Cadence for green enterprises (None: the draw only).</param>
/// <param name="GreenDrawRate">Share of the department's green pool drawn per year (0–0.05 by the rule).</param>
/// <param name="ControlRate">Share of the green pool drawn as the control sample of INS-12 (0.5% by default; at most the 5% of the rule).</param>
public sealed record CadenceRules(CadencePeriod Red = CadencePeriod.Quarter, CadencePeriod Yellow = CadencePeriod.HalfYear,
    CadencePeriod Green = CadencePeriod.None, decimal GreenDrawRate = 0.05m, decimal ControlRate = 0.005m)
{
    /// <summary>The period for a grade.</summary>
    public CadencePeriod For(RiskGrade grade) => grade switch
    {
        RiskGrade.Red => Red,
        RiskGrade.Yellow => Yellow,
        _ => Green,
    };

    /// <summary>
    /// How many of a green pool the draw takes in a year: the rate times the pool, rounded down, so
    /// the sample never exceeds the rate ("at most 5%": 5% of 30 is 1, of 19 is 0).
    /// </summary>
    public int GreenSampleSize(int poolSize)
    {
        if (GreenDrawRate is < 0 or > 1)
        {
            throw new InvalidOperationException($"The green draw rate must be between 0 and 1, not {GreenDrawRate}.");
        }

        return (int)Math.Floor(GreenDrawRate * poolSize);
    }

    /// <summary>
    /// How many of a green pool the control sample takes: the control rate times the pool, rounded
    /// down like the green draw, so that the control sample never pushes a department past the 5% a
    /// year the rule allows (0.5% of 400 is 2, of 199 is 0).
    /// </summary>
    public int ControlSampleSize(int poolSize)
    {
        if (ControlRate is < 0 or > 0.05m)
        {
            throw new InvalidOperationException($"The control sample rate must be between 0 and 0.05, not {ControlRate}.");
        }

        return (int)Math.Floor(ControlRate * poolSize);
    }
}

/// <summary>Turns a cadence into obligation windows for a plan year (INS-5).</summary>
public static class CadenceWindows
{
    /// <summary>The windows of one period kind in a year, in order.</summary>
    public static IReadOnlyList<(DateOnly Start, DateOnly End)> For(CadencePeriod period, int year) => period switch
    {
        CadencePeriod.None => [],
        CadencePeriod.Year => [(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31))],
        CadencePeriod.HalfYear => [(new DateOnly(year, 1, 1), new DateOnly(year, 6, 30)), (new DateOnly(year, 7, 1), new DateOnly(year, 12, 31))],
        CadencePeriod.Quarter =>
        [
            (new DateOnly(year, 1, 1), new DateOnly(year, 3, 31)), (new DateOnly(year, 4, 1), new DateOnly(year, 6, 30)),
            (new DateOnly(year, 7, 1), new DateOnly(year, 9, 30)), (new DateOnly(year, 10, 1), new DateOnly(year, 12, 31)),
        ],
        _ => throw new ArgumentOutOfRangeException(nameof(period)),
    };
}
