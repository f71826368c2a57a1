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
        services.AddSingleton(sp => new Lazy<AuditChainKeyRing>(sp.GetRequiredService<AuditChainKeyRing>));
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
            Results.Text(key.PublicKeyPem, "application/x-pem-file")).WithTags("Audit").AllowAnonymous().RequireRateLimiting(RateLimits.Public)
            .Produces(StatusCodes.Status200OK, contentType: "application/x-pem-file")
            .WithSummary("审计检查点公钥（PEM） — The audit checkpoints' public key (PEM)")
            .WithDescription("用于验证审计日志检查点签名的公钥。保存检查点的任何人无需账号即可用它核验。 — The public key that checks the signatures of the audit log's checkpoints; anyone keeping checkpoints checks them with it, without an account.");

        var api = app.MapGroup("/api/audit").WithTags("Audit").RequireAuthorization(Policies.Admin);
        api.MapGet("/", async (long? before, int? take, string? actor, string? action, QualityCityDbContext db) =>
        {
            var query = db.AuditEntries.AsNoTracking();
            if (before is { } b) query = query.Where(e => e.Sequence < b);
            if (!string.IsNullOrWhiteSpace(actor)) query = query.Where(e => e.Actor == actor);
            if (!string.IsNullOrWhiteSpace(action)) query = query.Where(e => e.Action == action);
            return await query.OrderByDescending(e => e.Sequence).Take(Math.Clamp(take ?? 50, 1, 500)).ToListAsync();
        }).WithSummary("审计日志 — The audit log")
            .WithDescription("最新的在前，每次最多 `take` 条（默认 50，最多 500）；用上一页最后一条的序号作为 `before` 翻页；可按操作人 `actor` 和操作 `action` 筛选。 — Newest first, `take` entries at a time (50 by default, at most 500); page on with `before` set to the last sequence number seen; filter by `actor` and `action`.");
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
        }).WithSummary("校验审计日志 — Verify the audit log")
            .WithDescription("重新计算哈希链并核对签名检查点：`intact` 为 true 表示未被篡改；否则 `brokenAt` 是第一条断裂的序号，`reason` 说明原因。 — Recomputes the hash chain and checks the signed checkpoints: `intact` true means untampered; otherwise `brokenAt` is the first broken sequence number and `reason` says why.");
        api.MapGet("/checkpoints", async (QualityCityDbContext db, AuditCheckpointStore store, CancellationToken ct) =>
            (await store.ExportAsync(db, ct)).Select(CheckpointJson.Of))
            .WithSummary("签名检查点 — The signed checkpoints")
            .WithDescription("每个检查点对审计日志当时的末条哈希签名，字段与 checkpoints.jsonl 的一行相同，可保存到平台之外用于日后核验。 — Each checkpoint signs the hash of the audit log's head at the time; the fields of a line of checkpoints.jsonl, to be kept outside the platform and checked later.");
        api.MapPost("/checkpoints", async (QualityCityDbContext db, AuditCheckpointStore store, CancellationToken ct) =>
            await store.WriteAsync(db, onlyWhenHeadMoved: false, ct) is { } written
                ? Results.Created("/api/audit/checkpoints", CheckpointJson.Of(written))
                : Results.Problem(title: "The audit log is empty: there is no head to sign.", statusCode: StatusCodes.Status409Conflict))
            .Produces<CheckpointJson>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("立即签一个检查点 — Sign a checkpoint now")
            .WithDescription("对审计日志当前末条签名并返回新检查点（平时按计划自动签）；日志为空时返回 409。 — Signs the audit log's current head and answers the new checkpoint (checkpoints are also signed on a schedule); 409 when the log is empty.");
    }
}

/// <summary>A checkpoint as the API returns it: the same fields as a line of checkpoints.jsonl.</summary>
public sealed record CheckpointJson(long Sequence, string Head, string Time, string KeyId, string Signature)
{
    public static CheckpointJson Of(SignedAuditCheckpoint signedCheckpoint) => new(signedCheckpoint.Checkpoint.Sequence,
        signedCheckpoint.Checkpoint.HeadHash, signedCheckpoint.Checkpoint.TimeText, signedCheckpoint.Checkpoint.KeyId, signedCheckpoint.Signature);
}
