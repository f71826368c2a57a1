namespace QualityCity.Web.Modules.Organisation.Contracts;

/// <summary>A department that inspects enterprises (市场监管局, 应急管理局 …) or coordinates (司法局).</summary>
public sealed class Department
{
    public int Id { get; set; }

    /// <summary>Short stable slug, e.g. "samr".</summary>
    public required string Code { get; set; }

    public required string Name { get; set; }
    public required string NameEn { get; set; }

    /// <summary>The justice bureau supervises enforcement and coordinates the plans.</summary>
    public bool IsCoordinator { get; set; }
}

/// <summary>A law-enforcement officer in the inspector registry (执法检查人员名录库, INS-2).</summary>
/// <remarks>
/// Capacity, conflict declarations and qualifications are the department's internal data: only the
/// department itself, the coordinator and the administrator may read them.
/// </remarks>
public sealed class Inspector
{
    public int Id { get; set; }
    public int DepartmentId { get; set; }
    public Department? Department { get; set; }
    public required string Name { get; set; }

    /// <summary>执法证号, unique.</summary>
    public required string CredentialNumber { get; set; }

    /// <summary>Comma-separated item categories the officer is qualified for.</summary>
    public string Qualifications { get; set; } = string.Empty;

    public bool Active { get; set; } = true;

    /// <summary>Visits the officer can take per month.</summary>
    public int MonthlyCapacity { get; set; } = 20;

    /// <summary>Comma-separated credit codes the officer declared a conflict of interest with.</summary>
    public string ConflictCreditCodes { get; set; } = string.Empty;

    public string? HomeCountyCode { get; set; }
}

/// <summary>One line of a department's remit: which enterprises it routinely supervises (its plan pool).</summary>
public sealed class DepartmentRemit
{
    public int Id { get; set; }
    public int DepartmentId { get; set; }

    /// <summary>all / section / division / class (GB/T 4754).</summary>
    public required string Scope { get; set; }

    public string Value { get; set; } = string.Empty;

    /// <summary>Registration categories covered (comma-separated <c>EntityCategory</c> names, e.g. "Enterprise"); empty covers every category.</summary>
    public string Kinds { get; set; } = string.Empty;

    public string Note { get; set; } = string.Empty;
}
