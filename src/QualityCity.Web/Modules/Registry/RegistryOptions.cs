namespace QualityCity.Web.Modules.Registry;

/// <summary>The "Registry" section of the configuration.</summary>
public sealed class RegistryOptions
{
    public const string Section = "Registry";

    /// <summary>
    /// Code of the department that grades enterprises by risk: its head answers the enterprises'
    /// objections to their grades (ADR 0026). The market regulator by default.
    /// </summary>
    public string GradingDepartment { get; set; } = "samr";

    /// <summary>
    /// Working days the grading department has to answer an objection, counted from the day after
    /// it is filed. No rule fixes it for risk grades; 15 working days is what the credit rules give
    /// an objection to published information, and what an enterprise would expect.
    /// </summary>
    public int ObjectionAnswerWorkingDays { get; set; } = 15;
}
