using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.Execution;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Inspections.RecordResults;
using QualityCity.Web.Modules.Inspections.VisitCodes;

namespace QualityCity.Web.Modules.Inspections.InspectorDesk;

/// <summary>
/// The visit's code as the officer shows it on arrival (EXE-1, 亮码检查): a large QR image and, under
/// it, the short code to type, and what the verification page will show — the enterprise, the
/// departments, the day and the officers with their credential numbers (already public on /v/{code}).
/// Only the officers of the visit open it.
/// </summary>
[Authorize(Roles = Roles.Inspector)]
public sealed class ShowVisitCodeModel(QualityCityDbContext db, InspectionWork work, VisitCodeKey key, PublicAddress address) : PageModel
{
    public Visit Visit { get; private set; } = null!;
    public string EnterpriseName { get; private set; } = string.Empty;
    public string ShortCode { get; private set; } = string.Empty;
    public string VerifyPath { get; private set; } = string.Empty;
    public string QrSvg { get; private set; } = string.Empty;

    /// <summary>Each department on the visit with its officers as [name, credential number], from the signed code.</summary>
    public IReadOnlyList<(string Department, IReadOnlyList<string[]> Officers)> Parts { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken)
    {
        var me = await work.InspectorIdAsync(User, cancellationToken);
        var visit = await db.Visits.AsNoTracking().IncludeParts().FirstOrDefaultAsync(v => v.Id == id, cancellationToken);
        if (visit is null || me is not { } own || !visit.Departments.Any(d => d.IsAssigned(own)))
        {
            return NotFound(); // not this officer's visit: nothing to show
        }

        Visit = visit;
        EnterpriseName = await db.MarketEntities.Where(e => e.CreditCode == visit.CreditCode).Select(e => e.Name).FirstOrDefaultAsync(cancellationToken) ?? visit.CreditCode;
        ShortCode = VisitCodeReference.For(visit.Id, visit.Code);
        VerifyPath = "/v/" + ShortCode;
        QrSvg = VisitQr.Svg(VisitQr.Address(address.BaseFor(Request), visit.Id, visit.Code), scalable: true);
        var check = key.Check(visit.Code);
        var payload = check.Payload is null ? null : JsonSerializer.Deserialize<VisitCodePayload>(check.Payload, VisitRegistrar.PayloadJson);
        var names = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Code, d => Localization.Text.IsEnglish ? d.NameEn : d.Name, cancellationToken);
        Parts = (payload?.Departments ?? []).Select(d => (names.GetValueOrDefault(d.Code, d.Code), d.Inspectors)).ToList();
        return Page();
    }

    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
