namespace QualityCity.Web.Modules.Registry.Contracts;

/// <summary>
/// One entity's production and operating figures for one year (生产经营数据), as a statistics bureau,
/// tax office or grid company reports them. The shell-company check reads output and electricity
/// (QLT-6 "no production records"); the per-mu efficiency evaluation reads tax and land.
/// </summary>
public sealed class ProductionRecord
{
    public long Id { get; set; }
    public required string CreditCode { get; set; }
    public int Year { get; set; }

    /// <summary>工业总产值, in 10,000 yuan (万元).</summary>
    public decimal? OutputValue { get; set; }

    /// <summary>用电量, in kWh.</summary>
    public decimal? Electricity { get; set; }

    /// <summary>实缴税金, in 10,000 yuan (万元).</summary>
    public decimal? TaxPaid { get; set; }

    /// <summary>用地面积, in mu (亩).</summary>
    public decimal? LandMu { get; set; }

    /// <summary>Where the figures come from (统计年报, 电力公司 …).</summary>
    public required string Source { get; set; }

    public required string ImportedBy { get; set; }
    public DateTime ImportedAtUtc { get; set; }
}
