using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Checklists.Contracts;
using QualityCity.Web.Modules.Organisation.Contracts;

namespace QualityCity.Web.Modules.Checklists;

/// <summary>The outcome of a change to a checklist: the item version, or why not (field errors, forbidden, not found, nothing to publish).</summary>
public sealed record ChecklistChange(ChecklistItem? Item, Dictionary<string, string[]> Errors, int? Status = null, string? Problem = null)
{
    public bool Succeeded => Item is not null && Errors.Count == 0 && Status is null;

    public static ChecklistChange Refused(int status, string problem) => new(null, [], status, problem);

    /// <summary>The API's answer for anything but a success.</summary>
    public IResult Failure() => Status is { } status ? Results.Problem(Problem, statusCode: status) : Results.ValidationProblem(Errors);
}

/// <summary>
/// Drafting, editing and publishing checklist items (INS-1) for the API and the checklist page
/// alike: a department head for the department's own list, the administrator for any. A published
/// version never changes; an edit becomes the next draft version, which replaces it when published.
/// </summary>
public sealed class ChecklistEditor(QualityCityDbContext db, Text text)
{
    public async Task<ChecklistChange> AddAsync(ChecklistItemRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var departmentId = await DepartmentScope.RequestedOrOwnAsync(db, request.DepartmentId, user, cancellationToken);
        if (departmentId is null)
        {
            return new ChecklistChange(null, new Dictionary<string, string[]> { ["departmentId"] = [text["须选择部门"]] });
        }

        if (!MayEdit(user, departmentId.Value))
        {
            return ChecklistChange.Refused(StatusCodes.Status403Forbidden, text["只有本部门负责人或管理员可以编辑本部门的检查事项清单"]);
        }

        if (request.Validate(text) is { } errors)
        {
            return new ChecklistChange(null, errors);
        }

        var prefix = (await db.Departments.Where(d => d.Id == departmentId).Select(d => d.Code).FirstAsync(cancellationToken)).ToUpperInvariant() + "-";
        var used = await db.ChecklistItems.Where(i => i.DepartmentId == departmentId && i.Code.StartsWith(prefix)).Select(i => i.Code).Distinct()
            .ToListAsync(cancellationToken);
        var next = used.Select(c => int.TryParse(c[prefix.Length..], out var n) ? n : 0).DefaultIfEmpty(0).Max() + 1;
        var item = new ChecklistItem { DepartmentId = departmentId.Value, Code = $"{prefix}{next:000}", Status = ChecklistStatus.Draft, Name = string.Empty };
        request.ApplyTo(item, db.Clock.UtcNow);
        db.ChecklistItems.Add(item);
        await db.SaveChangesAsync(cancellationToken);
        return new ChecklistChange(item, []);
    }

    public async Task<ChecklistChange> UpdateAsync(string code, ChecklistItemRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var versions = await db.ChecklistItems.Where(i => i.Code == code).OrderByDescending(i => i.Version).ToListAsync(cancellationToken);
        if (versions.Count == 0)
        {
            return ChecklistChange.Refused(StatusCodes.Status404NotFound, text.Format("没有检查事项 {0}", code));
        }

        if (!MayEdit(user, versions[0].DepartmentId))
        {
            return ChecklistChange.Refused(StatusCodes.Status403Forbidden, text["只有本部门负责人或管理员可以编辑本部门的检查事项清单"]);
        }

        if (request.Validate(text) is { } errors)
        {
            return new ChecklistChange(null, errors);
        }

        // A published version is never changed: the edit becomes the next draft version.
        var draft = versions.FirstOrDefault(v => v.Status == ChecklistStatus.Draft);
        if (draft is null)
        {
            draft = new ChecklistItem
            {
                DepartmentId = versions[0].DepartmentId, Code = code, Version = versions[0].Version + 1, Status = ChecklistStatus.Draft, Name = string.Empty,
                InspectedObjects = versions[0].InspectedObjects, Content = versions[0].Content, Method = versions[0].Method,
                FrequencyCapPerYear = versions[0].FrequencyCapPerYear, Category = versions[0].Category, SourceUrl = versions[0].SourceUrl,
            };
            db.ChecklistItems.Add(draft);
        }

        request.ApplyTo(draft, db.Clock.UtcNow);
        await db.SaveChangesAsync(cancellationToken);
        return new ChecklistChange(draft, []);
    }

    public async Task<ChecklistChange> PublishAsync(string code, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var versions = await db.ChecklistItems.Where(i => i.Code == code).ToListAsync(cancellationToken);
        if (versions.Count == 0)
        {
            return ChecklistChange.Refused(StatusCodes.Status404NotFound, text.Format("没有检查事项 {0}", code));
        }

        // Permission before state: another department learns nothing about this item's drafts.
        if (!MayEdit(user, versions[0].DepartmentId))
        {
            return ChecklistChange.Refused(StatusCodes.Status403Forbidden, text["只有本部门负责人或管理员可以发布本部门的检查事项"]);
        }

        var draft = versions.FirstOrDefault(v => v.Status == ChecklistStatus.Draft);
        if (draft is null)
        {
            return ChecklistChange.Refused(StatusCodes.Status409Conflict, text.Format("检查事项 {0} 没有待发布的草稿", code));
        }

        var now = db.Clock.UtcNow;
        foreach (var published in versions.Where(v => v.Status == ChecklistStatus.Published))
        {
            published.Status = ChecklistStatus.Retired;
            published.UpdatedAtUtc = now;
        }

        draft.Status = ChecklistStatus.Published;
        draft.PublishedAtUtc = now;
        draft.UpdatedAtUtc = now;
        await db.SaveChangesAsync(cancellationToken);
        return new ChecklistChange(draft, []);
    }

    public static bool MayEdit(ClaimsPrincipal user, int departmentId) =>
        user.IsInRole(Roles.Admin) || (user.IsInRole(Roles.DeptHead) && user.DepartmentId() == departmentId);
}
