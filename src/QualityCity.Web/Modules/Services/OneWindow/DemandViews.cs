namespace QualityCity.Web.Modules.Services.OneWindow;

/// <summary>A demand filed by the enterprise itself, or by staff on its behalf (then with its credit code).</summary>
public sealed record DemandFiling(string? Kind, string? Title, string? Description, string? CreditCode = null, string? ContactName = null, string? ContactPhone = null,
    IReadOnlyList<string>? CatalogueItems = null);

/// <summary>
/// An action on a demand: <c>action</c> is accept (optional <c>complexity</c> ordinary or complex),
/// reject (<c>reason</c>), request_materials (<c>items</c>, and <c>reason</c> from the second request on),
/// supply_materials (<c>supplied</c>), answer (<c>answer</c>), rate (<c>rating</c>), record_contact and
/// record_fix (<c>note</c>) or close_unrated (<c>reason</c>).
/// </summary>
public sealed record DemandActionRequest(string? Action, string? Complexity = null, IReadOnlyList<string>? Items = null, string? Reason = null, string? Answer = null,
    string? Rating = null, string? Note = null, string? Supplied = null);

/// <summary>Filters of the demand lists; <c>overdue</c> true lists those overdue now (service time, contact or fix).</summary>
public sealed record DemandFilter(string? State = null, string? Kind = null, bool? Overdue = null, bool? Escalated = null, int Page = 1, int PageSize = 20);

public sealed record DemandRow(string Code, string Kind, string KindName, string Title, string CreditCode, string EnterpriseName, string State, string StateName,
    string RoutedUnit, string UnitName, DateTime FiledAtUtc, DateTimeOffset DueAt, bool Paused, bool Overdue, bool Escalated);

public sealed record DemandPage(int Total, int Page, int PageSize, IReadOnlyList<DemandRow> Rows);

/// <summary>Where the service time stands now: the due (moved on by pauses), the clock, and whether it is late.</summary>
public sealed record DemandSlaView(DateTimeOffset DueAt, DateOnly DueDate, bool Provisional, string Clock, bool Overdue, bool AnsweredLate, decimal PausedDays);

/// <summary>The follow-up of a bad rating: contact and fix deadlines and whether either is late.</summary>
public sealed record DemandFollowUpView(DateTimeOffset ContactDueAt, DateTimeOffset FixDueAt, bool ContactOverdue, bool FixOverdue, bool ContactedLate, bool FixedLate);

public sealed record DemandMaterialView(IReadOnlyList<string> Items, string? Reason, DateTime RequestedAtUtc, DateTime? SuppliedAtUtc, string? Supplied);

public sealed record DemandEventView(DateTime AtUtc, string Actor, string Action, string FromState, string ToState, string? Note);

public sealed record DemandContactView(string? Name, string? Phone);

public sealed record DemandView(string Code, string Kind, string KindName, string Complexity, string Title, string Description, string CreditCode, string EnterpriseName,
    IReadOnlyList<string> CatalogueItems, string State, string StateName, string RoutedUnit, string UnitName, string FiledBy, bool FiledOnBehalf, DateTime FiledAtUtc,
    DateTime? AcceptedAtUtc, string? Answer, DateTime? AnsweredAtUtc, string? Rating, string? RatingName, DateTime? RatedAtUtc, string? ContactNote, DateTime? ContactedAtUtc,
    string? FixNote, DateTime? FixedAtUtc, DateTime? ClosedAtUtc, string? LastReason, bool Escalated, DemandSlaView Sla, DemandFollowUpView? FollowUp,
    DemandContactView? Contact, IReadOnlyList<DemandMaterialView> MaterialRequests, IReadOnlyList<string> AvailableActions, IReadOnlyList<DemandEventView> Timeline);

/// <summary>The outcome of a filing: the code people quote, the unit it went to and its due.</summary>
public sealed record DemandReceipt(string Code, string State, string RoutedUnit, DateTimeOffset DueAt);

/// <summary>A scan's count of demands newly put on the escalation list.</summary>
public sealed record DemandScanResult(int Escalated);
