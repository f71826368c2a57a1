using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.Quality;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.Quality.Plans;

/// <summary>Sets a year's sampling plan with its tasks (which products, where, how many batches, which lab, by when; QLT-1).</summary>
public sealed class SamplingPlanner(QualityCityDbContext db, SamplingAccess access, Text text, PlatformClock clock)
{
    public async Task<WorkResult> PlanAsync(SamplingPlanRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!await access.MayManageAsync(user, ct))
        {
            return WorkResult.Refused(StatusCodes.Status403Forbidden, SamplingAccess.Refusal(text));
        }

        var errors = new Dictionary<string, string[]>();
        if (request.Year is not (>= 2000 and <= 2100))
        {
            errors["year"] = [text["年份必填"]];
        }

        if (request.Level is null || !SamplingLevels.All.Contains(request.Level))
        {
            errors["level"] = [text.Format("抽查层级须为 {0} 之一", string.Join(", ", SamplingLevels.All))];
        }

        if (string.IsNullOrWhiteSpace(request.Authority) || string.IsNullOrWhiteSpace(request.Title))
        {
            errors["authority"] = [text["组织抽查的部门和计划名称必填"]];
        }

        var tasks = request.Tasks ?? [];
        if (tasks.Count == 0)
        {
            errors["tasks"] = [text["至少一项抽查任务"]];
        }

        var categories = await db.ProductCategories.AsNoTracking().Select(c => c.Code).ToListAsync(ct);
        for (var i = 0; i < tasks.Count; i++)
        {
            var t = tasks[i];
            if (t.ProductCategory is null || !categories.Contains(t.ProductCategory))
            {
                errors[$"tasks[{i}].productCategory"] = [text.Format("未知的产品类别：{0}", t.ProductCategory ?? "（空）")];
            }

            if (t.Batches is not (> 0 and <= 100000))
            {
                errors[$"tasks[{i}].batches"] = [text["批次数须为正整数"]];
            }

            if (string.IsNullOrWhiteSpace(t.Lab))
            {
                errors[$"tasks[{i}].lab"] = [text["承检机构必填"]];
            }

            if (t.Due is null || (request.Year is { } year && t.Due.Value.Year != year))
            {
                errors[$"tasks[{i}].due"] = [text["完成期限必填，且须在计划年度内"]];
            }

            if (!string.IsNullOrEmpty(t.County) && (t.County.Length != 6 || !t.County.All(char.IsAsciiDigit)))
            {
                errors[$"tasks[{i}].county"] = [text["区县代码为 6 位数字，空表示全域"]];
            }
        }

        if (errors.Count > 0)
        {
            return WorkResult.Invalid(errors);
        }

        var plan = new SamplingPlan
        {
            Year = request.Year!.Value, Level = request.Level!, Authority = request.Authority!.Trim(), Title = request.Title!.Trim(), CreatedBy = user.ActorName(),
            CreatedAtUtc = clock.UtcNow,
            Tasks = tasks.Select(t => new SamplingTask
            {
                ProductCategory = t.ProductCategory!, CountyCode = t.County ?? string.Empty, Batches = t.Batches!.Value, Lab = t.Lab!.Trim(), Due = t.Due!.Value,
            }).ToList(),
        };
        db.SamplingPlans.Add(plan);
        await db.SaveChangesAsync(ct);
        return WorkResult.Ok(new PlannedPlan(plan.Id, plan.Year, plan.Title, plan.Tasks.Select(t => new PlannedTask(t.Id, t.ProductCategory, t.Batches)).ToList()));
    }
}

/// <summary>A plan just set, as the API answers it and the page follows it.</summary>
public sealed record PlannedPlan(int Id, int Year, string Title, IReadOnlyList<PlannedTask> Tasks);

/// <summary>A task of a plan just set.</summary>
public sealed record PlannedTask(int Id, string ProductCategory, int Batches);
