using System.Security.Claims;
using QualityCity.Domain.Planning;
using QualityCity.Domain.Registry;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.Registry.GradeEntities;

/// <summary>A manual grade as the API and the entity page ask for it.</summary>
public sealed record GradeOverrideRequest(string? Grade, string? Reason);

/// <summary>
/// The one path of a manual grade, for the API (PUT …/grade-override) and the entity page: the same
/// checks, the same service, the same audit entry. The refusals name the field in the user's language.
/// </summary>
public sealed class GradeOverrideWork(RiskGradingService grading, Text text)
{
    /// <summary>Longest reason kept with a manual grade.</summary>
    public const int MaxReasonLength = 500;

    /// <summary>Who may set a grade by hand: the roles of the Supervisors policy.</summary>
    public static bool MayOverride(ClaimsPrincipal user) =>
        user.IsInRole(Roles.Admin) || user.IsInRole(Roles.Coordinator) || user.IsInRole(Roles.DeptHead);

    public async Task<WorkResult> OverrideAsync(string code, GradeOverrideRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!MayOverride(user))
        {
            return WorkResult.Refused(StatusCodes.Status403Forbidden, text["只有管理员、统筹部门和部门负责人可以调整风险等级"]);
        }

        RiskGrade? grade = null;
        if (request.Grade is { Length: > 0 } name)
        {
            if (!Enum.TryParse<RiskGrade>(name, ignoreCase: true, out var parsed) || int.TryParse(name, out _))
            {
                return WorkResult.Invalid("grade", text["风险等级须为红色、黄色或绿色（留空则取消人工调整）"]);
            }

            grade = parsed;
            var reason = request.Reason?.Trim() ?? string.Empty;
            if (reason.Length == 0)
            {
                return WorkResult.Invalid("reason", text["人工调整风险等级须写明理由"]);
            }

            if (reason.Length > MaxReasonLength)
            {
                return WorkResult.Invalid("reason", text.Format("理由最多 {0} 字", MaxReasonLength));
            }
        }

        var entity = await grading.OverrideAsync(CreditCode.Canonical(code), grade, request.Reason, user.ActorName(), cancellationToken);
        return entity is null
            ? WorkResult.Refused(StatusCodes.Status404NotFound, text.Format("没有统一社会信用代码为 {0} 的市场主体", code))
            : WorkResult.Ok(new { creditCode = entity.CreditCode, grade = entity.RiskGrade, reasons = RiskGradingService.ReasonsOf(entity) });
    }
}
