using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QRCoder;
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
        services.AddScoped<Kpis.KpiCalculator>();
        services.AddSingleton<Attachments.AttachmentStore>();
        services.AddScoped<Attachments.AttachmentWork>();
        services.AddScoped<Complaints.ComplaintWork>();
        services.AddScoped<Deadlines.DeadlineWatch>();
        OpenData.OpenDataEndpoints.TrackSources();
    }

    public static void MapEndpoints(IEndpointRouteBuilder app)
    {
        app.MapGet("/.well-known/qualitycity/visit-code-key.pem", (VisitCodeKey key) =>
            Results.Text(key.PublicKeyPem, "application/x-pem-file")).WithTags("Inspections").AllowAnonymous().RequireRateLimiting(RateLimits.Public);

        RecordResults.ResultEndpoints.Map(app);
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
                using var generator = new QRCodeGenerator();
                // The phone's camera opens the verification page: the image holds the absolute address.
                using var data = generator.CreateQrCode($"{address.BaseFor(http.Request)}/v/{visit.Code}", QRCodeGenerator.ECCLevel.L);
                return Results.Text(new SvgQRCode(data).GetGraphic(4), "image/svg+xml");
            }

            return Results.Ok(new
            {
                visit.VisitKey, visit.CreditCode, visit.Date, visit.ValidFrom, visit.ValidTo, visit.Status, visit.CancelReason, visit.Code,
                verifyUrl = $"/v/{visit.Code}",
                departments = visit.Departments.Select(d => new
                {
                    d.DepartmentId, items = d.ItemTexts(), inspectorIds = d.InspectorIds().Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                }),
            });
        }).RequireAuthorization(Policies.SignedIn);
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
