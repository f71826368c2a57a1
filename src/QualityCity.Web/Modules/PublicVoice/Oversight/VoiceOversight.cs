using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.PublicVoice;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.ReferenceData.Contracts;

namespace QualityCity.Web.Modules.PublicVoice.Oversight;

/// <summary>What one deadline scan did: items warned (entering 预警) and escalated (entering 超期).</summary>
public sealed record VoiceScanResult(int Warned, int Escalated);

/// <summary>One department's line of the 督办 dashboard; <see cref="Department"/> is empty for items not yet dispatched (the coordinator's).</summary>
public sealed record OversightDepartmentRow(string Department, string Name, int Open, int DueSoon, int Overdue, int Escalated, int Answered, int AnsweredOnTime,
    double? OnTimeRate);

/// <summary>An item past its deadline, with how many working days late it is. No contact and no description.</summary>
public sealed record OverdueRow(string TrackingCode, string Kind, string KindName, string Category, string? Department, string DepartmentName, string State,
    string StateName, string Step, DateTimeOffset DueAt, DateOnly DueDate, int WorkingDaysLate, bool Escalated, bool Urgent);

/// <summary>The submitters' ratings, follow-ups and reopenings of one department in one month (China time, yyyy-MM).</summary>
public sealed record OversightRatingRow(string Department, string Name, string Month, int Satisfied, int BasicallySatisfied, int Dissatisfied, int FollowUps,
    int Reopened);

/// <summary>The 督办 dashboard: counts now, answers and ratings over [From, To] (China days).</summary>
public sealed record OversightReport(DateOnly From, DateOnly To, DateTimeOffset Now, bool AllDepartments, IReadOnlyList<OversightDepartmentRow> Departments,
    OversightDepartmentRow Totals, IReadOnlyList<OverdueRow> Overdue, IReadOnlyList<OversightRatingRow> Ratings);

/// <summary>
/// Supervision of deadlines (督办, VOX-4) and ratings per department (VOX-6): the scan that warns
/// about items entering their last stretch and escalates the late ones (each once per deadline,
/// written to the item's timeline by "system"), and the dashboard of counts, on-time answers,
/// overdue items and ratings. The coordinator and the administrator see every department; a
/// department head only their own. The time is the platform's clock.
/// </summary>
public sealed class VoiceOversight(QualityCityDbContext db, VoiceLabels labels, PlatformClock clock, Microsoft.Extensions.Options.IOptions<VoiceDeadlineOptions> deadlineRules)
{
    /// <summary>The actor of the scan's timeline steps.</summary>
    public const string SystemActor = "system";

    public const string WarnedAction = "warned";
    public const string EscalatedAction = "escalated";

    private static readonly string[] FinalStates = [VoiceCodes.StateCode(VoiceItemState.Closed), VoiceCodes.StateCode(VoiceItemState.Rejected),
        VoiceCodes.StateCode(VoiceItemState.Merged)];

    /// <summary>
    /// Marks every item that has entered 预警 (due soon) or 超期 (overdue) since the last scan, once
    /// per deadline: a new step's deadline can be warned about and escalated again. An item seen
    /// late straight away is escalated without a warning first.
    /// </summary>
    public async Task<VoiceScanResult> ScanAsync(CancellationToken cancellationToken)
    {
        var now = clock.UtcNow;
        var deadlines = await VoiceSchedule.LoadAsync(db, deadlineRules.Value.Rules, cancellationToken);
        // Due soon is at most a working day or an hour of working time away, which the longest
        // holiday stretches to well under three weeks.
        var horizon = now.AddDays(21);
        var candidates = await db.VoiceItems
            .Where(i => i.DeadlineUtc != null && i.DeadlineUtc < horizon && (i.EscalatedDeadlineUtc == null || i.EscalatedDeadlineUtc != i.DeadlineUtc))
            .OrderBy(i => i.Id).ToListAsync(cancellationToken);
        int warned = 0, escalated = 0;
        foreach (var item in candidates)
        {
            if (VoiceSchedule.Current(item) is not { } deadline)
            {
                continue;
            }

            var status = deadlines.Status(deadline, new DateTimeOffset(now));
            string action;
            if (status == DeadlineStatus.Overdue)
            {
                item.EscalatedDeadlineUtc = item.DeadlineUtc;
                item.WarnedDeadlineUtc = item.DeadlineUtc;
                action = EscalatedAction;
                escalated++;
            }
            else if (status == DeadlineStatus.DueSoon && item.WarnedDeadlineUtc != item.DeadlineUtc)
            {
                item.WarnedDeadlineUtc = item.DeadlineUtc;
                action = WarnedAction;
                warned++;
            }
            else
            {
                continue;
            }

            db.VoiceItemEvents.Add(new VoiceItemEvent
            {
                ItemId = item.Id, CountyCode = item.CountyCode, AtUtc = now, Actor = SystemActor, Action = action, FromState = item.State, ToState = item.State,
                Department = item.AssignedDepartment, Note = item.DeadlineStep,
            });
        }

        if (warned + escalated > 0)
        {
            db.Actor = SystemActor;
            await db.SaveChangesAsync(cancellationToken);
        }

        return new VoiceScanResult(warned, escalated);
    }

    /// <summary>The department the reader oversees: "" for every department (coordinator, administrator), a code for a department head, null for anyone else.</summary>
    public async Task<string?> ScopeAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        if (user.SeesAllDepartments())
        {
            return string.Empty;
        }

        if (!user.IsInRole(Roles.DeptHead) || user.DepartmentId() is not { } id)
        {
            return null;
        }

        return await db.Departments.AsNoTracking().Where(d => d.Id == id).Select(d => d.Code).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>How many items are escalated now for the reader: all for the coordinator, the department's for its head; 0 for anyone else.</summary>
    public async Task<int> EscalatedCountAsync(ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var scope = await ScopeAsync(user, cancellationToken);
        if (scope is null)
        {
            return 0;
        }

        var query = db.VoiceItems.AsNoTracking().Where(i => i.DeadlineUtc != null && i.EscalatedDeadlineUtc == i.DeadlineUtc);
        if (scope.Length > 0)
        {
            query = query.Where(i => i.AssignedDepartment == scope);
        }

        return await query.CountAsync(cancellationToken);
    }

    /// <summary>The dashboard for <paramref name="scope"/> ("" = every department), answers and ratings between two China days (the last twelve months by default).</summary>
    public async Task<OversightReport> ReportAsync(string scope, DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        var nowUtc = clock.UtcNow;
        var now = new DateTimeOffset(nowUtc);
        var last = to ?? clock.Today;
        var first = from ?? last.AddMonths(-12).AddDays(1);
        var fromUtc = ChinaDayStartUtc(first);
        var toUtc = ChinaDayStartUtc(last.AddDays(1));
        var all = scope.Length == 0;

        var calendar = await WorkingCalendar.LoadAsync(db, cancellationToken);
        var deadlines = new VoiceDeadlines(calendar, deadlineRules.Value.Rules);
        var names = (await labels.DepartmentsAsync(cancellationToken)).ToDictionary(d => d.Code, d => d.Name, StringComparer.Ordinal);
        var categories = await labels.CategoryNamesAsync(cancellationToken);
        string NameOf(string? code) => string.IsNullOrEmpty(code) ? labels.Text["未派单（统筹）"] : names.GetValueOrDefault(code, code);

        var openQuery = db.VoiceItems.AsNoTracking().Where(i => !FinalStates.Contains(i.State));
        if (!all)
        {
            openQuery = openQuery.Where(i => i.AssignedDepartment == scope);
        }

        var open = await openQuery.Select(i => new
        {
            i.TrackingCode, i.Kind, i.CategoryCode, i.State, i.AssignedDepartment, i.DeadlineUtc, i.DeadlineDate, i.DeadlineUnit, i.DeadlineStep,
            i.DeadlineProvisional, i.EscalatedDeadlineUtc, i.Urgent,
        }).ToListAsync(cancellationToken);

        var counts = new Dictionary<string, (int Open, int DueSoon, int Overdue, int Escalated)>(StringComparer.Ordinal);
        var overdue = new List<OverdueRow>();
        foreach (var i in open)
        {
            var key = i.AssignedDepartment ?? string.Empty;
            var c = counts.GetValueOrDefault(key);
            c.Open++;
            var holder = new VoiceItem
            {
                TrackingCode = i.TrackingCode, Kind = i.Kind, Channel = string.Empty, Source = string.Empty, CategoryCode = i.CategoryCode, CountyCode = string.Empty,
                Description = string.Empty, State = i.State, DeadlineUtc = i.DeadlineUtc, DeadlineDate = i.DeadlineDate, DeadlineUnit = i.DeadlineUnit,
                DeadlineProvisional = i.DeadlineProvisional,
            };
            var escalated = i.DeadlineUtc is not null && i.EscalatedDeadlineUtc == i.DeadlineUtc;
            if (escalated)
            {
                c.Escalated++;
            }

            if (VoiceSchedule.Current(holder) is { } deadline)
            {
                switch (deadlines.Status(deadline, now))
                {
                    case DeadlineStatus.Overdue:
                        c.Overdue++;
                        overdue.Add(new OverdueRow(i.TrackingCode, i.Kind, labels.Kind(i.Kind), categories.GetValueOrDefault(i.CategoryCode, i.CategoryCode),
                            i.AssignedDepartment, NameOf(i.AssignedDepartment), i.State, labels.State(i.State), i.DeadlineStep ?? string.Empty, deadline.DueAt,
                            deadline.DueDate, VoiceLateness.WorkingDaysLate(calendar, deadline, now), escalated, i.Urgent));
                        break;
                    case DeadlineStatus.DueSoon:
                        c.DueSoon++;
                        break;
                }
            }

            counts[key] = c;
        }

        // Answers in the period, each judged against the answer deadline it was given under.
        var answerQuery = db.VoiceItemEvents.AsNoTracking().Where(e => e.Action == "answer" && e.AtUtc >= fromUtc && e.AtUtc < toUtc);
        if (!all)
        {
            answerQuery = answerQuery.Where(e => e.Department == scope);
        }

        var answers = await answerQuery.Select(e => new { e.ItemId, e.AtUtc, e.Department }).ToListAsync(cancellationToken);
        var answeredIds = answers.Select(a => a.ItemId).Distinct().ToList();
        string[] handOvers = ["dispatch", "redispatch", "rate", "approve_extension"];
        var history = (await db.VoiceItemEvents.AsNoTracking().Where(e => answeredIds.Contains(e.ItemId) && handOvers.Contains(e.Action))
                .Select(e => new { e.ItemId, e.AtUtc, e.Id, e.Action, e.ToState }).ToListAsync(cancellationToken))
            .GroupBy(e => e.ItemId).ToDictionary(g => g.Key, g => g.OrderBy(e => e.AtUtc).ThenBy(e => e.Id).ToList());
        var kinds = await db.VoiceItems.AsNoTracking().Where(i => answeredIds.Contains(i.Id)).Select(i => new { i.Id, i.Kind })
            .ToDictionaryAsync(i => i.Id, i => i.Kind, cancellationToken);
        var answered = new Dictionary<string, (int Answered, int OnTime)>(StringComparer.Ordinal);
        foreach (var a in answers)
        {
            var steps = history.GetValueOrDefault(a.ItemId) ?? [];
            // The answer period runs from the last hand-over before the answer: a dispatch, a
            // redispatch or a dissatisfied rating that sent the item back.
            var start = steps.LastOrDefault(e => e.AtUtc <= a.AtUtc && (e.Action is "dispatch" or "redispatch" || (e.Action == "rate" && e.ToState == "in_progress")));
            if (start is null || VoiceCodes.ParseKind(kinds.GetValueOrDefault(a.ItemId)) is not { } kind)
            {
                continue;
            }

            var extended = steps.Any(e => e.Action == "approve_extension" && e.AtUtc >= start.AtUtc && e.AtUtc <= a.AtUtc);
            var key = a.Department ?? string.Empty;
            var c = answered.GetValueOrDefault(key);
            c.Answered++;
            if (VoiceLateness.AnsweredOnTime(deadlines, kind, Utc(start.AtUtc), extended, Utc(a.AtUtc)))
            {
                c.OnTime++;
            }

            answered[key] = c;
        }

        // Ratings, follow-ups and reopenings per department and month.
        var feedbackQuery = db.VoiceItemEvents.AsNoTracking().Where(e => (e.Action == "rate" || e.Action == "record_follow_up") && e.AtUtc >= fromUtc && e.AtUtc < toUtc);
        if (!all)
        {
            feedbackQuery = feedbackQuery.Where(e => e.Department == scope);
        }

        var feedback = await feedbackQuery.Select(e => new { e.AtUtc, e.Action, e.Department, e.Note, e.ToState }).ToListAsync(cancellationToken);
        var ratings = feedback
            .GroupBy(e => (Department: e.Department ?? string.Empty, Month: ChinaTime.FromUtc(DateTime.SpecifyKind(e.AtUtc, DateTimeKind.Utc)).ToString("yyyy-MM", CultureInfo.InvariantCulture)))
            .Select(g => new OversightRatingRow(g.Key.Department, NameOf(g.Key.Department), g.Key.Month,
                g.Count(e => e.Action == "rate" && e.Note == "satisfied"), g.Count(e => e.Action == "rate" && e.Note == "basically_satisfied"),
                g.Count(e => e.Action == "rate" && e.Note == "dissatisfied"), g.Count(e => e.Action == "record_follow_up"),
                g.Count(e => e.Action == "rate" && e.ToState == "in_progress")))
            .OrderBy(r => r.Month, StringComparer.Ordinal).ThenBy(r => r.Department, StringComparer.Ordinal).ToList();

        var keys = counts.Keys.Concat(answered.Keys).Distinct(StringComparer.Ordinal).ToList();
        if (!all && !keys.Contains(scope))
        {
            keys.Add(scope);
        }

        var order = names.Keys.Select((code, index) => (code, index)).ToDictionary(p => p.code, p => p.index, StringComparer.Ordinal);
        var rows = keys.OrderBy(k => k.Length == 0 ? -1 : order.GetValueOrDefault(k, int.MaxValue)).ThenBy(k => k, StringComparer.Ordinal)
            .Select(k => Row(k, NameOf(k), counts.GetValueOrDefault(k), answered.GetValueOrDefault(k))).ToList();
        var totals = Row(string.Empty, labels.Text["合计"], (rows.Sum(r => r.Open), rows.Sum(r => r.DueSoon), rows.Sum(r => r.Overdue), rows.Sum(r => r.Escalated)),
            (rows.Sum(r => r.Answered), rows.Sum(r => r.AnsweredOnTime)));
        return new OversightReport(first, last, now.ToOffset(VoiceDeadlines.ChinaOffset), all, rows, totals,
            [.. overdue.OrderByDescending(o => o.WorkingDaysLate).ThenBy(o => o.DueAt).ThenBy(o => o.TrackingCode, StringComparer.Ordinal)], ratings);
    }

    private static OversightDepartmentRow Row(string code, string name, (int Open, int DueSoon, int Overdue, int Escalated) c, (int Answered, int OnTime) a) =>
        new(code, name, c.Open, c.DueSoon, c.Overdue, c.Escalated, a.Answered, a.OnTime, a.Answered == 0 ? null : Math.Round((double)a.OnTime / a.Answered, 4));

    private static DateTimeOffset Utc(DateTime stored) => new(DateTime.SpecifyKind(stored, DateTimeKind.Utc));

    private static DateTime ChinaDayStartUtc(DateOnly day) => day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-8);
}
