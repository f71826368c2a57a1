using System.Globalization;
using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.Common;
using QualityCity.Domain.Planning;
using QualityCity.Domain.Registry;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Checklists;
using QualityCity.Web.Modules.Checklists.Contracts;
using QualityCity.Web.Modules.Inspections;
using QualityCity.Web.Modules.ReferenceData.Contracts;
using QualityCity.Web.Modules.Registry;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Demo;

/// <summary>
/// Two years of past inspections for the demo city, so that mutual recognition, the previous-period
/// recusal and the KPIs work on first run: in the twelve months before <c>until</c> (the day this
/// year's plan was drawn, see <see cref="DemoYear"/>) each department visited most of its red
/// enterprises, half of its yellow ones and a few percent of its green ones once, with two of its
/// officers, checking every published item (most pass; <see cref="DemoFindings"/> says how often
/// not); the twelve months before are the baseline of departments going alone more often. What happened after is this year's plan's work.
/// </summary>
internal static class DemoHistory
{
    public static async Task<int> LoadAsync(QualityCityDbContext db, SplitMix64 random, DateOnly until, DateOnly today, CancellationToken cancellationToken)
    {
        var calendar = await WorkingCalendar.LoadAsync(db, cancellationToken);
        var departments = await db.Departments.AsNoTracking().Where(d => !d.IsCoordinator).OrderBy(d => d.Code).ToListAsync(cancellationToken);
        var remits = (await db.DepartmentRemits.AsNoTracking().ToListAsync(cancellationToken)).GroupBy(r => r.DepartmentId)
            .ToDictionary(g => g.Key, g => g.Select(r => new RemitRule(r.Scope, r.Value,
                r.Kinds.Length == 0 ? null : r.Kinds.Split(',').Select(Enum.Parse<EntityCategory>).ToHashSet())).ToList());
        var items = (await db.ChecklistItems.AsNoTracking().Where(i => i.Status == ChecklistStatus.Published).ToListAsync(cancellationToken))
            .GroupBy(i => i.DepartmentId).ToDictionary(g => g.Key, g => g.OrderBy(i => i.Code, StringComparer.Ordinal).ToList());
        var officers = (await db.Inspectors.AsNoTracking().Where(i => i.Active).OrderBy(i => i.Id).ToListAsync(cancellationToken))
            .GroupBy(i => i.DepartmentId).ToDictionary(g => g.Key, g => g.ToList());
        var sections = await db.Industries.AsNoTracking().ToDictionaryAsync(i => i.Code, i => i.Section, cancellationToken);
        var entities = await db.MarketEntities.AsNoTracking().Where(e => e.Status == EntityStatus.Active).OrderBy(e => e.Id)
            .Select(e => new { e.CreditCode, e.IndustryCode, e.Category, e.RiskGrade, e.RiskReasons, e.CountyCode, e.EstablishedOn }).ToListAsync(cancellationToken);

        List<DateOnly> WorkingDays(DateOnly from, DateOnly until)
        {
            var days = new List<DateOnly>();
            for (var day = from; day < until; day = day.AddDays(1))
            {
                if (calendar.IsWorkingDay(day))
                {
                    days.Add(day);
                }
            }

            return days;
        }

        // The twelve months before the plan, and before them, back to two years before today, the
        // baseline: then each department went alone and more often (about 1.6 times), checking a
        // handful of items each time. Later in the year the plan's own work fills the rest of the two
        // years, so the city has about two years of inspections whatever the day it starts on.
        var recent = WorkingDays(until.AddDays(-365), until);
        var earlier = WorkingDays(today.AddDays(-730), until.AddDays(-365));

        // A baseline shorter than a year (the demo started late in the year) has visits in proportion.
        var baselineShare = Math.Min(1, earlier.Count / (double)Math.Max(1, recent.Count));
        var inspections = new List<Inspection>();
        foreach (var entity in entities)
        {
            var category = Enum.TryParse<EntityCategory>(entity.Category, out var parsed) ? parsed : EntityCategory.Other;
            var section = entity.IndustryCode is null ? null : sections.GetValueOrDefault(entity.IndustryCode);
            var chance = entity.RiskGrade switch { RiskGrades.Red => 0.9, RiskGrades.Yellow => 0.5, _ => 0.04 };
            var inputs = RiskGrades.RulesOf(entity.RiskReasons);
            // In the last twelve months most departments joined one of the enterprise's two joint visits (综合查一次).
            DateOnly[] jointDays = [random.Pick(recent), random.Pick(recent)];
            foreach (var (department, days, baseline) in departments.SelectMany(d => new[] { (d, recent, false), (d, earlier, true) }))
            {
                if (!remits.TryGetValue(department.Id, out var rules) || !Remit.Covers(rules, entity.IndustryCode, section, category)
                    || days.Count == 0 || !random.Chance(baseline ? Math.Min(1, chance * 1.6 * baselineShare) : chance)
                    || !officers.TryGetValue(department.Id, out var team) || team.Count < 2)
                {
                    continue;
                }

                var date = !baseline && random.Chance(0.75) ? jointDays[random.Next(2)] : random.Pick(days);
                if (entity.EstablishedOn is { } established && established > date)
                {
                    continue;
                }

                var due = calendar.AddWorkingDays(date, 20).Date;
                // Most results go public within the 20 working days; some late; the last weeks' not yet.
                var published = date.AddDays(3 + random.Next(30));
                var first = team[random.Next(team.Count)];
                var second = team[(team.IndexOf(first) + 1 + random.Next(team.Count - 1)) % team.Count];
                inspections.Add(new Inspection
                {
                    // Departments on the same day at the same enterprise were one joint visit.
                    VisitKey = string.Create(CultureInfo.InvariantCulture, $"{date.Year}/{entity.CreditCode}/d{date:MMdd}"),
                    CreditCode = entity.CreditCode,
                    CountyCode = entity.CountyCode,
                    DepartmentId = department.Id,
                    Date = date,
                    Kind = InspectionKinds.Routine,
                    InspectorIds = string.Create(CultureInfo.InvariantCulture, $"{first.Id},{second.Id}"),
                    PublicationDue = due,
                    PublishedAtUtc = published < today ? published.ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc) : null,
                    // The departments visited by grade then as the plan does now; today's grade stands in for the grade of then.
                    PlannedGrade = entity.RiskGrade ?? RiskGrades.Green, GradeInputs = inputs,
                    Results = items.GetValueOrDefault(department.Id, []).Where(_ => !baseline || random.Chance(0.3)).Select(item =>
                    {
                        var outcome = DemoFindings.Outcome(random.NextDouble(), inputs);
                        return new InspectionItemResult
                        {
                            CountyCode = entity.CountyCode, ItemCode = item.Code, ItemVersion = item.Version, Outcome = outcome,
                            Notes = outcome == Outcomes.Problem ? "（演示）现场发现问题，已告知整改要求" : string.Empty,
                        };
                    }).ToList(),
                });
            }
        }

        db.AuditChanges = false;
        db.Inspections.AddRange(inspections);
        await db.SaveChangesAsync(cancellationToken);

        // Every problem became a rectification task; most were put right in time.
        foreach (var inspection in inspections)
        {
            foreach (var problem in inspection.Results.Where(r => r.Outcome == Outcomes.Problem))
            {
                var dueDate = calendar.AddWorkingDays(inspection.Date, 15).Date;
                var closed = dueDate < today && random.Chance(0.88);
                db.RectificationTasks.Add(new RectificationTask
                {
                    InspectionId = inspection.Id, CreditCode = inspection.CreditCode, DepartmentId = inspection.DepartmentId, ItemCode = problem.ItemCode,
                    Problem = problem.Notes, DueDate = dueDate, Status = closed ? "closed" : "open",
                    Evidence = closed ? "（演示）已整改，提交整改照片和制度文件" : null,
                    ClosedAtUtc = closed ? dueDate.AddDays(-random.Next(10)).ToDateTime(new TimeOnly(2, 0), DateTimeKind.Utc) : null,
                });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        db.AuditChanges = true;
        db.ChangeTracker.Clear();
        return inspections.Count;
    }
}
