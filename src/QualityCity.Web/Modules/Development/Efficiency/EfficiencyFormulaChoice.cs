namespace QualityCity.Web.Modules.Development.Efficiency;

/// <summary>
/// The formula the city evaluates one year by (DEV-3): a shipped published formula picked by the
/// administrator, or one uploaded in the same shape. The formula's JSON is kept as chosen, so a later
/// change of the shipped file does not change a year already evaluated.
/// </summary>
public sealed class EfficiencyFormulaChoice
{
    public int Year { get; set; }

    /// <summary>The formula's <c>id</c>.</summary>
    public required string FormulaId { get; set; }

    /// <summary>The formula entry as JSON, read by <see cref="QualityCity.Domain.Development.PerMuFormula.Parse(string)"/>.</summary>
    public required string Json { get; set; }

    /// <summary>Uploaded by the administrator rather than picked from the shipped file.</summary>
    public bool Uploaded { get; set; }

    public required string ChosenBy { get; set; }

    public DateTime ChosenAtUtc { get; set; }
}
