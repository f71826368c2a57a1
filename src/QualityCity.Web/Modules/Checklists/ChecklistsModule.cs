using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Checklists.Contracts;

namespace QualityCity.Web.Modules.Checklists;

/// <summary>
/// The departments' inspection item lists (INS-1). Published items are public (the list is what
/// an enterprise may be inspected on); drafts and retired versions are the department's own data,
/// readable by that department, the coordinator and the administrator only.
/// </summary>
public sealed class ChecklistsModule : IModule
{
    public static void AddServices(IServiceCollection services) => services.AddScoped<ChecklistEditor>();

    public static void MapEndpoints(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/checklists").WithTags("Checklists");

        api.MapGet("/", async (string? department, string? status, ClaimsPrincipal user, QualityCityDbContext db, Text text, CancellationToken ct) =>
        {
            var wanted = string.IsNullOrWhiteSpace(status) ? ChecklistStatus.Published : status.Trim().ToLowerInvariant();
            if (wanted is not (ChecklistStatus.Published or ChecklistStatus.Draft or ChecklistStatus.Retired or "all"))
            {
                return Results.ValidationProblem(new Dictionary<string, string[]> { ["status"] = [text["状态须为 published、draft、retired 或 all"]] });
            }

            int? departmentId = null;
            if (!string.IsNullOrWhiteSpace(department))
            {
                departmentId = await db.Departments.Where(d => d.Code == department).Select(d => (int?)d.Id).FirstOrDefaultAsync(ct);
                if (departmentId is null)
                {
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["department"] = [$"unknown department '{department}'"] });
                }

                if (wanted != ChecklistStatus.Published && !MaySeeUnpublished(user, departmentId.Value))
                {
                    return Results.Problem(text["未发布的检查事项只有本部门、统筹部门和管理员可以查看"],
                        statusCode: user.Identity?.IsAuthenticated == true ? StatusCodes.Status403Forbidden : StatusCodes.Status401Unauthorized);
                }
            }

            var query = Visible(db, user);
            if (departmentId is { } id)
            {
                query = query.Where(i => i.DepartmentId == id);
            }

            if (wanted != "all")
            {
                query = query.Where(i => i.Status == wanted);
            }

            return Results.Ok(await query.OrderBy(i => i.DepartmentId).ThenBy(i => i.Code).ThenBy(i => i.Version).ToListAsync(ct));
        }).AllowAnonymous().RequireRateLimiting(RateLimits.Public).Produces<List<ChecklistItem>>().ProducesValidationProblem()
            .WithSummary("检查事项清单 — Checklist items")
            .WithDescription("按部门（`department` 为部门代码）和状态（`status`：published、draft、retired 或 all）筛选。公开只返回已发布的事项；草稿和停用版本只有本部门、市级统筹和管理员可见。 — Filter by department (`department`, a department code) and status (`status`: published, draft, retired or all). The public gets published items only; drafts and retired versions are visible to the department itself, the coordinator and the administrator.");

        api.MapPost("/", async (ChecklistItemRequest request, ClaimsPrincipal user, ChecklistEditor editor, CancellationToken ct) =>
        {
            var added = await editor.AddAsync(request, user, ct);
            return added.Succeeded ? Results.Created($"/api/checklists/{added.Item!.Code}", added.Item) : added.Failure();
        }).RequireAuthorization(Policies.DepartmentEditors).Produces<ChecklistItem>(StatusCodes.Status201Created).ProducesValidationProblem()
            .WithSummary("新增检查事项（草稿） — Add a checklist item (draft)")
            .WithDescription("新事项为草稿，发布后才用于检查。部门负责人只能为本部门添加。 — A new item is a draft until published. A department head adds only to their own department.");

        api.MapPut("/{code}", async (string code, ChecklistItemRequest request, ClaimsPrincipal user, ChecklistEditor editor, CancellationToken ct) =>
        {
            var changed = await editor.UpdateAsync(code, request, user, ct);
            return changed.Succeeded ? Results.Ok(changed.Item) : changed.Failure();
        }).RequireAuthorization(Policies.DepartmentEditors).Produces<ChecklistItem>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("修改检查事项 — Change a checklist item")
            .WithDescription("已发布的版本不会被修改：修改成为下一个草稿版本，发布后替换旧版本。 — A published version never changes: the edit becomes the next draft version, which replaces it when published.");

        api.MapPost("/{code}/publish", async (string code, ClaimsPrincipal user, ChecklistEditor editor, CancellationToken ct) =>
        {
            var published = await editor.PublishAsync(code, user, ct);
            return published.Succeeded ? Results.Ok(published.Item) : published.Failure();
        }).RequireAuthorization(Policies.DepartmentEditors).Produces<ChecklistItem>().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("发布检查事项 — Publish a checklist item")
            .WithDescription("发布该事项的草稿版本，之前发布的版本停用；没有草稿时返回 409。 — Publishes the item's draft version and retires the one published before; 409 when there is no draft.");
    }

    /// <summary>Published items for everyone; other versions only for the department itself, the coordinator and the administrator.</summary>
    public static IQueryable<ChecklistItem> Visible(QualityCityDbContext db, ClaimsPrincipal user)
    {
        var items = db.ChecklistItems.AsNoTracking();
        if (user.SeesAllDepartments())
        {
            return items;
        }

        if ((user.IsInRole(Roles.DeptHead) || user.IsInRole(Roles.Inspector)) && user.DepartmentId() is { } own)
        {
            return items.Where(i => i.Status == ChecklistStatus.Published || i.DepartmentId == own);
        }

        return items.Where(i => i.Status == ChecklistStatus.Published);
    }

    private static bool MaySeeUnpublished(ClaimsPrincipal user, int departmentId) =>
        user.SeesAllDepartments() || ((user.IsInRole(Roles.DeptHead) || user.IsInRole(Roles.Inspector)) && user.DepartmentId() == departmentId);

}

/// <summary>The editable fields of a checklist item.</summary>
public sealed record ChecklistItemRequest(int? DepartmentId, string? Name, string? InspectedObjects, string? Content, string? Method,
    string? LegalBasis, int? FrequencyCapPerYear)
{
    /// <summary>Field errors, or null when the request is valid.</summary>
    public Dictionary<string, string[]>? Validate(Text text)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(Name))
        {
            errors["name"] = [text["检查事项名称必填"]];
        }
        else if (Name.Trim().Length > 200)
        {
            errors["name"] = [text["检查事项名称不能超过200个字"]];
        }

        if (string.IsNullOrWhiteSpace(LegalBasis))
        {
            errors["legalBasis"] = [text["每个检查事项都须写明检查依据（法律法规及条款）"]];
        }

        if (FrequencyCapPerYear is < 1 or > 12)
        {
            errors["frequencyCapPerYear"] = [text["每年检查次数上限须在1到12之间"]];
        }

        return errors.Count == 0 ? null : errors;
    }

    public void ApplyTo(ChecklistItem item, DateTime nowUtc)
    {
        item.Name = Name!.Trim();
        item.InspectedObjects = InspectedObjects?.Trim() ?? item.InspectedObjects;
        item.Content = Content?.Trim() ?? item.Content;
        item.Method = Method?.Trim() ?? item.Method;
        item.LegalBasis = LegalBasis!.Trim();
        item.FrequencyCapPerYear = FrequencyCapPerYear ?? item.FrequencyCapPerYear;
        item.UpdatedAtUtc = nowUtc;
    }
}
