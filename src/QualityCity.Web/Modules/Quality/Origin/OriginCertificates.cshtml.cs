using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;

namespace QualityCity.Web.Modules.Quality.Origin;

/// <summary>One certificate as the public sees it, with the holder's name and whether it is in force today.</summary>
public sealed record CertificateView(OriginCertification Certificate, string HolderName, bool InForce);

/// <summary>
/// 原产地认证 (QLT-6): anyone — a buyer, a bidding office — checks whether a firm selling "阳谷电缆"
/// really holds the regional brand's origin certificate, by name, credit code or certificate number.
/// The shell companies that used the 阳谷 name held none.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Public)]
public sealed class OriginCertificatesModel(QualityCityDbContext db, PlatformClock clock) : PageModel
{
    public string? Q { get; private set; }
    public IReadOnlyList<CertificateView> Certificates { get; private set; } = [];
    public bool Searched => !string.IsNullOrWhiteSpace(Q);

    public async Task OnGetAsync(string? q, CancellationToken cancellationToken)
    {
        Q = q?.Trim();
        var today = clock.Today;
        var query = db.OriginCertifications.AsNoTracking();
        if (Searched)
        {
            var code = QualityCity.Domain.Registry.CreditCode.Canonical(Q);
            var holders = await db.MarketEntities.AsNoTracking().Where(e => e.Name.Contains(Q!) || e.CreditCode == code).Select(e => e.CreditCode).Take(200)
                .ToListAsync(cancellationToken);
            query = query.Where(c => holders.Contains(c.CreditCode) || c.CertificateNo == Q);
        }

        var certificates = await query.OrderBy(c => c.CertificateNo).Take(200).ToListAsync(cancellationToken);
        var codes = certificates.Select(c => c.CreditCode).Distinct().ToList();
        var names = await db.MarketEntities.AsNoTracking().Where(e => codes.Contains(e.CreditCode)).ToDictionaryAsync(e => e.CreditCode, e => e.Name, cancellationToken);
        Certificates = certificates.Select(c => new CertificateView(c, names.GetValueOrDefault(c.CreditCode, c.CreditCode),
            c.Status == "valid" && c.IssuedOn <= today && today <= c.ValidUntil)).ToList();
    }

    /// <summary>The search form: see <see cref="SearchForms"/>.</summary>
    public async Task<IActionResult> OnPostAsync(string? q, CancellationToken cancellationToken)
    {
        if (SearchForms.AddressOf("/quality/origin", ("q", q)) is { } address)
        {
            return SearchForms.SeeOther(Response, address);
        }

        await OnGetAsync(q, cancellationToken);
        return Page();
    }
}
