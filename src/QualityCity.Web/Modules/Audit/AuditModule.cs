using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.Audit;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Audit.Checkpoints;
using QualityCity.Web.Modules.Audit.Contracts;
using QualityCity.Web.Modules.Audit.VerifyAuditLog;

namespace QualityCity.Web.Modules.Audit;

/// <summary>
/// The audit log: the keyed hash chain every save appends to, signed checkpoints of its head, and
/// the administrators' API to read, verify and export them (docs/audit.md).
/// </summary>
public sealed class AuditModule : IModule
{
    public static void AddServices(IServiceCollection services)
    {
        // Read once per process: every append uses the same key object, never a file read.
        services.AddSingleton(sp => AuditChainKeyRing.Load(sp.GetRequiredService<IConfiguration>(), sp.GetRequiredService<DatabaseSettings>()));
        services.AddSingleton<AuditLog>();
        services.AddSingleton<IAuditTrail>(sp => sp.GetRequiredService<AuditLog>());
        services.AddSingleton<AuditCheckpointKey>();
        services.AddSingleton<AuditCheckpointStore>();
        services.AddScoped<AuditVerifier>();
    }

    public static void MapEndpoints(IEndpointRouteBuilder app)
    {
        // Anyone keeping checkpoints needs the public key to check them, without an account.
        app.MapGet("/.well-known/qualitycity/audit-checkpoint-key.pem", (AuditCheckpointKey key) =>
            Results.Text(key.PublicKeyPem, "application/x-pem-file")).WithTags("Audit").AllowAnonymous().RequireRateLimiting(RateLimits.Public);

        var api = app.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(Policies.Admin);
        api.MapGet("/", async (long? before, int? take, string? actor, string? action, QualityCityDbContext db) =>
        {
            var query = db.AuditEntries.AsNoTracking();
            if (before is { } b) query = query.Where(e => e.Sequence < b);
            if (!string.IsNullOrWhiteSpace(actor)) query = query.Where(e => e.Actor == actor);
            if (!string.IsNullOrWhiteSpace(action)) query = query.Where(e => e.Action == action);
            return await query.OrderByDescending(e => e.Sequence).Take(Math.Clamp(take ?? 50, 1, 500)).ToListAsync();
        });
        api.MapGet("/verify", async (AuditVerifier verifier, CancellationToken ct) =>
        {
            try
            {
                var report = await verifier.VerifyAsync(cancellationToken: ct);
                return Results.Ok(new
                {
                    intact = report.IsIntact,
                    entriesChecked = report.EntriesChecked,
                    brokenAt = report.Break?.Sequence,
                    reason = report.Break?.Reason,
                    checkpointsVerified = report.CheckpointsVerified,
                    latestCheckpoint = report.LatestCheckpoint,
                    legacyEntries = report.LegacyEntries,
                });
            }
            catch (AuditCheckpointsUnreadableException ex)
            {
                // Not a located break, but not intact either: the checkpoints could not all be checked.
                return Results.Ok(new { intact = false, entriesChecked = 0L, brokenAt = (long?)null, reason = $"cannot read checkpoints: {ex.Message}" });
            }
        });
        api.MapGet("/checkpoints", async (QualityCityDbContext db, AuditCheckpointStore store, CancellationToken ct) =>
            (await store.ExportAsync(db, ct)).Select(CheckpointJson.Of));
        api.MapPost("/checkpoints", async (QualityCityDbContext db, AuditCheckpointStore store, CancellationToken ct) =>
            await store.WriteAsync(db, onlyWhenHeadMoved: false, ct) is { } written
                ? Results.Created("/api/audit/checkpoints", CheckpointJson.Of(written))
                : Results.Problem(title: "The audit log is empty: there is no head to sign.", statusCode: StatusCodes.Status409Conflict));
    }
}

/// <summary>A checkpoint as the API returns it: the same fields as a line of checkpoints.jsonl.</summary>
public sealed record CheckpointJson(long Sequence, string Head, string Time, string KeyId, string Signature)
{
    public static CheckpointJson Of(SignedAuditCheckpoint signedCheckpoint) => new(signedCheckpoint.Checkpoint.Sequence,
        signedCheckpoint.Checkpoint.HeadHash, signedCheckpoint.Checkpoint.TimeText, signedCheckpoint.Checkpoint.KeyId, signedCheckpoint.Signature);
}
