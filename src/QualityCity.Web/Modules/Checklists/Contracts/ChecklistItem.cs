namespace QualityCity.Web.Modules.Checklists.Contracts;

/// <summary>
/// One version of an inspection item on a department's published list (抽查事项清单, INS-1).
/// "No inspection outside the list": a plan, a visit or a result may only use published items, and
/// a published result keeps the (code, version) it used, so editing a published item makes a new
/// draft version instead of changing the old one.
/// </summary>
public sealed class ChecklistItem
{
    public int Id { get; set; }
    public int DepartmentId { get; set; }

    /// <summary>Stable code across versions, e.g. "SAMR-001".</summary>
    public required string Code { get; set; }

    public int Version { get; set; } = 1;

    /// <summary>draft / published / retired (see <see cref="ChecklistStatus"/>).</summary>
    public required string Status { get; set; }

    public required string Name { get; set; }

    /// <summary>Who is inspected (企业、个体工商户 …).</summary>
    public string InspectedObjects { get; set; } = string.Empty;

    /// <summary>What is checked.</summary>
    public string Content { get; set; } = string.Empty;

    /// <summary>How: 现场检查, 查阅资料, 书面检查, 网络检查 (free text as published).</summary>
    public string Method { get; set; } = string.Empty;

    /// <summary>Law and article.</summary>
    public string LegalBasis { get; set; } = string.Empty;

    /// <summary>
    /// At most this many routine inspections of one enterprise per year for this item; the planner
    /// flags a plan over it (INS-8). Four by default: the red cadence (one a quarter) is the most the
    /// rules ask for, so a lower cap flags every red enterprise.
    /// </summary>
    public int FrequencyCapPerYear { get; set; } = 4;

    /// <summary>The qualification an officer needs for this item (INS-2), e.g. "食品安全"; empty when any officer of the department may inspect it.</summary>
    public string Category { get; set; } = string.Empty;

    /// <summary>Where the item was published, when it came from a public page.</summary>
    public string? SourceUrl { get; set; }

    public DateTime? PublishedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>Lifecycle of a checklist item version.</summary>
public static class ChecklistStatus
{
    public const string Draft = "draft";
    public const string Published = "published";
    public const string Retired = "retired";
}

/// <summary>How an item is inspected, read from its published method (检查方式).</summary>
public static class ItemMethods
{
    /// <summary>
    /// Items checked on papers (查阅资料, 书面检查, 内业资料) can be answered by sending the documents
    /// before the visit (EXE-2); an item that also needs an on-site check (现场检查) still gets one.
    /// </summary>
    public static bool IsDocumentary(string? method) =>
        !string.IsNullOrWhiteSpace(method) && (method.Contains("资料", StringComparison.Ordinal) || method.Contains("书面", StringComparison.Ordinal));
}
