using Microsoft.AspNetCore.Identity;

namespace QualityCity.Web.Modules.Accounts;

/// <summary>A signed-in user: staff of a department, the coordinator, an administrator or an enterprise contact.</summary>
public sealed class AppUser : IdentityUser
{
    public string DisplayName { get; set; } = string.Empty;

    /// <summary>The department of a dept_head or inspector; null for other roles.</summary>
    public int? DepartmentId { get; set; }

    /// <summary>The one credit code an enterprise account is bound to; null for other roles.</summary>
    public string? CreditCode { get; set; }

    /// <summary>The inspector record of an inspector account.</summary>
    public int? InspectorId { get; set; }

    /// <summary>A disabled account cannot sign in, and its open sessions end at their next request.</summary>
    public bool IsDisabled { get; set; }

    public DateTime? CreatedAtUtc { get; set; }

    public DateTime? LastSignInAtUtc { get; set; }
}
