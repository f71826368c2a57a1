using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Modules.Inspections;
using QualityCity.Web.Tests.Infrastructure;
using QualityCity.Web.Tests.Planning;

namespace QualityCity.Web.Tests.Inspections;

/// <summary>Tests that start from a registered visit of a published plan.</summary>
public abstract class InspectionTest(QualityCityFactory factory) : PlatformTest(factory)
{
    /// <summary>The start of a visit's window long enough for the days these tests inspect on (counted back from the frozen today).</summary>
    protected static DateOnly WindowStart => TestClock.Today.AddDays(-90);

    /// <summary>A registered samr visit of a published plan, assigned to the demo inspector account, open from <paramref name="from"/> to today.</summary>
    protected async Task<(long VisitId, string[] Items, string CreditCode)> AssignedVisitAsync(int year, DateOnly from)
    {
        var (coordinator, commitmentId) = await PlanScenario.CommitAsync(Factory, year);
        var drawId = await PlanScenario.DrawAsync(coordinator, commitmentId, PlanScenario.Seed("81"));
        await using var scope = OpenDb();
        await PlanScenario.PublishAsync(coordinator, scope, drawId);
        var samr = await scope.Db.Departments.SingleAsync(d => d.Code == "samr");
        var officer = await scope.Db.Users.Where(u => u.UserName == "samr.inspector").Select(u => u.InspectorId!.Value).SingleAsync();
        var enterpriseCode = await scope.Db.Users.Where(u => u.UserName == "enterprise").Select(u => u.CreditCode!).SingleAsync();
        var visit = await scope.Db.Visits.IncludeParts()
            .Where(v => v.DrawId == drawId && v.Departments.Any(d => d.DepartmentId == samr.Id)).OrderBy(v => v.Id).FirstAsync();
        var part = visit.Departments.Single(d => d.DepartmentId == samr.Id);
        PutOfficerFirst(visit, part, officer);
        visit.ValidFrom = from;
        visit.ValidTo = TestClock.Today;
        visit.CreditCode = enterpriseCode; // the demo enterprise account's own entity
        await scope.Db.SaveChangesAsync();
        return (visit.Id, part.Items.OrderBy(i => i.Position).Select(i => i.ItemCode).ToArray(), enterpriseCode);
    }

    /// <summary>Makes <paramref name="officer"/> the visit part's first officer, keeping the drawn first as the second.</summary>
    public static void PutOfficerFirst(Web.Modules.Inspections.Visit visit, Web.Modules.Inspections.VisitDepartment part, int officer)
    {
        var ordered = part.Inspectors.OrderBy(i => i.Position).ToList();
        var drawnFirst = ordered[0].InspectorId;
        part.Inspectors.RemoveAll(i => i.Position > 1);
        ordered[0].InspectorId = officer;
        if (ordered.Count > 1)
        {
            ordered[1].InspectorId = drawnFirst;
        }
        else
        {
            part.Inspectors.Add(new Web.Modules.Inspections.VisitInspector { Position = 1, VisitId = visit.Id, CountyCode = visit.CountyCode, InspectorId = drawnFirst });
        }
    }
}
