using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Planning.Contracts;

namespace QualityCity.Web.Modules.Planning.PublicPlans;

/// <summary>A published plan as the public sees it: counts by month and department, never the enterprises' days.</summary>
public sealed record PublicPlan(PlanDrawRecord Record, int CommitmentId, IReadOnlyList<PlanPoolFile> Pools, IReadOnlyList<int> VisitsPerMonth,
    IReadOnlyList<(string Department, int Visits)> PerDepartment, int ControlSample);

/// <summary>
/// 双随机 in the open (INS-9, INS-10): every published plan with its commitment, pool files and draw
/// record for anyone to download and re-run, and the plan's counts; and, year by year, how often the
/// inspections of each grade found a problem (INS-12). Works on a phone.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Public)]
public sealed class PublicPlansModel(QualityCityDbContext db, IMemoryCache cache, PublishPlan.PlanPublication publication,
    IInspectionCalibration calibration) : PageModel
{
    // One summary is worked out at a time, however many visitors arrive together; a stored plan never changes, so its summary is kept.
    private static readonly SemaphoreSlim SummaryGate = new(1, 1);

    public IReadOnlyList<PublicPlan> Plans { get; private set; } = [];
    public IReadOnlyDictionary<string, string> DepartmentNames { get; private set; } = new Dictionary<string, string>();
    public CalibrationReport Calibration { get; private set; } = null!;

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        DepartmentNames = await db.Departments.AsNoTracking()
            .ToDictionaryAsync(d => d.Code, d => Localization.Text.IsEnglish ? d.NameEn : d.Name, cancellationToken);
        var records = await db.PlanDraws.AsNoTracking()
            .Where(d => d.Status == PlanStatus.Published || d.Status == PlanStatus.Superseded)
            .OrderByDescending(d => d.Year).ThenByDescending(d => d.Id)
            .Select(d => new PlanDrawRecord
            {
                // Without the staff account that drew it: public pages name no staff accounts.
                Id = d.Id, Year = d.Year, Seed = d.Seed, CommitmentDigest = d.CommitmentDigest, Actor = string.Empty, CreatedAtUtc = d.CreatedAtUtc,
                Status = d.Status, RedrawReason = d.RedrawReason, PublishedAtUtc = d.PublishedAtUtc,
                PublicationNote = d.PublicationNote, Obligations = d.Obligations, VisitsIfSeparate = d.VisitsIfSeparate, VisitsMerged = d.VisitsMerged,
            }).Take(20).ToListAsync(cancellationToken);
        var plans = new List<PublicPlan>();
        foreach (var record in records)
        {
            var commitmentId = await db.PlanCommitments.Where(c => c.Digest == record.CommitmentDigest).Select(c => c.Id).FirstAsync(cancellationToken);
            var pools = await db.PlanPoolFiles.AsNoTracking().Where(f => f.CommitmentId == commitmentId).OrderBy(f => f.PoolFile)
                .Select(f => new PlanPoolFile { Department = f.Department, Stratum = f.Stratum, PoolFile = f.PoolFile, Digest = f.Digest, Content = string.Empty })
                .ToListAsync(cancellationToken);
            var (perMonth, perDepartment, control) = await SummaryAsync(record.Id, cancellationToken);
            plans.Add(new PublicPlan(record, commitmentId, pools, perMonth, perDepartment, control));
        }

        Plans = plans;
        Calibration = await calibration.ReportAsync(cancellationToken);
    }

    public string DepartmentName(string code) => DepartmentNames.GetValueOrDefault(code, code);

    /// <summary>
    /// The counts the public sees (visits per month and per department, the control sample's
    /// enterprise visits), counted by the database from the plan's rows and kept in memory by draw.
    /// </summary>
    private async Task<(IReadOnlyList<int> PerMonth, IReadOnlyList<(string Department, int Visits)> PerDepartment, int Control)> SummaryAsync(int drawId,
        CancellationToken cancellationToken)
    {
        var key = ("public-plan-summary", drawId);
        if (cache.TryGetValue(key, out (IReadOnlyList<int>, IReadOnlyList<(string, int)>, int) summary))
        {
            return summary;
        }

        await SummaryGate.WaitAsync(cancellationToken);
        try
        {
            if (cache.TryGetValue(key, out summary))
            {
                return summary;
            }

            var perMonth = new int[12];
            foreach (var day in await publication.DaysAsync(drawId, null, cancellationToken))
            {
                perMonth[day.Day.Month - 1] += day.Visits;
            }

            // A joint visit counts once for each department on it.
            var perDepartment = (await db.PlannedObligations.AsNoTracking().Where(o => o.DrawId == drawId).GroupBy(o => o.Department)
                    .Select(g => new { Department = g.Key, Visits = g.Select(o => o.VisitPosition).Distinct().Count() }).ToListAsync(cancellationToken))
                .OrderByDescending(x => x.Visits).ThenBy(x => x.Department, StringComparer.Ordinal).Select(x => (x.Department, x.Visits)).ToList();
            var control = await db.PlannedObligations.CountAsync(o => o.DrawId == drawId && o.ControlSample, cancellationToken);
            summary = (perMonth, perDepartment, control);
            cache.Set(key, summary, new MemoryCacheEntryOptions { Size = 1 });
            return summary;
        }
        finally
        {
            SummaryGate.Release();
        }
    }
}
