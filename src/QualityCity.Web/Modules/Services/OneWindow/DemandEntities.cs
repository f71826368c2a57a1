using QualityCity.Web.Modules.Audit.Contracts;

namespace QualityCity.Web.Modules.Services.OneWindow;

/// <summary>
/// An enterprise's demand to the one window (SVC-1). The workflow's snapshot
/// (<see cref="Domain.Services.OneWindow.DemandSnapshot"/>) is stored field by field, so the inbox
/// filters and the figures count with plain columns; the requests for materials are rows of their own.
/// </summary>
public sealed class Demand
{
    public long Id { get; set; }

    /// <summary>The code people quote, e.g. D2026-000123: the year filed and a number in that year.</summary>
    public required string Code { get; set; }

    public int Year { get; set; }

    public int Number { get; set; }

    /// <summary>The enterprise's unified social credit code.</summary>
    public required string CreditCode { get; set; }

    /// <summary>The enterprise's name as registered (or as given when filed on its behalf).</summary>
    public required string EnterpriseName { get; set; }

    /// <summary>
    /// The enterprise's GB/T 2260 county when the demand was filed, as the registry held it (else the
    /// county of the authority that issued the credit code): the partition the demand lives in on
    /// PostgreSQL (ADR 0053).
    /// </summary>
    public required string CountyCode { get; set; }

    /// <summary>A <see cref="Domain.Services.OneWindow.DemandKinds"/> code.</summary>
    public required string Kind { get; set; }

    /// <summary>ordinary or complex.</summary>
    public required string Complexity { get; set; }

    public required string Title { get; set; }

    public required string Description { get; set; }

    /// <summary>The catalogue items asked about, as codes joined by ';' (empty when none).</summary>
    public string CatalogueItems { get; set; } = string.Empty;

    // The enterprise's contact person is for the unit handling the demand only: never the audit log or a log line.
    [NotInAuditLog]
    public string? ContactName { get; set; }

    [NotInAuditLog]
    public string? ContactPhone { get; set; }

    /// <summary>One of <see cref="DemandCodes"/>' state codes.</summary>
    public required string State { get; set; }

    /// <summary>The department code the demand was routed to by its kind.</summary>
    public required string RoutedUnit { get; set; }

    /// <summary>The account that filed it: the enterprise's own, or a staff member's on its behalf.</summary>
    public required string FiledBy { get; set; }

    /// <summary>True when staff filed it on the enterprise's behalf (at the counter, by phone).</summary>
    public bool FiledOnBehalf { get; set; }

    public DateTime FiledAtUtc { get; set; }
    public DateTime? AcceptedAtUtc { get; set; }
    public string? Answer { get; set; }
    public DateTime? AnsweredAtUtc { get; set; }

    /// <summary>A <see cref="Domain.Services.OneWindow.ServiceRatings"/> code.</summary>
    public string? Rating { get; set; }

    public DateTime? RatedAtUtc { get; set; }
    public string? ContactNote { get; set; }
    public DateTime? ContactedAtUtc { get; set; }
    public string? FixNote { get; set; }
    public DateTime? FixedAtUtc { get; set; }
    public DateTime? ClosedAtUtc { get; set; }
    public string? LastReason { get; set; }

    /// <summary>The end of the service time as of the last change (moved on by pauses); kept for sorting.</summary>
    public DateTime DueAtUtc { get; set; }

    /// <summary>Whether the due counts across a year whose holidays are not loaded yet.</summary>
    public bool DueProvisional { get; set; }

    /// <summary>After a bad rating: until when the enterprise must be contacted, and until when the matter must be put right.</summary>
    public DateTime? ContactDueAtUtc { get; set; }

    public DateTime? FixDueAtUtc { get; set; }

    /// <summary>What the scan already escalated (the flags of <see cref="Domain.Services.OneWindow.DemandOverdue"/>), so each is escalated once.</summary>
    public int EscalatedFlags { get; set; }

    /// <summary>On the coordinator's escalation list (督办) since the scan found something overdue.</summary>
    public bool Escalated { get; set; }

    public DateTime? EscalatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>One 一次性告知: the materials found missing, and what came in.</summary>
public sealed class DemandMaterialRequest
{
    public long Id { get; set; }
    public long DemandId { get; set; }

    /// <summary>The missing materials, one per line.</summary>
    public required string Items { get; set; }

    /// <summary>Why more is asked for after an earlier request; null for the first.</summary>
    public string? Reason { get; set; }

    public DateTime RequestedAtUtc { get; set; }
    public required string RequestedBy { get; set; }
    public DateTime? SuppliedAtUtc { get; set; }
    public string? SuppliedBy { get; set; }

    /// <summary>What the enterprise says it supplied (or staff noted as handed in at the counter).</summary>
    public string? SuppliedText { get; set; }

    public IReadOnlyList<string> ItemList => Items.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>A step on a demand's timeline.</summary>
public sealed class DemandEvent
{
    public long Id { get; set; }
    public long DemandId { get; set; }

    /// <summary>The demand's county: the partition the step lives in with its demand on PostgreSQL (ADR 0053).</summary>
    public required string CountyCode { get; set; }

    public DateTime AtUtc { get; set; }
    public required string Actor { get; set; }
    public required string Action { get; set; }
    public required string FromState { get; set; }
    public required string ToState { get; set; }
    public string? Note { get; set; }
}
