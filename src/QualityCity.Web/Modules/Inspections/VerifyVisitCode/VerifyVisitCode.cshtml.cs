using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.Execution;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Checklists.Contracts;
using QualityCity.Web.Modules.Inspections.VisitCodes;

namespace QualityCity.Web.Modules.Inspections.VerifyVisitCode;

/// <summary>What the person who scanned a code should do.</summary>
public enum CodeVerdict
{
    /// <summary>Registered and valid today: the visit may go ahead on the items listed.</summary>
    Valid,
    Malformed,
    Forged,
    NotRegistered,
    Cancelled,
    Replaced,
    NotYetValid,
    Expired,
}

/// <summary>
/// The page a scanned visit code opens (EXE-1, 扫码入企): public, on a phone. It says plainly whether
/// the visit is registered and valid today and what may be inspected, with the legal basis of each
/// item; any other code gets a clear warning and where to complain.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Public)]
public sealed class VerifyVisitCodeModel(QualityCityDbContext db, VisitCodeKey key, PlatformClock clock) : PageModel
{
    public CodeVerdict Verdict { get; private set; }
    public string? Reason { get; private set; }
    public VisitCodePayload? Payload { get; private set; }
    public Visit? Visit { get; private set; }
    /// <summary>The items on the code, by "CODE:version", as published.</summary>
    public IReadOnlyDictionary<string, Checklists.Contracts.ChecklistItem> Items { get; private set; } = new Dictionary<string, Checklists.Contracts.ChecklistItem>();

    public IReadOnlyDictionary<string, string> DepartmentNames { get; private set; } = new Dictionary<string, string>();
    public string? EnterpriseName { get; private set; }

    /// <summary>The short form of the code (the one its QR image carries), once the code is found.</summary>
    public string? ShortCode { get; private set; }

    /// <summary>The signed code that was verified (typed or scanned in full, or found by its short form).</summary>
    public string? SignedCode { get; private set; }

    /// <summary>When the code was issued, China time.</summary>
    public DateTime? IssuedAtChina { get; private set; }

    public async Task OnGetAsync(string code, CancellationToken cancellationToken)
    {
        // The short form (QR images, typed by hand): the visit's number and a tag of its signed code,
        // which is then verified like a code scanned in full. A signed code always holds a '.'.
        if (!code.Contains('.', StringComparison.Ordinal) && VisitCodeReference.TryParse(code, out var visitId, out var tag))
        {
            var stored = await db.Visits.AsNoTracking().Where(v => v.Id == visitId).Select(v => v.Code).FirstOrDefaultAsync(cancellationToken);
            if (stored is null || !VisitCodeReference.Matches(stored, tag))
            {
                Verdict = CodeVerdict.NotRegistered;
                return;
            }

            code = stored;
        }

        var check = key.Check(code);
        if (check.Status != VisitCodeStatus.Authentic)
        {
            Verdict = check.Status == VisitCodeStatus.Forged ? CodeVerdict.Forged : CodeVerdict.Malformed;
            Reason = check.Reason;
            return;
        }

        Payload = JsonSerializer.Deserialize<VisitCodePayload>(check.Payload, VisitRegistrar.PayloadJson);
        // A re-drawn year reuses visit keys: the scanned code picks its own visit.
        var scanned = code.Trim();
        SignedCode = scanned;
        IssuedAtChina = Payload is not null && DateTime.TryParse(Payload.IssuedAt, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var issued) ? ChinaTime.FromUtc(issued) : null;
        Visit = Payload is null ? null : await db.Visits.AsNoTracking().Where(v => v.VisitKey == Payload.VisitKey)
            .OrderByDescending(v => v.Code == scanned).ThenByDescending(v => v.Id).FirstOrDefaultAsync(cancellationToken);
        EnterpriseName = Payload is null ? null : await db.MarketEntities.Where(e => e.CreditCode == Payload.Enterprise).Select(e => e.Name).FirstOrDefaultAsync(cancellationToken);
        var today = clock.Today;
        Verdict = Visit switch
        {
            null => CodeVerdict.NotRegistered,
            { Status: VisitStatus.Cancelled } => CodeVerdict.Cancelled,
            _ when Visit.Code != scanned => CodeVerdict.Replaced,
            _ when today < Visit.ValidFrom => CodeVerdict.NotYetValid,
            _ when today > Visit.ValidTo => CodeVerdict.Expired,
            _ => CodeVerdict.Valid,
        };
        Reason = Visit?.CancelReason;
        ShortCode = Visit is null || Visit.Code != scanned ? null : VisitCodeReference.For(Visit.Id, Visit.Code);
        var wanted = Payload!.Departments.SelectMany(d => d.Items).ToHashSet(StringComparer.Ordinal);
        var codes = wanted.Select(i => i.Split(':')[0]).ToList();
        Items = (await db.ChecklistItems.AsNoTracking().Where(i => codes.Contains(i.Code)).ToListAsync(cancellationToken))
            .Where(i => wanted.Contains($"{i.Code}:{i.Version}")).ToDictionary(i => $"{i.Code}:{i.Version}");
        DepartmentNames = await db.Departments.AsNoTracking()
            .ToDictionaryAsync(d => d.Code, d => Localization.Text.IsEnglish ? d.NameEn : d.Name, cancellationToken);
    }
}
