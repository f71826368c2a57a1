using System.Security.Claims;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.Inspections.Attachments;

/// <summary>
/// Uploads as multipart forms (a field <c>file</c>, and <c>item</c> for photos and documents) and
/// downloads for those who may read them. The API is for the officers' and enterprises' apps; it
/// takes the sign-in cookie like the pages, so an upload carries the anti-forgery token (the
/// X-CSRF-TOKEN header or the form field) like every other change.
/// </summary>
public static class AttachmentEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Inspections");

        api.MapPost("/visits/{id:long}/photos", async (long id, [FromForm] string? item, IFormFile? file, ClaimsPrincipal user, AttachmentWork work, CancellationToken ct) =>
            (await work.AttachPhotoAsync(id, item, file, user, ct)).ToHttp()).RequireAuthorization(Policies.Inspectors).WithBodyLimit(RequestLimits.UploadBytes)
            .ProducesValidationProblem()
            .WithSummary("上传现场照片 — Upload a photo of the visit")
            .WithDescription("派往该次检查的执法人员以 multipart/form-data 上传照片 `file`（JPEG、PNG 或 WebP，按文件内容识别类型）并注明事项 `item`。 — An officer assigned to the visit uploads a photo `file` (JPEG, PNG or WebP, recognised from its bytes) for an `item`, as multipart/form-data.");

        api.MapPost("/visits/{id:long}/documents", async (long id, [FromForm] string? item, IFormFile? file, ClaimsPrincipal user, AttachmentWork work, CancellationToken ct) =>
            (await work.AttachDocumentAsync(id, item, file, user, ct)).ToHttp()).RequireAuthorization(Policies.Enterprises).WithBodyLimit(RequestLimits.UploadBytes)
            .ProducesValidationProblem()
            .WithSummary("企业上传检查材料 — The enterprise uploads a document for its visit")
            .WithDescription("被检查企业为本企业的检查上传材料 `file`（PDF 或图片）并注明事项 `item`，multipart/form-data。 — The inspected enterprise uploads a document `file` (PDF or image) for an `item` of its own visit, as multipart/form-data.");

        api.MapPost("/rectifications/{id:long}/files", async (long id, IFormFile? file, ClaimsPrincipal user, AttachmentWork work, CancellationToken ct) =>
            (await work.AttachEvidenceAsync(id, file, user, ct)).ToHttp()).RequireAuthorization(Policies.Enterprises).WithBodyLimit(RequestLimits.UploadBytes)
            .ProducesValidationProblem()
            .WithSummary("上传整改证明文件 — Upload rectification evidence")
            .WithDescription("企业为本企业的整改任务上传证明文件 `file`（照片或 PDF），multipart/form-data。 — The enterprise uploads an evidence `file` (photo or PDF) for its own rectification task, as multipart/form-data.");

        // The files of a visit the user may see, without their bytes.
        api.MapGet("/visits/{id:long}/attachments", async (long id, ClaimsPrincipal user, QualityCityDbContext db,
            Microsoft.Extensions.Options.IOptions<InspectionOptions> options, IAccountDirectory accounts, CancellationToken ct) =>
        {
            var visit = await db.Visits.AsNoTracking().IncludeParts().FirstOrDefaultAsync(v => v.Id == id, ct);
            if (visit is null || !await InspectionsModule.MaySeeAsync(user, visit, db, accounts, options.Value, ct))
            {
                return Results.NotFound();
            }

            var rows = await db.Attachments.AsNoTracking().Where(a => a.VisitId == id).OrderBy(a => a.Id).ToListAsync(ct);
            return Results.Ok(rows.Where(r => AttachmentWork.MayRead(user, r)).Select(r => new
            {
                r.Id, r.Purpose, r.ItemCode, r.FileName, r.ContentType, r.Size, r.Sha256, r.UploadedAtUtc, url = $"/api/attachments/{r.Id}",
            }));
        }).RequireAuthorization(Policies.SignedIn).Produces(StatusCodes.Status404NotFound)
            .WithSummary("一次检查的附件列表 — A visit's attachments")
            .WithDescription("当前账号可见的附件（用途、事项、文件名、类型、大小、SHA-256 和下载地址），不含文件内容。 — The attachments the account may see (purpose, item, file name, type, size, SHA-256 and download address), without their bytes.");

        api.MapGet("/attachments/{id:long}", async (long id, ClaimsPrincipal user, AttachmentWork work, HttpContext http, CancellationToken ct) =>
        {
            if (await work.OpenAsync(id, user, ct) is not { } found)
            {
                return Results.NotFound();
            }

            // The type was read from the bytes at upload; the browser must not guess another.
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'";
            return Results.File(found.Content, found.Row.ContentType, found.Row.FileName, enableRangeProcessing: true,
                entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{found.Row.Sha256}\""));
        }).RequireAuthorization(Policies.SignedIn).Produces(StatusCodes.Status200OK, contentType: "application/octet-stream").Produces(StatusCodes.Status404NotFound)
            .WithSummary("下载附件 — Download an attachment")
            .WithDescription("文件内容，类型为上传时按内容识别的类型；ETag 为 SHA-256，支持分段下载。无权查看时返回 404。 — The file, with the type recognised from its bytes at upload; the ETag is its SHA-256, ranges are supported. 404 for an account that may not read it.");
    }
}
