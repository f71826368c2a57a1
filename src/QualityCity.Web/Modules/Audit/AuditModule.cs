using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Accounts;

namespace QualityCity.Web.Modules.Audit;

/// <summary>The audit log's API for administrators: read and verify the chain.</summary>
public sealed class AuditModule : IModule
{
    public static void AddServices(IServiceCollection services) => services.AddSingleton<AuditLog>();

    public static void MapEndpoints(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(Policies.Admin);
        api.MapGet("/", async (long? before, int? take, string? actor, string? action, QualityCityDbContext db) =>
        {
            var query = db.AuditEntries.AsNoTracking();
            if (before is { } b) query = query.Where(e => e.Sequence < b);
            if (!string.IsNullOrWhiteSpace(actor)) query = query.Where(e => e.Actor == actor);
            if (!string.IsNullOrWhiteSpace(action)) query = query.Where(e => e.Action == action);
            return await query.OrderByDescending(e => e.Sequence).Take(Math.Clamp(take ?? 50, 1, 500)).ToListAsync();
        });
        api.MapGet("/verify", async (QualityCityDbContext db) =>
        {
            var result = await AuditLog.VerifyAsync(db);
            return new { intact = result.IsIntact, entriesChecked = result.EntriesChecked, brokenAt = result.Break?.Sequence, reason = result.Break?.Reason };
        });
    }
}
