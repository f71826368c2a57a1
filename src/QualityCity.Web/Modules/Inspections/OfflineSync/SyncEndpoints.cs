using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.Inspections.OfflineSync;

/// <summary>
/// The officer's phone and the platform (EXE-9): what the phone needs to know of a visit part, and the
/// three uploads of its offline queue. Only the officers assigned to the visit; the sign-in cookie and
/// the anti-forgery token as for every change.
/// </summary>
public static class SyncEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/sync/visits").WithTags("Inspections").RequireAuthorization(Policies.Inspectors);

        api.MapGet("/{visitId:long}", async (long visitId, ClaimsPrincipal user, QualityCityDbContext db, OfflineSync sync, CancellationToken ct) =>
        {
            var (visit, part, _) = await sync.PartAsync(visitId, user, ct);
            if (visit is null || part is null)
            {
                return Results.NotFound();
            }

            var inspection = await db.Inspections.AsNoTracking().Include(i => i.Results)
                .FirstOrDefaultAsync(i => i.VisitKey == visit.VisitKey && i.DepartmentId == part.DepartmentId, ct);
            var signatures = await db.InspectionSignatures.AsNoTracking().Where(s => s.VisitId == visitId && s.DepartmentId == part.DepartmentId)
                .OrderBy(s => s.Id).ToListAsync(ct);
            var hash = inspection is null ? null : OfflineSync.HashOf(inspection);
            return Results.Ok(new
            {
                visitId = visit.Id, visit.VisitKey, date = inspection?.Date, published = inspection?.PublishedAtUtc is not null, resultHash = hash,
                results = (inspection?.Results ?? []).OrderBy(r => r.ItemCode, StringComparer.Ordinal)
                    .Select(r => new { item = r.ItemCode, r.Outcome, r.Notes, r.Version, r.RecordedBy, r.RecordedAtUtc, r.EnteredAtUtc }),
                signatures = signatures.Select(s => new { s.Role, s.SignerName, s.SignedAtUtc, url = $"/api/attachments/{s.AttachmentId}", matches = s.ResultHash == hash }),
            });
        }).Produces(StatusCodes.Status404NotFound)
            .WithSummary("手机离线同步：检查的当前记录 — A visit part as the phone syncs it")
            .WithDescription("派往该次检查的执法人员：本部门各事项的结果及其版本、结果集摘要（SHA-256）和已收到的签名。 — For an officer of the visit: the department's results with their versions, the result set's SHA-256 and the signatures received.");

        api.MapPost("/{visitId:long}/entries", async (long visitId, SyncRequest request, ClaimsPrincipal user, OfflineSync sync, CancellationToken ct) =>
            (await sync.SyncAsync(visitId, request, user, ct)).ToHttp()).ProducesValidationProblem()
            .WithSummary("手机离线同步：检查结果 — Send results kept offline")
            .WithDescription("""
                手机离线时录入的结果。每条带手机生成的编号 `id`、手机上看到的版本 `baseVersion`（没有时为 0）和录入时间 `enteredAt`；重发同一编号不会重复记录，回答与第一次相同。事项在平台上已被同事改为别的内容时不覆盖，回答 `conflict` 并附平台上的内容。补录期限按录入时间计算。 — Results entered while offline. Each carries an `id` the phone made, the `baseVersion` it saw (0 for none) and `enteredAt`; sending the same id again records nothing twice and gets the same answer. An item a colleague changed meanwhile to something else is not overwritten: the answer is `conflict`, with what the platform holds. The late entry rule counts from `enteredAt`.
                """);

        api.MapPost("/{visitId:long}/photos", async (long visitId, [FromForm(Name = "id")] string? clientId, [FromForm] string? item, [FromForm] DateTime? takenAt, IFormFile? file,
            ClaimsPrincipal user, OfflineSync sync, CancellationToken ct) =>
            (await sync.PhotoAsync(visitId, clientId, item, takenAt, file, user, ct)).ToHttp()).WithBodyLimit(RequestLimits.UploadBytes).ProducesValidationProblem()
            .WithSummary("手机离线同步：现场照片 — Send a photo kept offline")
            .WithDescription("multipart/form-data：`id`（手机生成）、`item`、`takenAt` 和 `file`（JPEG、PNG 或 WebP）。重发同一编号只保存一次。 — multipart/form-data: `id` (made by the phone), `item`, `takenAt` and `file` (JPEG, PNG or WebP). The same id sent again is stored once.");

        api.MapPost("/{visitId:long}/signatures", async (long visitId, [FromForm(Name = "id")] string? clientId, [FromForm] string? role, [FromForm] string? name,
            [FromForm] string? resultHash, [FromForm] DateTime? signedAt, IFormFile? file, ClaimsPrincipal user, OfflineSync sync, CancellationToken ct) =>
            (await sync.SignatureAsync(visitId, clientId, role, name, resultHash, signedAt, file, user, ct)).ToHttp()).WithBodyLimit(RequestLimits.UploadBytes)
            .ProducesValidationProblem()
            .WithSummary("手机离线同步：签名 — Send a signature kept offline")
            .WithDescription("multipart/form-data：`id`、`role`（officer 或 enterprise）、企业代表的 `name`、签名时结果集的 `resultHash`、`signedAt` 和签名图片 `file`（PNG）。回答 `matches` 表示平台上的结果是否仍是签名时的结果。 — multipart/form-data: `id`, `role` (officer or enterprise), the representative's `name`, the `resultHash` of the result set signed, `signedAt` and the signature `file` (PNG). `matches` in the answer says whether the stored results are still those signed.");
    }
}
