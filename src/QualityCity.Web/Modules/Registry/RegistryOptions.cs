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
}
