using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;

namespace QualityCity.Web.Modules.Quality.Plans;

/// <summary>A plan's task and how far it has come.</summary>
public sealed record TaskProgress(int Id, string ProductCategory, string CountyCode, int Batches, string Lab, DateOnly Due, int Sampled, int Failed);

/// <summary>A plan with its tasks' progress.</summary>
public sealed record PlanProgress(int Id, int Year, string Level, string Authority, string Title, IReadOnlyList<TaskProgress> Tasks);

/// <summary>Plans with each task's progress: batches sampled against those planned, and how many failed (the page and the API).</summary>
public static class PlanProgressQuery
{
    public static async Task<IReadOnlyList<PlanProgress>> PlanProgressAsync(QualityCityDbContext db, int? year, CancellationToken ct)
    {
        var plans = await db.SamplingPlans.AsNoTracking().Include(p => p.Tasks).Where(p => year == null || p.Year == year)
            .OrderByDescending(p => p.Year).ThenBy(p => p.Id).ToListAsync(ct);
        var planIds = plans.Select(p => (int?)p.Id).ToList();
        var counts = (await db.Samples.AsNoTracking().Where(s => planIds.Contains(s.PlanId) && s.TaskId != null)
                .GroupBy(s => s.TaskId!.Value).Select(g => new { Task = g.Key, Sampled = g.Count(), Failed = g.Count(s => s.Passed == false) }).ToListAsync(ct))
            .ToDictionary(c => c.Task);
        return plans.Select(p => new PlanProgress(p.Id, p.Year, p.Level, p.Authority, p.Title, p.Tasks.OrderBy(t => t.Id).Select(t => new TaskProgress(
            t.Id, t.ProductCategory, t.CountyCode, t.Batches, t.Lab, t.Due, counts.GetValueOrDefault(t.Id)?.Sampled ?? 0, counts.GetValueOrDefault(t.Id)?.Failed ?? 0)).ToList()))
            .ToList();
    }
}
