using QualityCity.Web.Modules.Inspections;

namespace QualityCity.Web.Demo;

/// <summary>
/// How often the demo's inspections find a problem with an item. The chance rises with each grading
/// rule that holds for the enterprise, by an amount of its own, so that the calibration page
/// (INS-12) has something true to say: the grades separate, most rules predict problems, and the
/// hazardous-industry rule, which grades firms by their trade rather than their conduct, barely
/// does — the kind of rule the page exists to catch.
/// </summary>
internal static class DemoFindings
{
    private const double Base = 0.025;
    private const double NotApplicable = 0.02;

    private static readonly Dictionary<string, double> Added = new(StringComparer.Ordinal)
    {
        ["credit-class"] = 0.06, ["failed-sampling"] = 0.07, ["penalties"] = 0.05, ["complaints"] = 0.05,
        ["abnormal-list"] = 0.03, ["hazardous-industry"] = 0.004, ["manual-override"] = 0.02,
    };

    /// <summary>The outcome of one item for a uniform <paramref name="draw"/> in [0, 1) and the enterprise's rule ids (comma-separated).</summary>
    public static string Outcome(double draw, string gradeInputs)
    {
        var problem = Base;
        foreach (var rule in gradeInputs.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            problem += Added.GetValueOrDefault(rule);
        }

        return draw < problem ? Outcomes.Problem : draw < 1 - NotApplicable ? Outcomes.Pass : Outcomes.NotApplicable;
    }
}
