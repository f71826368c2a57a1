using QualityCity.Web.Modules.Audit.Contracts;

namespace QualityCity.Web.Modules.Inspections.OfflineSync;

/// <summary>
/// The platform's answer to one thing a phone sent (EXE-9): a result entry, a photo or a signature,
/// under the id the phone gave it. A retried upload finds its receipt and gets the same answer; nothing
/// is applied twice. The receipt keeps when the thing was made on the phone and when it arrived.
/// </summary>
public sealed class SyncReceipt
{
    public long Id { get; set; }

    /// <summary>The phone's id for the entry (a UUID): unique across the platform.</summary>
    public required string ClientId { get; set; }

    public long VisitId { get; set; }
    public int InspectorId { get; set; }

    /// <summary>result / photo / signature.</summary>
    public required string Kind { get; set; }

    public string? ItemCode { get; set; }

    /// <summary>applied / conflict / refused.</summary>
    public required string Status { get; set; }

    /// <summary>When it was made on the phone (the phone's clock, never later than its arrival).</summary>
    public DateTime EnteredAtUtc { get; set; }

    public DateTime ReceivedAtUtc { get; set; }

    /// <summary>The answer sent, as JSON: what a retry gets back.</summary>
    public required string Answer { get; set; }
}

/// <summary>What a receipt's kind is.</summary>
public static class SyncKinds
{
    public const string Result = "result";
    public const string Photo = "photo";
    public const string Signature = "signature";
}

/// <summary>
/// A signature drawn on the officer's phone (EXE-9): the officer's or the enterprise representative's,
/// for one department's part of a visit, stored as an image with the hash of the result set it signed
/// (Domain.Execution.SignedResults). When the stored results no longer hash to it, the report says
/// the results were changed after signing.
/// </summary>
public sealed class InspectionSignature
{
    public long Id { get; set; }
    public long VisitId { get; set; }
    public int DepartmentId { get; set; }

    /// <summary>officer / enterprise.</summary>
    public required string Role { get; set; }

    /// <summary>Who signed: the officer's name, or the name the representative gave. Personal data: shown to the visit's parties only.</summary>
    [NotInAuditLog]
    public required string SignerName { get; set; }

    /// <summary>The PNG of the signature, among the visit's attachments (purpose signature).</summary>
    public long AttachmentId { get; set; }

    /// <summary>SHA-256 of the result set as the phone showed it when this was signed.</summary>
    public required string ResultHash { get; set; }

    public DateTime SignedAtUtc { get; set; }
    public DateTime ReceivedAtUtc { get; set; }
    public required string UploadedBy { get; set; }
}

/// <summary>Who signs.</summary>
public static class SignatureRoles
{
    public const string Officer = "officer";
    public const string Enterprise = "enterprise";
}
