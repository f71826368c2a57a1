using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.ReferenceData.Contracts;

namespace QualityCity.Web.Modules.Development.Commissioners;

public sealed record CommissionerView(int Id, string Name, string DepartmentCode, string? Phone, string? UserName);

public sealed record VisitView(DateOnly VisitedOn, string Kind, string Notes, string RecordedBy);

/// <summary>A problem as the pages show it; <see cref="Escalated"/> when past its deadline and not solved.</summary>
public sealed record ProblemView(long Id, string CreditCode, string Title, string Detail, DateTime RaisedAtUtc, string? OwnerDepartment, DateOnly? DueOn,
    string Status, bool Escalated, string? Resolution, DateOnly? SolvedOn);

/// <summary>What one enterprise's page shows of the programme: its commissioner, the visits (staff only) and its problems.</summary>
public sealed record EnterpriseService(CommissionerView? Commissioner, IReadOnlyList<VisitView> Visits, IReadOnlyList<ProblemView> Problems);

/// <summary>One enterprise on a commissioner's list.</summary>
public sealed record CommissionedRow(string CreditCode, string Name, DateOnly Since, DateOnly? LastVisit, int OpenProblems, int Escalated);

/// <summary>One commissioner on the bureau's overview.</summary>
public sealed record CommissionerRow(CommissionerView Commissioner, int Enterprises, int VisitsThisYear, int OpenProblems, int Escalated);

/// <summary>The outcome of a change: done, or refused with the field and the reason (a 400), or not found (a 404).</summary>
public sealed record ServiceChange(bool Done, bool NotFound, string? Field, string? Reason)
{
    public static readonly ServiceChange Ok = new(true, false, null, null);
    public static readonly ServiceChange Missing = new(false, true, null, null);

    public static ServiceChange Refused(string field, string reason) => new(false, false, field, reason);
}

/// <summary>
/// Service commissioners (DEV-2): who may see an enterprise of the programme, its commissioner, visits
/// and problems, and the changes — an enterprise raises a problem, its commissioner (or the
/// coordinator) hands it to an owner department with a deadline of <see cref="ProblemWorkingDays"/>
/// working days, logs visits, and marks problems solved. A problem past its deadline is escalated:
/// it shows on the bureau's overview and is marked on the enterprise's page until solved.
/// </summary>
public sealed class CommissionerWork(QualityCityDbContext db, PlatformClock clock)
{
    /// <summary>The owner department's time to solve a problem, in working days from the hand-over.</summary>
    public const int ProblemWorkingDays = 10;

    public static readonly IReadOnlyList<string> VisitKinds = ["visit", "help"];

    /// <summary>
    /// Whether <paramref name="user"/> may see <paramref name="creditCode"/>'s development page: the
    /// enterprise itself, the administrator and the coordinator any enterprise, any other official only
    /// the enterprises they are commissioner of.
    /// </summary>
    public async Task<bool> MaySeeAsync(ClaimsPrincipal user, string creditCode, CancellationToken cancellationToken)
    {
        if (user.IsInRole(Roles.Enterprise))
        {
            return string.Equals(user.CreditCode(), creditCode, StringComparison.Ordinal);
        }

        return user.SeesAllDepartments() || (user.IsStaff() && await IsCommissionerOfAsync(user, creditCode, cancellationToken));
    }

    /// <summary>Whether the signed-in official is the commissioner of <paramref name="creditCode"/>.</summary>
    public async Task<bool> IsCommissionerOfAsync(ClaimsPrincipal user, string creditCode, CancellationToken cancellationToken)
    {
        var name = user.Identity?.Name;
        return name is not null && await db.CommissionedEnterprises.AsNoTracking()
            .Where(c => c.CreditCode == creditCode)
            .Join(db.Commissioners.Where(m => m.UserName == name && m.Active), c => c.CommissionerId, m => m.Id, (c, m) => c.Id)
            .AnyAsync(cancellationToken);
    }

    /// <summary>The commissioner linked to the signed-in official's account, if any.</summary>
    public async Task<CommissionerView?> OwnCommissionerAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var name = user.Identity?.Name;
        return name is null ? null : await db.Commissioners.AsNoTracking().Where(m => m.UserName == name)
            .Select(m => new CommissionerView(m.Id, m.Name, m.DepartmentCode, m.Phone, m.UserName)).FirstOrDefaultAsync(cancellationToken);
    }

    public async Task<EnterpriseService> ForEnterpriseAsync(string creditCode, bool withVisits, CancellationToken cancellationToken)
    {
        var commissioner = await db.CommissionedEnterprises.AsNoTracking().Where(c => c.CreditCode == creditCode)
            .Join(db.Commissioners, c => c.CommissionerId, m => m.Id, (c, m) => new CommissionerView(m.Id, m.Name, m.DepartmentCode, m.Phone, m.UserName))
            .FirstOrDefaultAsync(cancellationToken);
        var visits = withVisits
            ? await db.CommissionerVisits.AsNoTracking().Where(v => v.CreditCode == creditCode).OrderByDescending(v => v.VisitedOn).ThenByDescending(v => v.Id)
                .Select(v => new VisitView(v.VisitedOn, v.Kind, v.Notes, v.RecordedBy)).ToListAsync(cancellationToken)
            : [];
        var problems = await db.EnterpriseProblems.AsNoTracking().Where(p => p.CreditCode == creditCode).OrderByDescending(p => p.RaisedAtUtc).ThenByDescending(p => p.Id)
            .ToListAsync(cancellationToken);
        return new EnterpriseService(commissioner, visits, [.. problems.Select(View)]);
    }

    /// <summary>The enterprises of the signed-in official's commissioner record, or null when the account is no commissioner.</summary>
    public async Task<(CommissionerView Commissioner, IReadOnlyList<CommissionedRow> Enterprises)?> OwnEnterprisesAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (await OwnCommissionerAsync(user, cancellationToken) is not { } commissioner)
        {
            return null;
        }

        var rows = await RowsAsync(db.CommissionedEnterprises.AsNoTracking().Where(c => c.CommissionerId == commissioner.Id), cancellationToken);
        return (commissioner, rows);
    }

    /// <summary>Every commissioner with their counts, and the escalated problems, for the bureau.</summary>
    public async Task<(IReadOnlyList<CommissionerRow> Commissioners, IReadOnlyList<ProblemView> Escalated)> OverviewAsync(CancellationToken cancellationToken)
    {
        var today = clock.Today;
        var yearStart = new DateOnly(today.Year, 1, 1);
        var commissioners = await db.Commissioners.AsNoTracking().OrderBy(m => m.Id).ToListAsync(cancellationToken);
        var enterprises = await db.CommissionedEnterprises.AsNoTracking().Select(c => new { c.CommissionerId, c.CreditCode }).ToListAsync(cancellationToken);
        var visits = await db.CommissionerVisits.AsNoTracking().Where(v => v.VisitedOn >= yearStart).GroupBy(v => v.CommissionerId)
            .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, cancellationToken);
        var open = await db.EnterpriseProblems.AsNoTracking().Where(p => p.Status != "solved").ToListAsync(cancellationToken);
        var byCode = enterprises.ToDictionary(e => e.CreditCode, e => e.CommissionerId, StringComparer.Ordinal);
        var openBy = open.Where(p => byCode.ContainsKey(p.CreditCode)).GroupBy(p => byCode[p.CreditCode]).ToDictionary(g => g.Key, g => g.ToList());
        var rows = commissioners.Select(m => new CommissionerRow(new CommissionerView(m.Id, m.Name, m.DepartmentCode, m.Phone, m.UserName),
            enterprises.Count(e => e.CommissionerId == m.Id), visits.GetValueOrDefault(m.Id),
            openBy.GetValueOrDefault(m.Id)?.Count ?? 0, openBy.GetValueOrDefault(m.Id)?.Count(p => IsEscalated(p, today)) ?? 0)).ToList();
        var escalated = open.Where(p => IsEscalated(p, today)).OrderBy(p => p.DueOn).ThenBy(p => p.Id).Select(View).ToList();
        return (rows, escalated);
    }

    /// <summary>An enterprise raises a problem with its commissioner.</summary>
    public async Task<ServiceChange> RaiseAsync(string creditCode, string? title, string? detail, string actor, CancellationToken cancellationToken)
    {
        title = title?.Trim();
        detail = detail?.Trim() ?? string.Empty;
        if (string.IsNullOrEmpty(title) || title.Length > 100)
        {
            return ServiceChange.Refused("title", "问题标题必填，最多 100 字 — the title is required, at most 100 characters");
        }

        if (detail.Length > 2000)
        {
            return ServiceChange.Refused("detail", "问题描述最多 2000 字 — the description is at most 2,000 characters");
        }

        if (!await db.CommissionedEnterprises.AnyAsync(c => c.CreditCode == creditCode, cancellationToken))
        {
            return ServiceChange.Refused("code", "该企业没有服务专员 — the enterprise has no service commissioner");
        }

        var now = clock.UtcNow;
        db.EnterpriseProblems.Add(new EnterpriseProblem
        {
            CreditCode = creditCode, Title = title, Detail = detail, RaisedBy = actor, RaisedAtUtc = now, Status = "open", UpdatedAtUtc = now,
        });
        await db.SaveChangesAsync(cancellationToken);
        return ServiceChange.Ok;
    }

    /// <summary>The commissioner hands a problem of <paramref name="creditCode"/> to an owner department; the deadline runs from today.</summary>
    public async Task<ServiceChange> AssignAsync(string creditCode, long problemId, string? department, CancellationToken cancellationToken)
    {
        var problem = await db.EnterpriseProblems.FirstOrDefaultAsync(p => p.Id == problemId && p.CreditCode == creditCode, cancellationToken);
        if (problem is null)
        {
            return ServiceChange.Missing;
        }

        if (string.IsNullOrWhiteSpace(department) || !await db.Departments.AnyAsync(d => d.Code == department, cancellationToken))
        {
            return ServiceChange.Refused("department", "请选择承办部门 — choose an existing owner department");
        }

        if (problem.Status == "solved")
        {
            return ServiceChange.Refused("problem", "问题已解决 — the problem is already solved");
        }

        var calendar = await WorkingCalendar.LoadAsync(db, cancellationToken);
        problem.OwnerDepartment = department;
        problem.DueOn = calendar.AddWorkingDays(clock.Today, ProblemWorkingDays).Date;
        problem.Status = "assigned";
        problem.UpdatedAtUtc = clock.UtcNow;
        await db.SaveChangesAsync(cancellationToken);
        return ServiceChange.Ok;
    }

    /// <summary>Marks a problem solved with what was done.</summary>
    public async Task<ServiceChange> SolveAsync(string creditCode, long problemId, string? resolution, CancellationToken cancellationToken)
    {
        var problem = await db.EnterpriseProblems.FirstOrDefaultAsync(p => p.Id == problemId && p.CreditCode == creditCode, cancellationToken);
        if (problem is null)
        {
            return ServiceChange.Missing;
        }

        resolution = resolution?.Trim();
        if (string.IsNullOrEmpty(resolution) || resolution.Length > 2000)
        {
            return ServiceChange.Refused("resolution", "请写明解决情况，最多 2000 字 — say how it was solved, at most 2,000 characters");
        }

        problem.Status = "solved";
        problem.Resolution = resolution;
        problem.SolvedOn = clock.Today;
        problem.UpdatedAtUtc = clock.UtcNow;
        await db.SaveChangesAsync(cancellationToken);
        return ServiceChange.Ok;
    }

    /// <summary>The commissioner of <paramref name="creditCode"/> logs a visit or a piece of help.</summary>
    public async Task<ServiceChange> LogVisitAsync(string creditCode, DateOnly? visitedOn, string? kind, string? notes, string actor, CancellationToken cancellationToken)
    {
        var assignment = await db.CommissionedEnterprises.AsNoTracking().FirstOrDefaultAsync(c => c.CreditCode == creditCode, cancellationToken);
        if (assignment is null)
        {
            return ServiceChange.Refused("code", "该企业没有服务专员 — the enterprise has no service commissioner");
        }

        if (visitedOn is not { } day || day > clock.Today || day < clock.Today.AddYears(-1))
        {
            return ServiceChange.Refused("visitedOn", "日期应在过去一年内，不晚于今天 — the date must be within the past year, not after today");
        }

        if (kind is null || !VisitKinds.Contains(kind))
        {
            return ServiceChange.Refused("kind", "类型应为 visit 或 help — the kind must be visit or help");
        }

        notes = notes?.Trim();
        if (string.IsNullOrEmpty(notes) || notes.Length > 2000)
        {
            return ServiceChange.Refused("notes", "请填写记录，最多 2000 字 — the notes are required, at most 2,000 characters");
        }

        db.CommissionerVisits.Add(new CommissionerVisit
        {
            CreditCode = creditCode, CommissionerId = assignment.CommissionerId, VisitedOn = day, Kind = kind, Notes = notes, RecordedBy = actor,
            RecordedAtUtc = clock.UtcNow,
        });
        await db.SaveChangesAsync(cancellationToken);
        return ServiceChange.Ok;
    }

    private async Task<IReadOnlyList<CommissionedRow>> RowsAsync(IQueryable<CommissionedEnterprise> assignments, CancellationToken cancellationToken)
    {
        var today = clock.Today;
        var list = await assignments.Join(db.MarketEntities, c => c.CreditCode, e => e.CreditCode, (c, e) => new { c.CreditCode, e.Name, c.Since })
            .ToListAsync(cancellationToken);
        var codes = list.Select(l => l.CreditCode).ToList();
        var lastVisits = await db.CommissionerVisits.AsNoTracking().Where(v => codes.Contains(v.CreditCode)).GroupBy(v => v.CreditCode)
            .Select(g => new { g.Key, Last = g.Max(v => v.VisitedOn) }).ToDictionaryAsync(g => g.Key, g => g.Last, StringComparer.Ordinal, cancellationToken);
        var open = await db.EnterpriseProblems.AsNoTracking().Where(p => codes.Contains(p.CreditCode) && p.Status != "solved").ToListAsync(cancellationToken);
        return [.. list.OrderBy(l => l.Name, StringComparer.Ordinal).Select(l => new CommissionedRow(l.CreditCode, l.Name, l.Since,
            lastVisits.TryGetValue(l.CreditCode, out var last) ? last : null,
            open.Count(p => p.CreditCode == l.CreditCode), open.Count(p => p.CreditCode == l.CreditCode && IsEscalated(p, today))))];
    }

    private ProblemView View(EnterpriseProblem p) => new(p.Id, p.CreditCode, p.Title, p.Detail, p.RaisedAtUtc, p.OwnerDepartment, p.DueOn, p.Status,
        IsEscalated(p, clock.Today), p.Resolution, p.SolvedOn);

    private static bool IsEscalated(EnterpriseProblem p, DateOnly today) => p.Status != "solved" && p.DueOn is { } due && due < today;
}
