using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Inspections.VisitCodes;
using QualityCity.Web.Modules.ReferenceData.Contracts;

namespace QualityCity.Web.Modules.Inspections;

/// <summary>
/// Inspections on the ground (SPEC §3): registered visits with signed visit codes (EXE-1), and the
/// inspection history the planner reads.
/// </summary>
public sealed class InspectionsModule : IModule
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddOptions<InspectionOptions>().BindConfiguration(InspectionOptions.Section);
        services.AddScoped<ReferenceData.Contracts.IReferenceDataSet, Penalties.PenaltyListData>();
        services.AddSingleton<VisitCodeKey>();
        services.AddScoped<VisitRegistrar>();
        services.AddScoped<Planning.Contracts.IPlanPublishedHandler>(sp => sp.GetRequiredService<VisitRegistrar>());
        services.AddScoped<Planning.Contracts.IInspectionHistory, InspectionHistory>();
        services.AddScoped<RecordResults.InspectionWork>();
        services.AddScoped<RecordResults.ResultDrafts>();
        services.AddScoped<OfflineSync.OfflineSync>();
        services.AddScoped<Kpis.KpiCalculator>();
        services.AddSingleton<Attachments.AttachmentStore>();
        services.AddScoped<Attachments.AttachmentWork>();
        services.AddScoped<Complaints.ComplaintWork>();
        services.AddScoped<Deadlines.DeadlineWatch>();
        services.AddScoped<Contracts.IInspectionDesks, HomeDesks.InspectionDesks>();
        services.AddScoped<Registry.Contracts.IEntityInspectionRecords, EntityRecords.EntityInspectionRecordsQuery>();
        services.AddScoped<Planning.Contracts.IInspectionCalibration, Calibration.CalibrationFigures>();
        OpenData.OpenDataEndpoints.TrackSources();
        Calibration.CalibrationFigures.TrackSources();
    }

    public static void MapEndpoints(IEndpointRouteBuilder app)
    {
        app.MapGet("/.well-known/qualitycity/visit-code-key.pem", (VisitCodeKey key) =>
            Results.Text(key.PublicKeyPem, "application/x-pem-file")).WithTags("Inspections").AllowAnonymous().RequireRateLimiting(RateLimits.Public)
            .Produces(StatusCodes.Status200OK, contentType: "application/x-pem-file")
            .WithSummary("检查码公钥（PEM） — The visit codes' public key (PEM)")
            .WithDescription("检查码由平台签名；企业和群众可用此公钥离线核验执法人员出示的检查码。 — Visit codes are signed by the platform; enterprises and citizens check a code an officer shows with this key, offline.");

        RecordResults.ResultEndpoints.Map(app);
        OfflineSync.SyncEndpoints.Map(app);
        OpenData.OpenDataEndpoints.Map(app);
        Penalties.PenaltyEndpoints.Map(app);
        Attachments.AttachmentEndpoints.Map(app);
        Complaints.ComplaintEndpoints.Map(app);
        var api = app.MapGroup("/api/visits").WithTags("Inspections");

        // The current code of a visit: for its officers, their departments' heads, the coordinator,
        // and the enterprise itself (it may check what it is shown).
        api.MapGet("/{**visitKey}", async (string visitKey, ClaimsPrincipal user, QualityCityDbContext db, HttpContext http, PublicAddress address,
            IOptions<InspectionOptions> options, IAccountDirectory accounts, CancellationToken ct) =>
        {
            var qr = visitKey.EndsWith("/qr.svg", StringComparison.Ordinal);
            var key = qr ? visitKey[..^"/qr.svg".Length] : visitKey;
            var visit = await db.Visits.AsNoTracking().IncludeParts().Where(v => v.VisitKey == key)
                .OrderByDescending(v => v.Status == VisitStatus.Registered).ThenByDescending(v => v.Id).FirstOrDefaultAsync(ct);
            if (visit is null || !await MaySeeAsync(user, visit, db, accounts, options.Value, ct))
            {
                return Results.NotFound();
            }

            if (qr)
            {
                // The phone's camera opens the verification page: the image holds the absolute address, with the code's short form.
                return Results.Text(VisitCodes.VisitQr.Svg(VisitCodes.VisitQr.Address(address.BaseFor(http.Request), visit.Id, visit.Code)), "image/svg+xml");
            }

            return Results.Ok(new
            {
                visit.VisitKey, visit.CreditCode, visit.Date, visit.ValidFrom, visit.ValidTo, visit.Status, visit.CancelReason, visit.Code,
                verifyUrl = $"/v/{visit.Code}",
                shortCode = QualityCity.Domain.Execution.VisitCodeReference.For(visit.Id, visit.Code),
                departments = visit.Departments.Select(d => new
                {
                    d.DepartmentId, items = d.ItemTexts(), inspectorIds = d.InspectorIds().Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                }),
            });
        }).RequireAuthorization(Policies.SignedIn).Produces(StatusCodes.Status404NotFound)
            .WithSummary("一次检查的检查码 — A visit's code")
            .WithDescription("按检查编号 `visitKey` 返回当前检查码、有效期、状态、核验地址和各部门的检查事项与执法人员；`shortCode` 是检查码的短码（二维码中的核验地址使用它，也可手工输入）；路径以 /qr.svg 结尾时返回核验地址的二维码（SVG）。执法人员本人、其部门负责人、统筹部门和被检查企业可见，其他人返回 404。 — The visit's current code, validity, status, verification address and each department's items and officers, by `visitKey`; `shortCode` is the code's short form (the QR image's verification address uses it; it can also be typed); a path ending in /qr.svg answers the verification address as a QR code (SVG). For its officers, their department heads, the coordinator and the enterprise itself; 404 to anyone else.");
    }

    /// <summary>
    /// Who may read a visit before it happens: announcing it to others would defeat an unannounced
    /// inspection. The enterprise itself sees its visit only from the notice period on (the
    /// working days before the first day the visit may take place, EXE-2), as its page shows it;
    /// before that, its date and officers are as unknown to it as the visit is to everyone else.
    /// </summary>
    public static async Task<bool> MaySeeAsync(ClaimsPrincipal user, Visit visit, QualityCityDbContext db, IAccountDirectory accounts, InspectionOptions options,
        CancellationToken cancellationToken)
    {
        if (user.SeesAllDepartments())
        {
            return true;
        }

        if (user.IsInRole(Roles.Enterprise))
        {
            if (user.CreditCode() != visit.CreditCode)
            {
                return false;
            }

            var calendar = await WorkingCalendar.LoadAsync(db, cancellationToken);
            var firstDay = visit.ValidFrom < visit.Date ? visit.ValidFrom : visit.Date;
            return firstDay <= calendar.AddWorkingDays(db.Clock.Today, options.NoticeWorkingDays).Date;
        }

        if (user.IsInRole(Roles.DeptHead))
        {
            return visit.Departments.Any(d => d.DepartmentId == user.DepartmentId());
        }

        if (user.IsInRole(Roles.Inspector))
        {
            var own = await accounts.OfficerIdAsync(user.ActorName(), cancellationToken);
            return own is { } id && visit.Departments.Any(d => d.IsAssigned(id));
        }

        return false;
    }
}
