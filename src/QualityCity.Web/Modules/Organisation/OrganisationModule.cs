using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Organisation.Contracts;

namespace QualityCity.Web.Modules.Organisation;

/// <summary>Departments and the inspector registry (INS-2), scoped by department.</summary>
public sealed class OrganisationModule : IModule
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddScoped<IOfficerDirectory, OfficerDirectory>();
        services.AddScoped<InspectorRegistry>();
        services.AddScoped<Registry.Contracts.IDepartmentCodes, DepartmentCodes>();
    }

    public static void MapEndpoints(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api").WithTags("Organisation");

        // Department names are public: citizens address reports to them.
        api.MapGet("/departments", async (QualityCityDbContext db) =>
            await db.Departments.AsNoTracking().OrderBy(d => d.Id)
                .Select(d => new { d.Id, d.Code, d.Name, d.NameEn, d.IsCoordinator }).ToListAsync())
            .AllowAnonymous().RequireRateLimiting(RateLimits.Public)
            .WithSummary("部门列表 — Departments")
            .WithDescription("各监管部门的编号、代码、中英文名称，以及是否为市级统筹部门。公开：群众按部门反映问题。 — Each regulating department's id, code, Chinese and English name and whether it is the city's coordinating department. Public: citizens address reports to them.");

        // A new installation starts without departments: the administrator adds them before their heads and officers.
        api.MapPost("/departments", async (DepartmentRequest request, QualityCityDbContext db, Text text, CancellationToken ct) =>
        {
            var errors = new Dictionary<string, string[]>();
            var code = request.Code?.Trim() ?? string.Empty;
            if (!System.Text.RegularExpressions.Regex.IsMatch(code, "^[a-z][a-z0-9-]{1,31}$"))
            {
                errors["code"] = [text["2–32 位小写字母、数字或连字符，以字母开头（如 samr）"]];
            }
            else if (await db.Departments.AnyAsync(d => d.Code == code, ct))
            {
                errors["code"] = [text.Format("部门 {0} 已存在", code)];
            }

            if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > 100)
            {
                errors["name"] = [text["请填写中文名称（最多 100 字）"]];
            }

            if (request.NameEn?.Trim().Length > 100)
            {
                errors["nameEn"] = [text["最多 100 个字符"]];
            }

            if (errors.Count > 0)
            {
                return Results.ValidationProblem(errors);
            }

            var department = new Department
            {
                Code = code, Name = request.Name!.Trim(), NameEn = string.IsNullOrWhiteSpace(request.NameEn) ? request.Name!.Trim() : request.NameEn.Trim(),
                IsCoordinator = request.IsCoordinator ?? false,
            };
            db.Departments.Add(department);
            await db.SaveChangesAsync(ct);
            return Results.Created($"/api/departments/{department.Id}", new { department.Id, department.Code, department.Name, department.NameEn, department.IsCoordinator });
        }).RequireAuthorization(Policies.Admin).Produces(StatusCodes.Status201Created).ProducesValidationProblem()
            .WithSummary("新增部门 — Add a department")
            .WithDescription("代码 `code` 为 2–32 位小写字母、数字或连字符（如 samr），中文名 `name` 必填，英文名 `nameEn` 缺省时与中文名相同。新安装先建部门，再建其负责人和执法人员账号。 — `code`: 2 to 32 lower-case letters, digits or hyphens (e.g. samr); the Chinese `name` is required, the English `nameEn` defaults to it. A new installation adds its departments before their heads and officers.")
            .WithRequestExample(new DepartmentRequest("samr", "市场监督管理局", "Administration for Market Regulation", false));

        api.MapGet("/inspectors", async (int? department, ClaimsPrincipal user, QualityCityDbContext db, Text text) =>
        {
            if (department is { } requested && !user.SeesAllDepartments() && requested != user.DepartmentId())
            {
                return Results.Problem(text["只能查看本部门的执法人员名录"], statusCode: StatusCodes.Status403Forbidden);
            }

            var query = VisibleInspectors(db, user);
            if (department is { } d)
            {
                query = query.Where(i => i.DepartmentId == d);
            }

            return Results.Ok(await query.OrderBy(i => i.DepartmentId).ThenBy(i => i.Id)
                .Select(i => new
                {
                    i.Id, i.DepartmentId, i.Name, i.CredentialNumber, i.Qualifications, i.Active, i.MonthlyCapacity,
                    i.ConflictCreditCodes, i.HomeCountyCode,
                }).ToListAsync());
        }).RequireAuthorization(Policies.Staff)
            .WithSummary("执法人员名录 — The inspector registry")
            .WithDescription("执法人员的姓名、执法证号、资质、是否在岗、每月可承担检查数、回避的企业和所在县区。部门负责人和执法人员只能看本部门；可用 `department` 筛选。 — Officers with name, credential number, qualifications, whether active, monthly capacity, the entities they must not inspect and their home county. Department heads and inspectors see their own department only; `department` filters.");

        api.MapPost("/inspectors", async (InspectorRequest request, ClaimsPrincipal user, InspectorRegistry registry, CancellationToken ct) =>
        {
            var added = await registry.AddAsync(request, user, ct);
            return added.Succeeded ? Results.Created($"/api/inspectors/{added.Inspector!.Id}", new { added.Inspector.Id }) : added.Failure();
        }).RequireAuthorization(Policies.DepartmentEditors).Produces(StatusCodes.Status201Created).ProducesValidationProblem()
            .WithSummary("新增执法人员 — Add an inspector")
            .WithDescription("管理员可为任何部门添加；部门负责人只能为本部门添加（`departmentId` 缺省为本部门）。 — The administrator adds to any department, a department head only to their own (`departmentId` defaults to it).");

        api.MapPut("/inspectors/{id:int}", async (int id, InspectorRequest request, ClaimsPrincipal user, InspectorRegistry registry, CancellationToken ct) =>
        {
            var changed = await registry.UpdateAsync(id, request, user, ct);
            return changed.Succeeded ? Results.Ok(new { changed.Inspector!.Id }) : changed.Failure();
        }).RequireAuthorization(Policies.DepartmentEditors).ProducesValidationProblem().Produces(StatusCodes.Status404NotFound)
            .WithSummary("修改执法人员 — Change an inspector")
            .WithDescription("字段规则与新增相同；部门负责人只能修改本部门的执法人员。 — The same rules as adding; a department head changes only the department's own officers.");

        // An officer declares a conflict of interest for themselves; the department head for the department's officers.
        api.MapPost("/inspectors/{id:int}/conflicts", async (int id, ConflictRequest request, ClaimsPrincipal user, InspectorRegistry registry, CancellationToken ct) =>
        {
            var declared = await registry.DeclareConflictAsync(id, request, user, ct);
            return declared.Succeeded
                ? Results.Ok(new { declared.Inspector!.Id, conflicts = InspectorRules.Codes(declared.Inspector.ConflictCreditCodes) })
                : declared.Failure();
        }).RequireAuthorization(p => p.RequireRole(Roles.Admin, Roles.DeptHead, Roles.Inspector))
            .ProducesValidationProblem().Produces(StatusCodes.Status404NotFound)
            .WithSummary("申报回避关系 — Declare a conflict of interest")
            .WithDescription("执法人员为自己、部门负责人为本部门人员、管理员为任何人申报与某企业（统一社会信用代码 `creditCode`）的回避关系（亲属、曾任职、利益关联），并说明理由 `reason`。之后抽取不会派此人检查该企业；写入审计日志。 — An officer for themselves, a department head for the department's officers or the administrator for anyone declares a conflict (relative, former employer, shareholding) with an entity (`creditCode`) and says why (`reason`). The draw then never sends the officer there; the declaration goes to the audit log.");
    }

    /// <summary>
    /// The inspectors a user may read: all for the administrator and the coordinator, only their own
    /// department's for department heads and inspectors, none for anyone else. Applied in the query,
    /// so no page or endpoint can forget it.
    /// </summary>
    public static IQueryable<Inspector> VisibleInspectors(QualityCityDbContext db, ClaimsPrincipal user)
    {
        var query = db.Inspectors.AsNoTracking();
        if (user.SeesAllDepartments())
        {
            return query;
        }

        if ((user.IsInRole(Roles.DeptHead) || user.IsInRole(Roles.Inspector)) && user.DepartmentId() is { } own)
        {
            return query.Where(i => i.DepartmentId == own);
        }

        return query.Where(_ => false);
    }
}

public sealed record InspectorRequest(int? DepartmentId, string? Name, string? CredentialNumber, string? Qualifications, int? MonthlyCapacity,
    bool? Active, string? HomeCountyCode, IReadOnlyList<string>? ConflictCreditCodes);

public sealed record ConflictRequest(string? CreditCode, string? Reason);

public sealed record DepartmentRequest(string? Code, string? Name, string? NameEn, bool? IsCoordinator);

/// <summary>What an officer's record must hold (INS-2); every refusal names the field.</summary>
internal static class InspectorRules
{
    public static List<string> Codes(string list) =>
        list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).ToList();

    /// <summary>Validates the request and copies it onto the officer; returns the errors, or null when applied.</summary>
    public static async Task<Dictionary<string, string[]>?> ApplyAsync(InspectorRequest request, Inspector inspector, QualityCityDbContext db, Text text, bool isNew,
        CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var name = request.Name?.Trim() ?? (isNew ? string.Empty : inspector.Name);
        if (name.Length is 0 or > 50)
        {
            errors["name"] = [text["执法人员姓名必填，不超过50个字"]];
        }

        var credential = request.CredentialNumber?.Trim() ?? (isNew ? string.Empty : inspector.CredentialNumber);
        if (credential.Length is 0 or > 40)
        {
            errors["credentialNumber"] = [text["执法证号必填，不超过40个字符"]];
        }
        else if (await db.Inspectors.AnyAsync(i => i.CredentialNumber == credential && i.Id != inspector.Id, cancellationToken))
        {
            errors["credentialNumber"] = [text.Format("执法证号 {0} 已属于另一名执法人员", credential)];
        }

        var capacity = request.MonthlyCapacity ?? inspector.MonthlyCapacity;
        if (capacity is < 1 or > 200)
        {
            errors["monthlyCapacity"] = [text["每月检查能力须在1到200次之间"]];
        }

        var county = request.HomeCountyCode is null ? inspector.HomeCountyCode : request.HomeCountyCode.Trim();
        if (!string.IsNullOrEmpty(county) && !await db.Regions.AnyAsync(r => r.Code == county && r.Level == "county", cancellationToken))
        {
            errors["homeCountyCode"] = [text.Format("{0} 不是本市的县区（GB/T 2260）", county)];
        }

        var conflicts = request.ConflictCreditCodes?.Select(QualityCity.Domain.Registry.CreditCode.Canonical).Where(c => c.Length > 0).Distinct().ToList();
        if (conflicts is { Count: > 0 })
        {
            var known = await db.MarketEntities.Where(e => conflicts.Contains(e.CreditCode)).Select(e => e.CreditCode).ToListAsync(cancellationToken);
            var unknown = conflicts.Except(known).ToList();
            if (unknown.Count > 0)
            {
                errors["conflictCreditCodes"] = [text.Format("主体库中没有：{0}", string.Join("、", unknown))];
            }
        }

        if (errors.Count > 0)
        {
            return errors;
        }

        inspector.Name = name;
        inspector.CredentialNumber = credential;
        inspector.MonthlyCapacity = capacity;
        inspector.HomeCountyCode = string.IsNullOrEmpty(county) ? null : county;
        inspector.Active = request.Active ?? inspector.Active;
        if (request.Qualifications is not null)
        {
            inspector.Qualifications = string.Join(",", request.Qualifications.Split([',', '，', '、'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        }

        if (conflicts is not null)
        {
            inspector.ConflictCreditCodes = string.Join(",", conflicts.Order(StringComparer.Ordinal));
        }

        return null;
    }
}
