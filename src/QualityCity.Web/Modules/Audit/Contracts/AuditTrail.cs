using System.Text.Encodings.Web;
using System.Text.Json;
using QualityCity.Web.Data;

namespace QualityCity.Web.Modules.Audit.Contracts;

/// <summary>A change waiting to be written to the audit log.</summary>
public sealed record AuditDraft(string Action, string Subject, string Before, string After);

/// <summary>
/// Entries other modules add to the audit log beyond the entity changes every save records by
/// itself: sign-ins, bulk imports, reference data loads.
/// </summary>
public interface IAuditTrail
{
    /// <summary>Appends the entries, inside the caller's transaction when there is one, otherwise in its own.</summary>
    Task AppendAsync(QualityCityDbContext db, string actor, IEnumerable<AuditDraft> drafts, CancellationToken cancellationToken = default);
}

/// <summary>How the log writes JSON (readable Chinese, no escaping of it); for text that goes into entries.</summary>
public static class AuditJson
{
    public static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}

/// <summary>
/// Marks a property whose value is never copied into the audit log: personal data the log must not
/// spread (a citizen's contact) or bulky bytes (a photo). The entry still records the change of
/// the row, without the value.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class NotInAuditLogAttribute : Attribute;
