namespace QualityCity.Web.Modules.Planning.Contracts;

// A drawn plan as the rows its pages query (docs/planning.md, "The plan as rows"). The draw's
// published texts (draw.json, plan.json on PlanDrawRecord) stay the record; these rows are written
// from the same plan when it is drawn, and the pages, the API and the exports read them, a page at
// a time. Keys are the draw and the place in plan.json (visit n, its obligation m, …), so the rows
// of one plan are written in one pass without asking the database for ids.

/// <summary>One visit of a drawn plan: a day at an enterprise (plan.json <c>visits[Position]</c>).</summary>
public sealed class PlannedVisit
{
    public int DrawId { get; set; }
    public int Position { get; set; }
    public required string VisitKey { get; set; }
    public required string Enterprise { get; set; }
    public DateOnly Date { get; set; }

    /// <summary>The day first planned, when the visit was moved to a month with officers free.</summary>
    public DateOnly? MovedFrom { get; set; }

    public List<PlannedObligation> Obligations { get; set; } = [];
}

/// <summary>One department's obligation on a planned visit: its window and why it is due (<c>visits[VisitPosition].obligations[Position]</c>).</summary>
public sealed class PlannedObligation
{
    public int DrawId { get; set; }
    public int VisitPosition { get; set; }
    public int Position { get; set; }
    public required string Department { get; set; }
    public DateOnly WindowStart { get; set; }
    public DateOnly WindowEnd { get; set; }
    public required string Reason { get; set; }

    /// <summary>The enterprise's grade in the committed pool (red, yellow, green); null in plans drawn before it was recorded.</summary>
    public string? Grade { get; set; }

    /// <summary>Drawn for the department's control sample of green firms (INS-12).</summary>
    public bool ControlSample { get; set; }

    public List<PlannedObligationItem> Items { get; set; } = [];
}

/// <summary>One checklist item of an obligation.</summary>
public sealed class PlannedObligationItem
{
    public int DrawId { get; set; }
    public int VisitPosition { get; set; }
    public int ObligationPosition { get; set; }
    public int Position { get; set; }
    public required string ItemCode { get; set; }
}

/// <summary>One officer drawn for a department's part of a planned visit (draw.json <c>inspectorAssignments</c>), in ticket order.</summary>
public sealed class PlannedInspector
{
    public int DrawId { get; set; }
    public int VisitPosition { get; set; }
    public required string Department { get; set; }
    public int Position { get; set; }
    public int InspectorId { get; set; }
}

/// <summary>An obligation recognised from an earlier result or in a new enterprise's grace period (<c>recognised[Position]</c>).</summary>
public sealed class PlannedRecognition
{
    public int DrawId { get; set; }
    public int Position { get; set; }
    public required string Enterprise { get; set; }
    public required string Department { get; set; }

    /// <summary>The items as the page and the ledger show them, separated by spaces: shown, never queried.</summary>
    public required string Items { get; set; }

    public DateOnly WindowStart { get; set; }
    public DateOnly WindowEnd { get; set; }
    public bool WholeObligation { get; set; }
    public required string Reason { get; set; }
}

/// <summary>A flagged frequency cap (<c>capViolations[Position]</c>).</summary>
public sealed class PlannedCapViolation
{
    public int DrawId { get; set; }
    public int Position { get; set; }
    public required string Enterprise { get; set; }
    public required string Kind { get; set; }
    public string? Department { get; set; }
    public string? Item { get; set; }
    public int Visits { get; set; }
    public int Cap { get; set; }
}

/// <summary>A department's part of a visit with fewer officers than required (<c>understaffed[Position]</c>).</summary>
public sealed class PlannedUnderstaffing
{
    public int DrawId { get; set; }
    public int Position { get; set; }
    public required string VisitKey { get; set; }
    public required string Department { get; set; }
    public int Inspectors { get; set; }
    public int Required { get; set; }
}
