using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Organisation.Contracts;

namespace QualityCity.Web.Modules.Organisation;

/// <summary>The outcome of a change to the registry: done (with the officer), refused (naming each field), forbidden or not found.</summary>
public sealed record InspectorChange(Inspector? Inspector, Dictionary<string, string[]> Errors, bool NotFound = false, string? Forbidden = null)
{
    public bool Succeeded => Inspector is not null && Errors.Count == 0 && Forbidden is null && !NotFound;

    public static InspectorChange Refused(string field, string message) => new(null, new Dictionary<string, string[]> { [field] = [message] });

    /// <summary>The API's answer for anything but a success, which each endpoint shapes itself.</summary>
    public IResult Failure() =>
        NotFound ? Results.NotFound()
        : Forbidden is { } why ? Results.Problem(why, statusCode: StatusCodes.Status403Forbidden)
        : Results.ValidationProblem(Errors);
}

/// <summary>
/// Adding and changing officers and their conflict declarations (INS-2), for the API and the
/// registry page alike: the same permission checks, field rules and messages, and the same save
/// through the platform's context, so every change reaches the audit log with its before and after.
/// </summary>
public sealed class InspectorRegistry(QualityCityDbContext db, Text text, IAccountDirectory accounts)
{
    public async Task<InspectorChange> AddAsync(InspectorRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var departmentId = await DepartmentScope.RequestedOrOwnAsync(db, request.DepartmentId, user, cancellationToken);
        if (departmentId is null)
        {
            return InspectorChange.Refused("departmentId", text["须选择部门"]);
        }

        if (!MayManage(user, departmentId.Value))
        {
            return new InspectorChange(null, [], Forbidden: text["只有本部门负责人或管理员可以管理本部门的执法人员"]);
        }

        var inspector = new Inspector { DepartmentId = departmentId.Value, Name = string.Empty, CredentialNumber = string.Empty };
        if (await InspectorRules.ApplyAsync(request, inspector, db, text, isNew: true, cancellationToken) is { } errors)
        {
            return new InspectorChange(null, errors);
        }

        db.Inspectors.Add(inspector);
        await db.SaveChangesAsync(cancellationToken);
        return new InspectorChange(inspector, []);
    }

    public async Task<InspectorChange> UpdateAsync(int id, InspectorRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var inspector = await db.Inspectors.FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (inspector is null)
        {
            return new InspectorChange(null, [], NotFound: true);
        }

        if (!MayManage(user, inspector.DepartmentId))
        {
            return new InspectorChange(null, [], Forbidden: text["只有本部门负责人或管理员可以管理本部门的执法人员"]);
        }

        if (await InspectorRules.ApplyAsync(request, inspector, db, text, isNew: false, cancellationToken) is { } errors)
        {
            return new InspectorChange(null, errors);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new InspectorChange(inspector, []);
    }

    /// <summary>
    /// An officer declares a conflict of interest (亲属、曾任职、利益关联) for themselves; the
    /// department head may declare one for any officer of the department, the administrator for anyone.
    /// </summary>
    public async Task<InspectorChange> DeclareConflictAsync(int id, ConflictRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var inspector = await db.Inspectors.FirstOrDefaultAsync(i => i.Id == id, cancellationToken);
        if (inspector is null)
        {
            return new InspectorChange(null, [], NotFound: true);
        }

        if (!await MayDeclareAsync(user, inspector, cancellationToken))
        {
            return new InspectorChange(null, [], Forbidden: text["执法人员为自己申报回避，部门负责人为本部门人员申报"]);
        }

        var errors = new Dictionary<string, string[]>();
        var code = QualityCity.Domain.Registry.CreditCode.Canonical(request.CreditCode);
        if (code.Length == 0)
        {
            errors["creditCode"] = [text["请选择回避的企业"]];
        }
        else if (!await db.MarketEntities.AnyAsync(e => e.CreditCode == code, cancellationToken))
        {
            errors["creditCode"] = [text.Format("主体库中没有统一社会信用代码 {0}", request.CreditCode ?? string.Empty)];
        }

        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            errors["reason"] = [text["请说明回避原因（亲属、曾任职、持股等）"]];
        }

        if (errors.Count > 0)
        {
            return new InspectorChange(null, errors);
        }

        var codes = InspectorRules.Codes(inspector.ConflictCreditCodes);
        if (!codes.Contains(code))
        {
            inspector.ConflictCreditCodes = string.Join(",", codes.Append(code).Order(StringComparer.Ordinal));
            await db.SaveChangesAsync(cancellationToken);
        }

        return new InspectorChange(inspector, []);
    }

    public static bool MayManage(ClaimsPrincipal user, int departmentId) =>
        user.IsInRole(Roles.Admin) || (user.IsInRole(Roles.DeptHead) && user.DepartmentId() == departmentId);

    public async Task<bool> MayDeclareAsync(ClaimsPrincipal user, Inspector inspector, CancellationToken cancellationToken) =>
        MayManage(user, inspector.DepartmentId)
        || (user.IsInRole(Roles.Inspector) && await accounts.IsOfficerAsync(user.ActorName(), inspector.Id, cancellationToken));
}
