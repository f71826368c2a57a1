using QualityCity.Domain.Development;

namespace QualityCity.Web.Modules.Development.Efficiency;

/// <summary>
/// One enterprise's figures of one year for the per-mu evaluation (DEV-3), as imported: one row per
/// enterprise and year, replaced when the year is imported again. Units as in the efficiency file.
/// </summary>
public sealed class EfficiencyFigures
{
    public long Id { get; set; }

    public required string CreditCode { get; set; }

    public int Year { get; set; }

    public decimal LandMu { get; set; }

    public decimal Revenue { get; set; }

    public decimal Tax { get; set; }

    /// <summary>工业增加值: may be negative.</summary>
    public decimal ValueAdded { get; set; }

    public decimal EnergyTce { get; set; }

    public decimal EmissionsT { get; set; }

    public decimal Employees { get; set; }

    public decimal RdSpend { get; set; }

    /// <summary>规上 in that year, as the file said (the evaluation's scope reads this, not the registry's flag).</summary>
    public bool AboveScale { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public EfficiencyRow ToRow() => new(CreditCode, Year, LandMu, Revenue, Tax, ValueAdded, EnergyTce, EmissionsT, Employees, RdSpend, AboveScale);

    /// <summary>Takes the figures of <paramref name="row"/>; true when any changed.</summary>
    public bool Take(EfficiencyRow row)
    {
        if (ToRow() == row)
        {
            return false;
        }

        (LandMu, Revenue, Tax, ValueAdded, EnergyTce, EmissionsT, Employees, RdSpend, AboveScale) =
            (row.LandMu, row.Revenue, row.Tax, row.ValueAdded, row.EnergyTce, row.EmissionsT, row.Employees, row.RdSpend, row.AboveScale);
        return true;
    }
}
