using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QualityCity.Domain.Planning;
using QualityCity.Domain.Registry;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.ReferenceData.Contracts;
using QualityCity.Web.Modules.Registry.Contracts;
using QualityCity.Web.Modules.Registry.GradeEntities;

namespace QualityCity.Web.Modules.Registry.GradeObjections;

/// <summary>An objection as the enterprise files it.</summary>
public sealed record ObjectionRequest(string? Reason);

/// <summary>The grading department head's answer: <c>upheld</c> with the new grade, or <c>rejected</c>; the answer text either way.</summary>
public sealed record ObjectionAnswerRequest(string? Decision, string? Grade, string? Answer);

/// <summary>An objection as the pages and the API show it.</summary>
/// <param name="AnswerDueOn">The last day to answer (China date), <see cref="RegistryOptions.ObjectionAnswerWorkingDays"/> working days after filing.</param>
/// <param name="Overdue">Still open after its last day.</param>
public sealed record ObjectionView(long Id, string CreditCode, string EntityName, string Grade, string Reason, string FiledBy, DateTime FiledAtUtc, string State,
    string? NewGrade, string? Answer, string? AnsweredBy, DateTime? AnsweredAtUtc, DateOnly AnswerDueOn, bool Overdue);

/// <summary>A page of objections.</summary>
public sealed record ObjectionPage(int Total, int Page, int PageSize, IReadOnlyList<ObjectionView> Items);

/// <summary>
/// The enterprise's objection to its grade (申诉) and its answer, one path for the pages and the
/// API. Every change is saved through the audited save; an upheld objection sets the manual grade
/// through the same service as an override, with the answer as its reason.
/// </summary>
public sealed class GradeObjectionWork(QualityCityDbContext db, RiskGradingService grading, IDepartmentCodes departments, IOptions<RegistryOptions> options,
    Text text, PlatformClock clock)
{
    public const int MinReasonLength = 5;
    public const int MaxReasonLength = 500;

    public async Task<WorkResult> FileAsync(string code, ObjectionRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        code = CreditCode.Canonical(code);
        if (!user.IsInRole(Roles.Enterprise) || user.CreditCode() != code)
        {
            return WorkResult.Refused(StatusCodes.Status403Forbidden, text["只有企业本身可以对本企业的风险等级提出申诉"]);
        }

        var entity = await db.MarketEntities.AsNoTracking().Where(e => e.CreditCode == code).Select(e => new { e.RiskGrade }).FirstOrDefaultAsync(cancellationToken);
        if (entity is null)
        {
            return WorkResult.Refused(StatusCodes.Status404NotFound, text.Format("没有统一社会信用代码为 {0} 的市场主体", code));
        }

        var reason = request.Reason?.Trim() ?? string.Empty;
        if (reason.Length < MinReasonLength || reason.Length > MaxReasonLength)
        {
            return WorkResult.Invalid("reason", text.Format("请写明申诉理由（{0}–{1} 字）", MinReasonLength, MaxReasonLength));
        }

        if (await db.GradeObjections.AnyAsync(o => o.CreditCode == code && o.State == GradeObjectionStates.Open, cancellationToken))
        {
            return WorkResult.Refused(StatusCodes.Status409Conflict, text["已有一件申诉正在处理，答复后才能再次申诉"]);
        }

        var objection = new GradeObjection
        {
            CreditCode = code, Grade = entity.RiskGrade ?? RiskGrades.Green, Reason = reason, FiledBy = user.ActorName(), FiledAtUtc = clock.UtcNow,
            State = GradeObjectionStates.Open,
        };
        db.GradeObjections.Add(objection);
        await db.SaveChangesAsync(cancellationToken);
        return WorkResult.Ok(await ViewAsync(objection, cancellationToken));
    }

    /// <summary>The grading department's head answers; nobody else (ADR 0026).</summary>
    public async Task<bool> MayAnswerAsync(ClaimsPrincipal user, CancellationToken cancellationToken) =>
        user.IsInRole(Roles.DeptHead) && user.DepartmentId() is { } department
        && string.Equals(await departments.CodeOfAsync(department, cancellationToken), options.Value.GradingDepartment, StringComparison.Ordinal);

    /// <summary>Who reads the list of every enterprise's objections: the one who answers, and the administrator and coordinator who oversee.</summary>
    public async Task<bool> MayReadAllAsync(ClaimsPrincipal user, CancellationToken cancellationToken) =>
        user.SeesAllDepartments() || await MayAnswerAsync(user, cancellationToken);

    public async Task<WorkResult> AnswerAsync(long id, ObjectionAnswerRequest request, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (!await MayAnswerAsync(user, cancellationToken))
        {
            return WorkResult.Refused(StatusCodes.Status403Forbidden, text["申诉由负责风险分级的部门负责人答复"]);
        }

        var objection = await db.GradeObjections.FirstOrDefaultAsync(o => o.Id == id, cancellationToken);
        if (objection is null)
        {
            return WorkResult.Refused(StatusCodes.Status404NotFound, text["没有这件申诉"]);
        }

        if (objection.State != GradeObjectionStates.Open)
        {
            return WorkResult.Refused(StatusCodes.Status409Conflict, text["这件申诉已经答复"]);
        }

        var errors = new Dictionary<string, string[]>();
        RiskGrade? grade = null;
        if (request.Decision is not (GradeObjectionStates.Upheld or GradeObjectionStates.Rejected))
        {
            errors["decision"] = [text["请选择“申诉成立”或“申诉不成立”"]];
        }
        else if (request.Decision == GradeObjectionStates.Upheld)
        {
            if (request.Grade is { Length: > 0 } name && !int.TryParse(name, out _) && Enum.TryParse<RiskGrade>(name, ignoreCase: true, out var parsed))
            {
                grade = parsed;
            }
            else
            {
                errors["grade"] = [text["申诉成立时请选择调整后的风险等级"]];
            }
        }

        var answer = request.Answer?.Trim() ?? string.Empty;
        if (answer.Length < MinReasonLength || answer.Length > MaxReasonLength)
        {
            errors["answer"] = [text.Format("请写明答复意见（{0}–{1} 字）", MinReasonLength, MaxReasonLength)];
        }

        if (errors.Count > 0)
        {
            return WorkResult.Invalid(errors);
        }

        if (grade is { } newGrade)
        {
            // The same path as an override: the answer is the manual grade's reason; saved below with the answer.
            await grading.OverrideAsync(objection.CreditCode, newGrade, answer, user.ActorName(), cancellationToken, GradeChangeKinds.Objection, save: false);
            objection.NewGrade = newGrade.ToString().ToLowerInvariant();
        }

        objection.State = request.Decision!;
        objection.Answer = answer;
        objection.AnsweredBy = user.ActorName();
        objection.AnsweredAtUtc = clock.UtcNow;
        await db.SaveChangesAsync(cancellationToken);
        return WorkResult.Ok(await ViewAsync(objection, cancellationToken));
    }

    /// <summary>One enterprise's objections, newest first.</summary>
    public async Task<IReadOnlyList<ObjectionView>> OfEntityAsync(string code, CancellationToken cancellationToken) =>
        await ViewsAsync(db.GradeObjections.AsNoTracking().Where(o => o.CreditCode == code).OrderByDescending(o => o.FiledAtUtc).ThenByDescending(o => o.Id).Take(50),
            cancellationToken);

    /// <summary>Every enterprise's objections in one state (or all), oldest open first so the longest waiting is answered first.</summary>
    public async Task<ObjectionPage> ListAsync(string? state, int page, int pageSize, CancellationToken cancellationToken)
    {
        page = Math.Max(1, page);
        pageSize = Math.Clamp(pageSize, 1, 200);
        var query = db.GradeObjections.AsNoTracking();
        if (state is { Length: > 0 })
        {
            query = query.Where(o => o.State == state);
        }

        var total = await query.CountAsync(cancellationToken);
        var items = await ViewsAsync(query.OrderBy(o => o.State == GradeObjectionStates.Open ? 0 : 1).ThenBy(o => o.FiledAtUtc).ThenBy(o => o.Id)
            .Skip((page - 1) * pageSize).Take(pageSize), cancellationToken);
        return new ObjectionPage(total, page, pageSize, items);
    }

    private async Task<ObjectionView> ViewAsync(GradeObjection objection, CancellationToken cancellationToken) =>
        (await ViewsAsync([objection], cancellationToken))[0];

    private async Task<IReadOnlyList<ObjectionView>> ViewsAsync(IQueryable<GradeObjection> query, CancellationToken cancellationToken) =>
        await ViewsAsync(await query.ToListAsync(cancellationToken), cancellationToken);

    private async Task<IReadOnlyList<ObjectionView>> ViewsAsync(IReadOnlyList<GradeObjection> objections, CancellationToken cancellationToken)
    {
        var codes = objections.Select(o => o.CreditCode).Distinct().ToList();
        var names = await db.MarketEntities.AsNoTracking().Where(e => codes.Contains(e.CreditCode)).ToDictionaryAsync(e => e.CreditCode, e => e.Name, cancellationToken);
        var calendar = await WorkingCalendar.LoadAsync(db, cancellationToken);
        var today = clock.Today;
        return objections.Select(o =>
        {
            var due = calendar.AddWorkingDays(DateOnly.FromDateTime(ChinaTime.FromUtc(o.FiledAtUtc)), options.Value.ObjectionAnswerWorkingDays).Date;
            return new ObjectionView(o.Id, o.CreditCode, names.GetValueOrDefault(o.CreditCode, o.CreditCode), o.Grade, o.Reason, o.FiledBy,
                o.FiledAtUtc, o.State, o.NewGrade, o.Answer, o.AnsweredBy, o.AnsweredAtUtc, due, o.State == GradeObjectionStates.Open && today > due);
        }).ToList();
    }
}
