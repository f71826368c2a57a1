using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Quality.Contracts;

namespace QualityCity.Web.Modules.Quality.Plans;

/// <summary>Sampling leads raised by other modules, kept for the plan makers (<see cref="ISamplingLeads"/>).</summary>
internal sealed class SamplingLeads(QualityCityDbContext db) : ISamplingLeads
{
    public async Task<long> AddAsync(SamplingLeadDraft draft, CancellationToken cancellationToken)
    {
        var lead = new SamplingLead
        {
            CreditCode = draft.CreditCode, EntityName = draft.EntityName, Product = draft.Product, Reason = draft.Reason, Department = draft.Department,
            Source = draft.Source, Reference = draft.Reference, CreatedBy = draft.Actor, CreatedAtUtc = db.Clock.UtcNow,
        };
        db.SamplingLeads.Add(lead);
        await db.SaveChangesAsync(cancellationToken);
        return lead.Id;
    }

    public async Task<IReadOnlyList<SamplingLeadView>> ByReferenceAsync(string source, string reference, CancellationToken cancellationToken) =>
        await Views(db.SamplingLeads.AsNoTracking().Where(l => l.Source == source && l.Reference == reference).OrderBy(l => l.Id)).ToListAsync(cancellationToken);

    /// <summary>The latest leads, newest first, for the sampling plans page.</summary>
    public static IQueryable<SamplingLeadView> Latest(QualityCityDbContext db, int count) =>
        Views(db.SamplingLeads.AsNoTracking().OrderByDescending(l => l.CreatedAtUtc).ThenByDescending(l => l.Id).Take(count));

    private static IQueryable<SamplingLeadView> Views(IQueryable<SamplingLead> leads) =>
        leads.Select(l => new SamplingLeadView(l.Id, l.CreditCode, l.EntityName, l.Product, l.Reason, l.Department, l.Source, l.Reference, l.CreatedAtUtc));
}
