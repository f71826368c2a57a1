using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Planning.Contracts;
using QualityCity.Web.Modules.Planning.DrawPlan;

namespace QualityCity.Web.Modules.Planning.PublishPlan;

/// <summary>The outcome of an approval or publication: done, or refused with the HTTP status, the field and the reason.</summary>
/// The message is English (the API's language); <see cref="Describe"/> gives the reason in the
/// reader's language, with department codes by name, for the pages.
public sealed record PlanActionResult(int Status, string Field, string Message)
{
    public static readonly PlanActionResult Done = new(StatusCodes.Status200OK, string.Empty, string.Empty);

    public bool Succeeded => Status == StatusCodes.Status200OK;

    /// <summary>The reason as a Chinese template, and its values (a department's code, or a list of them).</summary>
    private string Reason { get; init; } = string.Empty;

    private object?[] Values { get; init; } = [];

    public static PlanActionResult Refused(int status, string field, string reason, params object?[] values) =>
        new(status, field, string.Format(CultureInfo.InvariantCulture, Text.Loaded.English(reason), [.. values.Select(v => v is IEnumerable<string> list ? string.Join(", ", list) : v)]))
        {
            Reason = reason, Values = values,
        };

    /// <summary>The reason in the reader's language; <paramref name="name"/> names what the values code (departments).</summary>
    public string Describe(Text text, Func<string, string> name) =>
        Reason.Length == 0
            ? Message
            : text.Format(Reason, [.. Values.Select(v => v switch
            {
                string code => name(code),
                IEnumerable<string> list => string.Join(text["、"], list.Select(name)),
                _ => v,
            })]);
}

/// <summary>One day of a plan: the visits planned on it and their obligations.</summary>
public sealed record PlanDay(DateOnly Day, int Visits, int Obligations);

/// <summary>Where a drawn plan stands on the way to publication (INS-10).</summary>
/// <param name="Departments">Every department with visits in the plan.</param>
/// <param name="Approvals">The approvals given so far.</param>
/// <param name="Deadline">The day the year's plan must be published by.</param>
public sealed record PlanApprovalState(IReadOnlyList<string> Departments, IReadOnlyList<PlanApproval> Approvals, DateOnly Deadline)
{
    public IEnumerable<string> Missing => Departments.Where(d => Approvals.All(a => a.Department != d));
}

/// <summary>
/// INS-10: each department head approves the department's part of a drawn plan; then the
/// coordinator publishes it, acknowledging in a note every flagged cap violation and understaffed
/// visit. Publishing registers the plan's visits with their codes (EXE-1); publishing a re-draw
/// supersedes the year's earlier published plan, which stays visible, and cancels its visits that
/// have not happened. The plan is read from its rows; counts over a whole plan are kept, as a drawn plan never changes.
/// </summary>
public sealed class PlanPublication(QualityCityDbContext db, IMemoryCache cache, IOptions<PlanningOptions> options,
    IPlanPublishedHandler published, PlatformClock clock)
{
    private static readonly MemoryCacheEntryOptions Kept = new() { SlidingExpiration = TimeSpan.FromMinutes(30), Size = 1 };

    /// <summary>Every department with obligations in the plan, in code order.</summary>
    public Task<IReadOnlyList<string>> DepartmentsAsync(int drawId, CancellationToken cancellationToken) =>
        KeptAsync(("plan-departments", drawId), async () => (IReadOnlyList<string>)(await db.PlannedObligations.AsNoTracking().Where(o => o.DrawId == drawId)
            .Select(o => o.Department).Distinct().ToListAsync(cancellationToken)).Order(StringComparer.Ordinal).ToList());

    /// <summary>The recognised obligations of the plan per department.</summary>
    public Task<IReadOnlyDictionary<string, int>> RecognisedAsync(int drawId, CancellationToken cancellationToken) =>
        KeptAsync(("plan-recognised", drawId), async () => (IReadOnlyDictionary<string, int>)await db.PlannedRecognitions.AsNoTracking()
            .Where(r => r.DrawId == drawId).GroupBy(r => r.Department).Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(g => g.Key, g => g.Count, StringComparer.Ordinal, cancellationToken));

    /// <summary>A figure of a drawn plan, counted once and kept: a drawn plan never changes.</summary>
    private async Task<T> KeptAsync<T>(object key, Func<Task<T>> count)
    {
        if (cache.TryGetValue(key, out T? kept))
        {
            return kept!;
        }

        var value = await count();
        cache.Set(key, value, Kept);
        return value;
    }

    /// <summary>
    /// The plan's days: per planned day, the visits (with an obligation of <paramref name="department"/>
    /// when one is given) and their obligations (of that department). Counted once per draw and
    /// department by the database and kept: a drawn plan never changes.
    /// </summary>
    public Task<IReadOnlyList<PlanDay>> DaysAsync(int drawId, string? department, CancellationToken cancellationToken) =>
        KeptAsync(("plan-days", drawId, department ?? string.Empty), async () =>
        {
            var obligations = db.PlannedObligations.AsNoTracking().Where(o => o.DrawId == drawId);
            if (!string.IsNullOrEmpty(department))
            {
                obligations = obligations.Where(o => o.Department == department);
            }

            return (IReadOnlyList<PlanDay>)(await obligations
                .Join(db.PlannedVisits, o => new { o.DrawId, Position = o.VisitPosition }, v => new { v.DrawId, v.Position }, (o, v) => new { v.Date, o.VisitPosition })
                .GroupBy(x => x.Date)
                .Select(g => new { Day = g.Key, Visits = g.Select(x => x.VisitPosition).Distinct().Count(), Obligations = g.Count() })
                .ToListAsync(cancellationToken)).Select(d => new PlanDay(d.Day, d.Visits, d.Obligations)).OrderBy(d => d.Day).ToList();
        });

    public async Task<PlanApprovalState> StateAsync(PlanDrawRecord draw, CancellationToken cancellationToken)
    {
        var departments = await DepartmentsAsync(draw.Id, cancellationToken);
        var approvals = await db.PlanApprovals.AsNoTracking().Where(a => a.DrawId == draw.Id).OrderBy(a => a.Department).ToListAsync(cancellationToken);
        return new PlanApprovalState(departments, approvals, options.Value.DeadlineFor(draw.Year));
    }

    /// <summary>A department head approves the department's part of the plan.</summary>
    public async Task<PlanActionResult> ApproveAsync(int drawId, ClaimsPrincipal user, string? note, CancellationToken cancellationToken)
    {
        var draw = await db.PlanDraws.AsNoTracking().FirstOrDefaultAsync(d => d.Id == drawId, cancellationToken);
        if (draw is null)
        {
            return PlanActionResult.Refused(StatusCodes.Status404NotFound, "drawId", "抽取 {0} 不存在", drawId);
        }

        if (!user.IsInRole(Roles.DeptHead) || user.DepartmentId() is not { } departmentId)
        {
            return PlanActionResult.Refused(StatusCodes.Status403Forbidden, "user", "只有部门负责人可以批准本部门的计划部分");
        }

        if (draw.Status != PlanStatus.Drawn)
        {
            return PlanActionResult.Refused(StatusCodes.Status409Conflict, "status", "计划已发布或已被取代：批准须在发布前作出");
        }

        var department = await db.Departments.Where(d => d.Id == departmentId).Select(d => d.Code).FirstAsync(cancellationToken);
        var state = await StateAsync(draw, cancellationToken);
        if (!state.Departments.Contains(department))
        {
            return PlanActionResult.Refused(StatusCodes.Status400BadRequest, "department", "计划中没有{0}的检查", department);
        }

        if (state.Approvals.Any(a => a.Department == department))
        {
            return PlanActionResult.Refused(StatusCodes.Status409Conflict, "department", "{0}已经批准过本计划", department);
        }

        db.PlanApprovals.Add(new PlanApproval
        {
            DrawId = drawId, Department = department, Actor = user.ActorName(), Note = note?.Trim() ?? string.Empty, ApprovedAtUtc = clock.UtcNow,
        });
        await db.SaveChangesAsync(cancellationToken);
        return PlanActionResult.Done;
    }

    /// <summary>The coordinator publishes an approved plan.</summary>
    public async Task<PlanActionResult> PublishAsync(int drawId, ClaimsPrincipal user, string? note, CancellationToken cancellationToken)
    {
        if (!user.IsInRole(Roles.Coordinator) && !user.IsInRole(Roles.Admin))
        {
            return PlanActionResult.Refused(StatusCodes.Status403Forbidden, "user", "只有协调人可以发布计划");
        }

        var draw = await db.PlanDraws.FirstOrDefaultAsync(d => d.Id == drawId, cancellationToken);
        if (draw is null)
        {
            return PlanActionResult.Refused(StatusCodes.Status404NotFound, "drawId", "抽取 {0} 不存在", drawId);
        }

        if (draw.Status != PlanStatus.Drawn)
        {
            return PlanActionResult.Refused(StatusCodes.Status409Conflict, "status", "计划已发布或已被取代");
        }

        var missing = (await StateAsync(draw, cancellationToken)).Missing.ToList();
        if (missing.Count > 0)
        {
            return PlanActionResult.Refused(StatusCodes.Status400BadRequest, "approvals", "尚未批准的部门：{0}", missing);
        }

        if (draw.CapViolations + draw.Understaffed > 0 && string.IsNullOrWhiteSpace(note))
        {
            return PlanActionResult.Refused(StatusCodes.Status400BadRequest, "note",
                "计划有 {0} 项超出频次上限、{1} 次检查人员不足：发布须写明保留的理由", draw.CapViolations, draw.Understaffed);
        }

        // Published with its visits registered, or not at all: a failure half-way leaves the plan drawn, to be published again.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(cancellationToken) : null;
        foreach (var earlier in await db.PlanDraws.Where(d => d.Year == draw.Year && d.Status == PlanStatus.Published).ToListAsync(cancellationToken))
        {
            earlier.Status = PlanStatus.Superseded;
        }

        draw.Status = PlanStatus.Published;
        draw.PublishedAtUtc = clock.UtcNow;
        draw.PublishedBy = user.ActorName();
        draw.PublicationNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        await db.SaveChangesAsync(cancellationToken);
        // Published visits are registered with their codes (EXE-1).
        await published.PlanPublishedAsync(draw.Id, user.ActorName(), cancellationToken);
        if (transaction is not null)
        {
            await transaction.CommitAsync(cancellationToken);
        }

        return PlanActionResult.Done;
    }
}
