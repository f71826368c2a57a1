namespace QualityCity.Web.Modules.Inspections.Attachments;

/// <summary>
/// A file attached to an inspection: an officer's photo of an item (EXE-3), a document the
/// enterprise sends for a documentary item before the visit (EXE-2), or rectification evidence
/// (EXE-4). The bytes live in the data directory under their SHA-256 (ADR 0012); the row says whose
/// they are and who may read them.
/// </summary>
public sealed class Attachment
{
    public long Id { get; set; }

    /// <summary>photo / document / evidence / signature.</summary>
    public required string Purpose { get; set; }

    /// <summary>The visit a photo or a document belongs to.</summary>
    public long? VisitId { get; set; }

    /// <summary>The rectification task evidence belongs to.</summary>
    public long? TaskId { get; set; }

    public required string CreditCode { get; set; }

    /// <summary>The department whose part of the visit (or whose task) it belongs to: its staff may read it.</summary>
    public int DepartmentId { get; set; }

    public string? ItemCode { get; set; }

    /// <summary>The sender's file name, for display only.</summary>
    public required string FileName { get; set; }

    /// <summary>The type read from the file's bytes.</summary>
    public required string ContentType { get; set; }

    public long Size { get; set; }
    public required string Sha256 { get; set; }
    public required string UploadedBy { get; set; }
    public DateTime UploadedAtUtc { get; set; }
}

/// <summary>What an attachment is for.</summary>
public static class AttachmentPurposes
{
    public const string Photo = "photo";
    public const string Document = "document";
    public const string Evidence = "evidence";

    /// <summary>A signature drawn on the officer's phone (EXE-9).</summary>
    public const string Signature = "signature";
}

/// <summary>What an upload answers: the stored file's row and where to fetch it.</summary>
public sealed record AttachmentSaved(long Id, string Purpose, string? ItemCode, string FileName, string ContentType, long Size, string Sha256, string Url);
