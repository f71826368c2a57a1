using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Planning.PublishPlan;

namespace QualityCity.Web.Modules.Planning.PublicPlans;

/// <summary>A published plan as the public sees it: counts by month and department, never the enterprises' days.</summary>
public sealed record PublicPlan(PlanDrawRecord Record, int CommitmentId, IReadOnlyList<PlanPoolFile> Pools, IReadOnlyList<int> VisitsPerMonth,
    IReadOnlyList<(string Department, int Visits)> PerDepartment);

/// <summary>
/// 双随机 in the open (INS-9, INS-10): every published plan with its commitment, pool files and draw
/// record for anyone to download and re-run, and the plan's counts. Works on a phone.
/// </summary>
public sealed class PublicPlansModel(QualityCityDbContext db, PlanPublication publication) : PageModel
{
    public IReadOnlyList<PublicPlan> Plans { get; private set; } = [];
    public IReadOnlyDictionary<string, string> DepartmentNames { get; private set; } = new Dictionary<string, string>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        DepartmentNames = await db.Departments.AsNoTracking()
            .ToDictionaryAsync(d => d.Code, d => Localization.Text.IsEnglish ? d.NameEn : d.Name, cancellationToken);
        var records = await db.PlanDraws.AsNoTracking()
            .Where(d => d.Status == PlanStatus.Published || d.Status == PlanStatus.Superseded)
            .OrderByDescending(d => d.Year).ThenByDescending(d => d.Id)
            .Select(d => new PlanDrawRecord
            {
                Id = d.Id, Year = d.Year, Seed = d.Seed, CommitmentDigest = d.CommitmentDigest, DrawJson = string.Empty, PlanJson = string.Empty,
                Actor = string.Empty, CreatedAtUtc = d.CreatedAtUtc, Status = d.Status, RedrawReason = d.RedrawReason, PublishedAtUtc = d.PublishedAtUtc,
                PublicationNote = d.PublicationNote, Obligations = d.Obligations, VisitsIfSeparate = d.VisitsIfSeparate, VisitsMerged = d.VisitsMerged,
            }).Take(20).ToListAsync(cancellationToken);
        var plans = new List<PublicPlan>();
        foreach (var record in records)
        {
            var commitmentId = await db.PlanCommitments.Where(c => c.Digest == record.CommitmentDigest).Select(c => c.Id).FirstAsync(cancellationToken);
            var pools = await db.PlanPoolFiles.AsNoTracking().Where(f => f.CommitmentId == commitmentId).OrderBy(f => f.PoolFile)
                .Select(f => new PlanPoolFile { Department = f.Department, Stratum = f.Stratum, PoolFile = f.PoolFile, Digest = f.Digest, Content = string.Empty })
                .ToListAsync(cancellationToken);
            var plan = await publication.PlanAsync(record.Id, cancellationToken);
            var perMonth = new int[12];
            foreach (var visit in plan?.Visits ?? [])
            {
                perMonth[int.Parse(visit.Date.AsSpan(5, 2), System.Globalization.CultureInfo.InvariantCulture) - 1]++;
            }

            var perDepartment = (plan?.Visits ?? []).SelectMany(v => v.Obligations.Select(o => o.Department).Distinct())
                .GroupBy(d => d).Select(g => (g.Key, g.Count())).OrderByDescending(x => x.Item2).ToList();
            plans.Add(new PublicPlan(record, commitmentId, pools, perMonth, perDepartment));
        }

        Plans = plans;
    }

    public string DepartmentName(string code) => DepartmentNames.GetValueOrDefault(code, code);
}
