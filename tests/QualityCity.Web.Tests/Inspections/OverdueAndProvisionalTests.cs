using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Modules.Inspections;
using QualityCity.Web.Modules.ReferenceData.Contracts;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.Inspections;

/// <summary>
/// What is late says so: a visit past its last valid day without a result and a rectification past
/// its deadline show 已逾期; a deadline in a year whose holiday calendar is not loaded shows 暂定.
/// </summary>
public abstract class OverdueAndProvisionalTests(QualityCityFactory factory) : PlatformTest(factory)
{
    [SkippableFact]
    public async Task A_visit_past_its_window_without_a_result_is_overdue_on_the_officers_list()
    {
        SkipIfUnavailable();
        var today = TestClock.Today;
        string missedKey, comingKey;
        await using (var scope = OpenDb())
        {
            var officer = await scope.Db.Users.Where(u => u.UserName == "samr.inspector").Select(u => u.InspectorId!.Value).SingleAsync();
            var samr = await scope.Db.Departments.Where(d => d.Code == "samr").Select(d => d.Id).SingleAsync();
            // Two samr visits of the demo plan still to come, given to the demo officer.
            var coming = await scope.Db.Visits.IncludeParts()
                .Where(v => v.Status == VisitStatus.Registered && v.Date >= today && v.Departments.Any(d => d.DepartmentId == samr))
                .OrderBy(v => v.Date).ThenBy(v => v.Id).Take(2).ToListAsync();
            Assert.Equal(2, coming.Count);
            foreach (var visit in coming)
            {
                InspectionTest.PutOfficerFirst(visit, visit.Departments.Single(d => d.DepartmentId == samr), officer);
            }

            // The first fell three days ago and its window closed yesterday, with nothing recorded; the second is in two days.
            (coming[0].ValidFrom, coming[0].Date, coming[0].ValidTo) = (today.AddDays(-5), today.AddDays(-3), today.AddDays(-1));
            (coming[1].ValidFrom, coming[1].Date, coming[1].ValidTo) = (today, today.AddDays(2), today.AddDays(20));
            await scope.Db.SaveChangesAsync();
            (missedKey, comingKey) = (coming[0].VisitKey, coming[1].VisitKey);
            Assert.False(await scope.Db.Inspections.AnyAsync(i => i.VisitKey == missedKey));
        }

        var list = await (await Factory.SignedInClientAsync("samr.inspector")).GetStringAsync("/inspector");
        var missed = Listed(list, missedKey);
        Assert.Contains("已逾期", missed, StringComparison.Ordinal);
        Assert.DoesNotContain("待检查", missed, StringComparison.Ordinal);
        Assert.Contains("待检查", Listed(list, comingKey), StringComparison.Ordinal);
        Assert.DoesNotContain("已逾期", Listed(list, comingKey), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_rectification_past_due_is_overdue_and_a_deadline_in_a_year_without_holidays_is_provisional()
    {
        SkipIfUnavailable();
        var today = TestClock.Today;
        // 2027-01-01 is New Year's Day, but 2027's holidays are not loaded: counted on weekends only, it is a working day.
        var nextYear = new DateOnly(2027, 1, 1);
        await using (var scope = OpenDb())
        {
            var calendar = await WorkingCalendar.LoadAsync(scope.Db);
            Assert.False(calendar.IsPublished(nextYear));
            Assert.True(calendar.AddWorkingDays(new DateOnly(2026, 12, 10), 20).IsProvisional);
            var enterprise = await scope.Db.Users.Where(u => u.UserName == "enterprise").Select(u => u.CreditCode!).SingleAsync();
            var samr = await scope.Db.Departments.Where(d => d.Code == "samr").Select(d => d.Id).SingleAsync();
            var inspection = new Inspection
            {
                VisitKey = "test/overdue-and-provisional", CreditCode = enterprise, CountyCode = await scope.Db.CountyOfAsync(enterprise), DepartmentId = samr, Date = today.AddDays(-30), Kind = InspectionKinds.Routine,
                PublicationDue = today.AddDays(-2),
            };
            scope.Db.Inspections.Add(inspection);
            await scope.Db.SaveChangesAsync();
            scope.Db.RectificationTasks.AddRange(
                new RectificationTask
                {
                    InspectionId = inspection.Id, CreditCode = enterprise, DepartmentId = samr, ItemCode = "SAMR-001", Problem = "逾期未整改的测试问题",
                    DueDate = today.AddDays(-2), Status = "open",
                },
                new RectificationTask
                {
                    InspectionId = inspection.Id, CreditCode = enterprise, DepartmentId = samr, ItemCode = "SAMR-002", Problem = "期限在明年的测试问题",
                    DueDate = nextYear, Status = "open",
                });
            await scope.Db.SaveChangesAsync();
        }

        var page = await (await Factory.SignedInClientAsync("enterprise")).GetStringAsync("/enterprise/inspections");
        var overdue = Row(page, "逾期未整改的测试问题");
        Assert.Contains("已逾期", overdue, StringComparison.Ordinal);
        Assert.DoesNotContain("暂定", overdue, StringComparison.Ordinal);
        var provisional = Row(page, "期限在明年的测试问题");
        Assert.Contains("2027-01-01", provisional, StringComparison.Ordinal);
        Assert.Contains("暂定", provisional, StringComparison.Ordinal);
        Assert.Contains("2027 年节假日未导入", provisional, StringComparison.Ordinal);
        Assert.DoesNotContain("已逾期", provisional, StringComparison.Ordinal);

        // The coordinator's deadline watch marks the same task overdue in its own list.
        var deadlines = await (await Factory.SignedInClientAsync("coordinator")).GetStringAsync("/inspections/deadlines");
        Assert.Contains("逾期未整改的测试问题", deadlines, StringComparison.Ordinal);
    }

    private static string Listed(string page, string visitKey) =>
        Regex.Match(page, $"<li class=\"card\" data-visit=\"{Regex.Escape(visitKey)}\"[^>]*>(.*?)</li>", RegexOptions.Singleline) is { Success: true } match
            ? match.Groups[1].Value
            : throw new Xunit.Sdk.XunitException($"visit {visitKey} is not on the list");

    private static string Row(string page, string text) =>
        Regex.Matches(page, "<tr>(.*?)</tr>", RegexOptions.Singleline).Select(m => m.Groups[1].Value).FirstOrDefault(r => r.Contains(text, StringComparison.Ordinal))
        ?? throw new Xunit.Sdk.XunitException($"no row with {text}");
}

public sealed class SqliteOverdueAndProvisionalTests(SqliteFactory factory) : OverdueAndProvisionalTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresOverdueAndProvisionalTests(PostgresFactory factory) : OverdueAndProvisionalTests(factory), IClassFixture<PostgresFactory>;
