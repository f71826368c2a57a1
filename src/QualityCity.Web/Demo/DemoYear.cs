using System.Globalization;
using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.Calendar;
using QualityCity.Domain.Common;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Checklists.Contracts;
using QualityCity.Web.Modules.Inspections;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Demo;

/// <summary>When the demo's plan of a year was committed, drawn, approved (one time per approving day) and published, as UTC instants.</summary>
public sealed record DemoPlanTimetable(DateTime CommittedAtUtc, DateTime DrawnAtUtc, IReadOnlyList<DateTime> Approvals, DateTime PublishedAtUtc);

/// <summary>What the demo recorded of this year's visits before today.</summary>
public sealed record DemoYearWork(int Inspections, int Problems, int Missed);

/// <summary>A clock the demo moves by hand, to run each step of the plan on the day it would have happened.</summary>
internal sealed class DemoTime(DateTime utcNow) : TimeProvider
{
    public DateTime Now { get; set; } = utcNow;

    public override DateTimeOffset GetUtcNow() => new(DateTime.SpecifyKind(Now, DateTimeKind.Utc));
}

/// <summary>
/// The demo's year, whatever day the demo is loaded on. The planner places visits from 1 January
/// (the first quarter's window opens then), so the demo's plan of a year is committed, drawn,
/// approved and published in the first half of the December before: on time (the deadline is 31
/// March of the plan's year) and before its first visit, also when the demo starts in January.
/// Before today the plan's visits have taken place: results recorded on the planned day, most of
/// them public within the 20 working days, the problems put right, waiting for acceptance or
/// still open; a few visits whose window has closed were missed (shown overdue). From today on
/// every visit is still to come.
/// </summary>
public static class DemoYear
{
    /// <summary>The plan's timetable: committed on the first working day of December, drawn a week later, approved over the next three working days, published the week after the draw.</summary>
    public static DemoPlanTimetable Timetable(int year, WorkingDayCalendar calendar)
    {
        var committed = calendar.NextWorkingDayOnOrAfter(new DateOnly(year - 1, 12, 1));
        var drawn = calendar.AddWorkingDays(committed, 5).Date;
        var approvals = Enumerable.Range(1, 3).Select(n => Utc(calendar.AddWorkingDays(drawn, n).Date, 16)).ToList();
        var published = calendar.AddWorkingDays(drawn, 5).Date;
        return new DemoPlanTimetable(Utc(committed, 9, 30), Utc(drawn, 10), approvals, Utc(published, 10));
    }

    /// <summary>The day in China of a UTC instant.</summary>
    public static DateOnly ChinaDay(DateTime utc) => DateOnly.FromDateTime(ChinaTime.FromUtc(utc));

    /// <summary>A time of day in China on <paramref name="day"/>, as the UTC instant the platform stores.</summary>
    public static DateTime Utc(DateOnly day, int hour, int minute = 0) =>
        DateTime.SpecifyKind(day.ToDateTime(new TimeOnly(hour, minute)).AddHours(-8), DateTimeKind.Utc);

    /// <summary>Visits read and written per batch, so that memory does not grow with the city.</summary>
    private const int Batch = 2_000;

    /// <summary>Records the results of the published plan's visits before today (see the class summary).</summary>
    public static async Task<DemoYearWork> RecordPastVisitsAsync(QualityCityDbContext db, SplitMix64 random, int drawId, PlatformClock clock,
        InspectionOptions options, WorkingDayCalendar calendar, CancellationToken cancellationToken)
    {
        var today = clock.Today;
        var now = clock.UtcNow;
        var departments = await db.Departments.AsNoTracking().ToDictionaryAsync(d => d.Id, d => d.Code, cancellationToken);
        var itemNames = await db.ChecklistItems.AsNoTracking().Where(i => i.Status == ChecklistStatus.Published)
            .Select(i => new { i.Code, i.Name }).ToDictionaryAsync(i => i.Code, i => i.Name, StringComparer.Ordinal, cancellationToken);

        // An instant of a past day, never later than now (a day before today always is).
        DateTime At(DateOnly day, int hour) => day < today ? Utc(day, hour) : now;

        var (inspections, problems, missed) = (0, 0, 0);
        long after = 0;
        db.AuditChanges = false;
        try
        {
            while (true)
            {
                var visits = await db.Visits.AsNoTracking().IncludeParts().AsSplitQuery()
                    .Where(v => v.DrawId == drawId && v.Status == VisitStatus.Registered && v.Date < today && v.Id > after)
                    .OrderBy(v => v.Id).Take(Batch).ToListAsync(cancellationToken);
                if (visits.Count == 0)
                {
                    break;
                }

                after = visits[^1].Id;
                var enterprises = visits.Select(v => v.CreditCode).Distinct().ToList();
                var reasons = await db.MarketEntities.AsNoTracking().Where(e => enterprises.Contains(e.CreditCode))
                    .ToDictionaryAsync(e => e.CreditCode, e => e.RiskReasons, StringComparer.Ordinal, cancellationToken);
                var written = new List<Inspection>();
                foreach (var visit in visits)
                {
                    // A few visits whose window has closed never took place: the lists show them overdue.
                    if (visit.ValidTo < today && random.Chance(0.02))
                    {
                        missed++;
                        continue;
                    }

                    foreach (var part in visit.Departments.OrderBy(d => d.Id))
                    {
                        var date = visit.Date;
                        var due = calendar.AddWorkingDays(date, options.PublicationWorkingDays).Date;
                        // Most results go public within the working days allowed, some late; the last weeks' not all yet.
                        var span = Math.Max(1, due.DayNumber - date.DayNumber);
                        var publishedOn = random.Chance(0.9) ? date.AddDays(1 + random.Next(span)) : due.AddDays(1 + random.Next(15));
                        var inspection = new Inspection
                        {
                            VisitKey = visit.VisitKey, CreditCode = visit.CreditCode, CountyCode = visit.CountyCode, DepartmentId = part.DepartmentId, Date = date, Kind = InspectionKinds.Routine,
                            InspectorIds = string.Join(",", part.InspectorIds().Select(i => i.ToString(CultureInfo.InvariantCulture))),
                            PublicationDue = due,
                            PublishedAtUtc = publishedOn < today ? Utc(publishedOn, 17) : null,
                            PlannedGrade = part.PlannedGrade, ControlSample = part.ControlSample,
                            GradeInputs = RiskGrades.RulesOf(reasons.GetValueOrDefault(visit.CreditCode)),
                        };
                        foreach (var item in part.Items.OrderBy(i => i.Position))
                        {
                            var outcome = DemoFindings.Outcome(random.NextDouble(), inspection.GradeInputs);
                            inspection.Results.Add(new InspectionItemResult
                            {
                                CountyCode = visit.CountyCode, ItemCode = item.ItemCode, ItemVersion = item.ItemVersion, Outcome = outcome,
                                Notes = outcome == Outcomes.Problem
                                    ? $"（演示）{itemNames.GetValueOrDefault(item.ItemCode, item.ItemCode)}：现场发现问题，已告知整改要求"
                                    : string.Empty,
                                RecordedAtUtc = At(date, 15),
                            });
                        }

                        written.Add(inspection);
                    }
                }

                db.Inspections.AddRange(written);
                await db.SaveChangesAsync(cancellationToken);
                inspections += written.Count;
                foreach (var inspection in written)
                {
                    foreach (var problem in inspection.Results.Where(r => r.Outcome == Outcomes.Problem))
                    {
                        problems++;
                        db.RectificationTasks.Add(Rectification(inspection, problem));
                    }
                }

                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
            }
        }
        finally
        {
            db.AuditChanges = true;
        }

        return new DemoYearWork(inspections, problems, missed);

        // The problem's rectification at a stage that fits its deadline: most put right and accepted
        // in time, some waiting for acceptance, some still open (overdue once the deadline has passed).
        RectificationTask Rectification(Inspection inspection, InspectionItemResult problem)
        {
            var due = calendar.AddWorkingDays(inspection.Date, options.RectificationWorkingDays).Date;
            var task = new RectificationTask
            {
                InspectionId = inspection.Id, CreditCode = inspection.CreditCode, DepartmentId = inspection.DepartmentId, ItemCode = problem.ItemCode,
                Problem = problem.Notes, DueDate = due, Status = "open",
            };
            var roll = random.NextDouble();
            var (acceptedShare, submittedShare) = due < today ? (0.8, 0.9) : (0.3, 0.6);
            if (roll >= submittedShare)
            {
                return task;
            }

            var evidenceOn = inspection.Date.AddDays(1 + random.Next(Math.Max(1, due.DayNumber - inspection.Date.DayNumber)));
            if (evidenceOn >= today)
            {
                return task;
            }

            task.Status = "submitted";
            task.Evidence = "（演示）已整改，提交整改照片和制度文件";
            task.EvidenceAtUtc = At(evidenceOn, 11);
            var acceptedOn = evidenceOn.AddDays(1 + random.Next(3));
            if (roll < acceptedShare && acceptedOn < today)
            {
                task.Status = "closed";
                task.DecidedBy = departments.GetValueOrDefault(inspection.DepartmentId) + ".head";
                task.DecisionNote = "（演示）整改到位";
                task.ClosedAtUtc = At(acceptedOn, 16);
            }

            return task;
        }
    }
}
