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
            (await work.AttachPhotoAsync(id, item, file, user, ct)).ToHttp()).RequireAuthorization(Policies.Inspectors).WithBodyLimit(RequestLimits.UploadBytes);

        api.MapPost("/visits/{id:long}/documents", async (long id, [FromForm] string? item, IFormFile? file, ClaimsPrincipal user, AttachmentWork work, CancellationToken ct) =>
            (await work.AttachDocumentAsync(id, item, file, user, ct)).ToHttp()).RequireAuthorization(Policies.Enterprises).WithBodyLimit(RequestLimits.UploadBytes);

        api.MapPost("/rectifications/{id:long}/files", async (long id, IFormFile? file, ClaimsPrincipal user, AttachmentWork work, CancellationToken ct) =>
            (await work.AttachEvidenceAsync(id, file, user, ct)).ToHttp()).RequireAuthorization(Policies.Enterprises).WithBodyLimit(RequestLimits.UploadBytes);

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
        }).RequireAuthorization(Policies.SignedIn);

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
        }).RequireAuthorization(Policies.SignedIn);
    }
}
