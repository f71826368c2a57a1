namespace QualityCity.Web.Modules.Services.Standards;

/// <summary>
/// One standard of the library (SVC-3), as imported. The database is the source of truth; the search
/// index is built from these rows and can be rebuilt from them at any time (ADR 0037). The status is
/// kept as the catalogue recorded it and worked out on the day it is read
/// (<see cref="Domain.Services.Standards.StandardStatusRules"/>).
/// </summary>
public sealed class Standard
{
    public long Id { get; set; }

    /// <summary>The number as catalogues print it (<c>GB/T 5023.3-2008</c>).</summary>
    public required string Number { get; set; }

    /// <summary>The number's comparison key (<c>GBT5023.3-2008</c>): unique, and what replaces / replaced-by point at.</summary>
    public required string NumberKey { get; set; }

    /// <summary>national, industry, local or group, from the prefix.</summary>
    public required string Type { get; set; }

    public required string TitleZh { get; set; }
    public string? TitleEn { get; set; }

    /// <summary>The status as the file gave it (现行, 即将实施, 废止) or null.</summary>
    public string? RecordedStatus { get; set; }

    public DateOnly? PublishDate { get; set; }
    public DateOnly? ImplementDate { get; set; }
    public DateOnly? AbolishDate { get; set; }
    public string? Ccs { get; set; }

    /// <summary>One or more ICS codes separated by <c>;</c>.</summary>
    public string? Ics { get; set; }

    /// <summary>The numbers this record says it replaces, as written in its file (separated by <c>;</c>).</summary>
    public string? Replaces { get; set; }

    /// <summary>The numbers this record says replace it, as written in its file (separated by <c>;</c>).</summary>
    public string? ReplacedBy { get; set; }

    public string? Body { get; set; }
    public string? Committee { get; set; }

    /// <summary>The city's standards cluster it is tagged with.</summary>
    public string? Cluster { get; set; }

    /// <summary>Made up for the demonstration city; shown as such.</summary>
    public bool IsSynthetic { get; set; }

    /// <summary>
    /// Raised on every insert or change to one above every value before it: the index catches up by
    /// reading the rows above the last value it holds (<see cref="StandardsIndex"/>).
    /// </summary>
    public long ChangeSeq { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>
/// One "old is replaced by new" link, as one record asserted it: navigation goes both ways from either
/// end, and a link asserted by both ends is one link. Rows are replaced whenever their asserting record
/// changes, so a corrected file corrects the chain.
/// </summary>
public sealed class StandardSupersession
{
    public long Id { get; set; }

    /// <summary>The record whose file row asserted the link.</summary>
    public long StandardId { get; set; }

    /// <summary>The replaced edition's number key.</summary>
    public required string OldKey { get; set; }

    /// <summary>The replacing edition's number key.</summary>
    public required string NewKey { get; set; }

    /// <summary>The replaced edition's number as written (for display when it is not in the library).</summary>
    public required string OldNumber { get; set; }

    /// <summary>The replacing edition's number as written.</summary>
    public required string NewNumber { get; set; }
}
