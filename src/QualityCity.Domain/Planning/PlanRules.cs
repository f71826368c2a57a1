namespace QualityCity.Domain.Planning;

/// <summary>
/// The configurable rules of a plan beyond the cadence (INS-6, INS-8, INS-9). The defaults are the
/// ones the bureau's documents state or imply; each is a setting (see docs/planning.md).
/// </summary>
/// <param name="RecognitionValidityMonths">How long an inspection result of an item stays valid for mutual recognition (INS-6).</param>
/// <param name="GraceMonths">Months after establishment without routine inspection for a new enterprise (INS-8; 0 = none).</param>
/// <param name="PerDepartmentCap">Routine visits of one department to one enterprise in a year before the plan is flagged (INS-8).</param>
/// <param name="OverallCap">Routine (joint) visits to one enterprise in a year, all departments together, before the plan is flagged (INS-8).</param>
/// <param name="InspectorsPerVisit">Officers per department on a visit (the law requires at least two).</param>
/// <param name="LocalOfficers">
/// Draw a visit's officers only among the department's officers of the enterprise's county when it
/// has enough there (属地管理). Off by default: it narrows the candidates that INS-9 names, and a
/// county team that is full leaves visits understaffed that the rest of the department could take.
/// </param>
public sealed record PlanRules(int RecognitionValidityMonths = 12, int GraceMonths = 6, int PerDepartmentCap = 4, int OverallCap = 4,
    int InspectorsPerVisit = 2, bool LocalOfficers = false)
{
    /// <summary>The rules as the documents state them.</summary>
    public static readonly PlanRules Default = new();

    /// <summary>Refuses impossible settings with the setting's name.</summary>
    /// <exception cref="ArgumentException">When a value is out of range.</exception>
    public void Validate()
    {
        if (RecognitionValidityMonths is < 0 or > 60)
        {
            throw new ArgumentException($"RecognitionValidityMonths must be between 0 and 60, not {RecognitionValidityMonths}.");
        }

        if (GraceMonths is < 0 or > 36)
        {
            throw new ArgumentException($"GraceMonths must be between 0 and 36, not {GraceMonths}.");
        }

        if (PerDepartmentCap < 1 || OverallCap < 1)
        {
            throw new ArgumentException($"PerDepartmentCap and OverallCap must be at least 1 (they are {PerDepartmentCap} and {OverallCap}).");
        }

        if (InspectorsPerVisit < 2)
        {
            throw new ArgumentException($"InspectorsPerVisit must be at least 2 (the law requires two officers), not {InspectorsPerVisit}.");
        }
    }
}

/// <summary>An earlier inspection result of one item at an enterprise, by any department.</summary>
/// <param name="Item">The checklist item code.</param>
/// <param name="Department">The department that inspected.</param>
/// <param name="Date">The day of the inspection.</param>
/// <param name="Inspectors">The officers who inspected (for the previous-period recusal).</param>
public sealed record PriorResult(string Item, string Department, DateOnly Date, IReadOnlyList<string> Inspectors);

/// <summary>What the planner knows of an enterprise's past.</summary>
/// <param name="EstablishedOn">The registration date, for the grace period of new enterprises.</param>
/// <param name="Results">Earlier inspection results, for mutual recognition and recusal.</param>
public sealed record EnterpriseHistory(DateOnly? EstablishedOn, IReadOnlyList<PriorResult> Results);

/// <summary>Obligation items satisfied without a visit (INS-6), or an obligation waived by the grace period (INS-8).</summary>
/// <param name="CreditCode">The enterprise.</param>
/// <param name="Department">The department whose obligation it was.</param>
/// <param name="Items">The items recognised (all of the obligation's items when <paramref name="WholeObligation"/>).</param>
/// <param name="WindowStart">The obligation window's first day.</param>
/// <param name="WindowEnd">The obligation window's last day.</param>
/// <param name="WholeObligation">True when nothing of the obligation is left to visit.</param>
/// <param name="Reason">Why, naming the result or the grace period.</param>
public sealed record Recognition(string CreditCode, string Department, IReadOnlyList<string> Items, DateOnly WindowStart, DateOnly WindowEnd,
    bool WholeObligation, string Reason);

/// <summary>An enterprise over a yearly cap of routine visits (INS-8), flagged before approval.</summary>
/// <param name="CreditCode">The enterprise.</param>
/// <param name="Kind"><c>department</c>, <c>overall</c> or <c>item</c>.</param>
/// <param name="Department">The department (null for the overall cap).</param>
/// <param name="Item">The item (for the item's frequency cap).</param>
/// <param name="Visits">Routine visits planned.</param>
/// <param name="Cap">The cap.</param>
public sealed record CapViolation(string CreditCode, string Kind, string? Department, string? Item, int Visits, int Cap);
