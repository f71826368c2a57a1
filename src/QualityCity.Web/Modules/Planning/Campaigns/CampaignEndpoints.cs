using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Checklists.Contracts;
using QualityCity.Web.Modules.Planning.Contracts;
using QualityCity.Web.Localization;

namespace QualityCity.Web.Modules.Planning.Campaigns;

public sealed record CampaignRequest(int? Year, string? Title, IReadOnlyList<string>? Items, string? Industry, DateOnly? WindowStart, DateOnly? WindowEnd);

public sealed record CampaignDecision(bool? Approve, string? Note);

/// <summary>
/// Special campaigns (专项检查, INS-10): a department head proposes one with items from the
/// department's published list only, the coordinator approves or rejects it with a note, and a
/// department runs at most <see cref="PlanningOptions.CampaignsPerYear"/> a year (proposals count,
/// so the limit cannot be passed by proposing many at once).
/// </summary>
public static class CampaignEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/campaigns", async (int? year, ClaimsPrincipal user, QualityCityDbContext db, CancellationToken ct) =>
        {
            var query = db.SpecialCampaigns.AsNoTracking();
            if (!user.SeesAllDepartments())
            {
                query = query.Where(c => c.DepartmentId == user.DepartmentId());
            }

            if (year is { } y)
            {
                query = query.Where(c => c.Year == y);
            }

            return Results.Ok(await query.OrderByDescending(c => c.Id).ToListAsync(ct));
        }).RequireAuthorization(Policies.Staff)
            .WithSummary("专项检查 — Special campaigns")
            .WithDescription("专项检查的申请和审批情况，新的在前，可按年度 `year` 筛选；部门账号只看本部门的。 — Special campaigns with their proposals and decisions, newest first, optionally for one `year`; department accounts see their own department's.");

        api.MapPost("/campaigns", async (CampaignRequest request, ClaimsPrincipal user, QualityCityDbContext db, IOptions<PlanningOptions> options, Text text,
            CancellationToken ct) =>
        {
            if (!user.IsInRole(Roles.DeptHead) || user.DepartmentId() is not { } departmentId)
            {
                return Results.Problem(text["专项检查由本部门负责人申请"], statusCode: StatusCodes.Status403Forbidden);
            }

            var errors = new Dictionary<string, string[]>();
            if (request.Year is not { } year || year is < 2000 or > 2100)
            {
                errors["year"] = [text["请填写专项检查的年度"]];
                year = 0;
            }

            if (string.IsNullOrWhiteSpace(request.Title) || request.Title.Trim().Length > 100)
            {
                errors["title"] = [text["请填写标题（最多 100 字）"]];
            }

            var items = request.Items?.Select(i => i.Trim()).Where(i => i.Length > 0).Distinct(StringComparer.Ordinal).ToList() ?? [];
            var published = await db.ChecklistItems.Where(i => i.DepartmentId == departmentId && i.Status == ChecklistStatus.Published)
                .Select(i => i.Code).ToListAsync(ct);
            var offList = items.Where(i => !published.Contains(i)).ToList();
            if (items.Count == 0)
            {
                errors["items"] = [text["请至少选择一个已发布的检查事项"]];
            }
            else if (offList.Count > 0)
            {
                errors["items"] = [text.Format("不在本部门已发布的检查事项清单中（清单之外无检查）：{0}", string.Join(", ", offList))];
            }

            var industry = request.Industry?.Trim() ?? string.Empty;
            if (industry.Length > 0 && !await db.Industries.AnyAsync(i => i.Code == industry || i.Code.StartsWith(industry), ct))
            {
                errors["industry"] = [text.Format("“{0}”不是 GB/T 4754 的大类或小类代码", industry)];
            }

            if (request.WindowStart is not { } start || request.WindowEnd is not { } end || end < start || start.Year != year || end.Year != year)
            {
                errors["window"] = [text["请填写起止日期 windowStart 和 windowEnd：在专项检查的年度内，开始不晚于结束"]];
            }

            if (errors.Count == 0)
            {
                var used = await db.SpecialCampaigns.CountAsync(c => c.DepartmentId == departmentId && c.Year == year && c.Status != "rejected", ct);
                if (used >= options.Value.CampaignsPerYear)
                {
                    errors["year"] = [text.Format("本部门 {1} 年已有 {0} 项专项检查，每年上限为 {2} 项", used, year, options.Value.CampaignsPerYear)];
                }
            }

            if (errors.Count > 0)
            {
                return Results.ValidationProblem(errors);
            }

            var campaign = new SpecialCampaign
            {
                DepartmentId = departmentId, Year = year, Title = request.Title!.Trim(), Items = string.Join(",", items), Industry = industry,
                WindowStart = request.WindowStart!.Value, WindowEnd = request.WindowEnd!.Value, Status = "proposed", ProposedBy = user.ActorName(),
                CreatedAtUtc = db.Clock.UtcNow,
            };
            db.SpecialCampaigns.Add(campaign);
            await db.SaveChangesAsync(ct);
            return Results.Created($"/api/planning/campaigns/{campaign.Id}", campaign);
        }).RequireAuthorization(Policies.DeptHeads).ProducesValidationProblem()
            .WithSummary("申请专项检查 — Propose a special campaign")
            .WithDescription("部门负责人申请：年度 `year`、标题 `title`、检查事项 `items`（只能选本部门已发布的事项）、行业 `industry` 和时间窗口 `windowStart`–`windowEnd`。每个部门每年的专项检查数有上限（申请也计入）。由统筹部门审批。 — A department head proposes: `year`, `title`, `items` (from the department's published list only), `industry` and the window `windowStart` to `windowEnd`. A department runs a limited number a year (proposals count). The coordinator decides.");

        api.MapPost("/campaigns/{id:int}/decision", async (int id, CampaignDecision decision, ClaimsPrincipal user, QualityCityDbContext db, Text text, CancellationToken ct) =>
        {
            var campaign = await db.SpecialCampaigns.FirstOrDefaultAsync(c => c.Id == id, ct);
            if (campaign is null)
            {
                return Results.NotFound();
            }

            if (campaign.Status != "proposed")
            {
                return Results.Problem(campaign.Status == "approved" ? text["该专项检查已批准"] : text["该专项检查已驳回"], statusCode: StatusCodes.Status409Conflict);
            }

            if (decision.Approve is null || (decision.Approve == false && string.IsNullOrWhiteSpace(decision.Note)))
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["approve"] = [text["请选择批准（approve 为 true）或驳回（false）；驳回须写明意见"]] });
            }

            campaign.Status = decision.Approve.Value ? "approved" : "rejected";
            campaign.DecidedBy = user.ActorName();
            campaign.DecisionNote = decision.Note?.Trim();
            await db.SaveChangesAsync(ct);
            return Results.Ok(campaign);
        }).RequireAuthorization(Policies.Oversight).ProducesValidationProblem()
            .WithSummary("审批专项检查 — Decide on a special campaign")
            .WithDescription("统筹部门批准（`approve` 为 true）或驳回申请，并附说明 `note`。 — The coordinator approves (`approve` true) or rejects the proposal, with a `note`.");
    }
}
