using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.Calendar;
using QualityCity.Domain.Common;
using QualityCity.Domain.Services.OneWindow;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Registry.Contracts;
using QualityCity.Web.Modules.Services.OneWindow;

namespace QualityCity.Web.Demo;

/// <summary>
/// The one window's demo (SVC-1): each demo enterprise account has demands in every step that asks
/// something of it or of a unit (just filed, awaiting materials, answered and waiting for a rating,
/// overdue, rated badly and not yet contacted, closed), and some other enterprises' closed demands
/// make the figures per unit. Every demand goes through <see cref="DemandWorkflow"/> on the days it
/// happened, so its stored steps are ones the window could have taken.
/// </summary>
public static class DemoDemands
{
    private sealed record Step(int DaysAgo, int Hour, DemandAction Action, DemandActionArgs Args, string Actor);

    private sealed record Story(DemandKind Kind, string Title, string Description, int FiledDaysAgo, Step[] Steps);

    public static async Task<int> LoadAsync(QualityCityDbContext db, IReadOnlyList<string> accountCodes, OneWindowOptions options, WorkingDayCalendar calendar,
        SplitMix64 random, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var today = DemoYear.ChinaDay(nowUtc);
        var deadlines = new DemandDeadlines(calendar, options.Rules);
        var others = await db.MarketEntities.AsNoTracking().Where(e => e.Status == EntityStatus.Active && !accountCodes.Contains(e.CreditCode))
            .OrderBy(e => e.CreditCode).Select(e => e.CreditCode).Take(400).ToListAsync(cancellationToken);
        var names = await db.MarketEntities.AsNoTracking().Where(e => accountCodes.Contains(e.CreditCode) || others.Contains(e.CreditCode))
            .Select(e => new { e.CreditCode, e.Name, e.CountyCode }).ToListAsync(cancellationToken);
        var registered = names.GroupBy(n => n.CreditCode).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);

        var plans = new List<(string CreditCode, Story Story)>();
        if (accountCodes.Count > 0)
        {
            var own = accountCodes[0];
            plans.Add((own, new Story(DemandKind.Calibration, "电子天平和压力表周期检定", "本企业有电子天平 3 台、压力表 6 块到期，需要周期检定，请安排上门或送检。", 24,
            [
                new(23, 9, DemandAction.Accept, new(), "samr.inspector"),
                new(20, 15, DemandAction.Answer, new() { Answer = "已安排市计量所于下周二上门检定，检定费按标准收取。" }, "samr.inspector"),
                new(19, 10, DemandAction.Rate, new() { Rating = ServiceRating.VerySatisfied }, "enterprise"),
            ])));
            plans.Add((own, new Story(DemandKind.Calibration, "新购流量计首次检定", "新购电磁流量计 2 台用于贸易结算，需要首次检定。", 3,
            [
                new(3, 11, DemandAction.Accept, new(), "samr.inspector"),
                new(2, 10, DemandAction.RequestMaterials, new() { Items = ["流量计的型号、出厂编号和数量清单", "产品合格证复印件", "安装地点和使用用途说明"] }, "samr.inspector"),
            ])));
            plans.Add((own, new Story(DemandKind.Standards, "电线电缆出口适用标准咨询", "计划向东南亚出口电力电缆，请问应执行哪些标准，国内标准如何对应。", 6,
            [
                new(6, 14, DemandAction.Accept, new(), "samr.head"),
                new(2, 16, DemandAction.Answer, new() { Answer = "建议对照 IEC 60502 系列，国内对应 GB/T 12706；标准文本可在标准库查阅，如需比对服务可再提需求。" }, "samr.head"),
            ])));
            plans.Add((own, new Story(DemandKind.IntellectualProperty, "商标注册咨询", "想为新产品系列注册商标，请问流程和所需材料。", 1, [])));
        }

        if (accountCodes.Count > 1)
        {
            var second = accountCodes[1];
            plans.Add((second, new Story(DemandKind.CertificationAndTesting, "轴承产品检验检测机构推荐", "需要对一批出口轴承做第三方检测，请推荐有资质的机构。", 14,
            [
                new(13, 9, DemandAction.Accept, new(), "samr.inspector"),
            ])));
            plans.Add((second, new Story(DemandKind.QualityDiagnosis, "热处理工艺质量诊断", "轴承套圈热处理后硬度不稳定，希望专家上门诊断。", 16,
            [
                new(16, 10, DemandAction.Accept, new() { Complexity = DemandComplexity.Complex }, "samr.head"),
                new(9, 15, DemandAction.Answer, new() { Answer = "已组织专家诊断，建议调整淬火温度并加强炉温均匀性检测。" }, "samr.head"),
                new(6, 9, DemandAction.Rate, new() { Rating = ServiceRating.Dissatisfied }, "enterprise2"),
            ])));
        }

        var kinds = DemandKinds.All;
        var ratings = ServiceRatings.All;
        for (var i = 0; i < 12 && others.Count > 0; i++)
        {
            var kind = kinds[random.Next(kinds.Count - 1)];
            var filed = random.Next(20, 300);
            var answered = filed - random.Next(1, 6);
            var rating = random.Chance(0.85) ? ratings[random.Next(3)] : ratings[3 + random.Next(2)];
            var steps = new List<Step>
            {
                new(filed, 10, DemandAction.Accept, new(), "samr.inspector"),
                new(answered, 15, DemandAction.Answer, new() { Answer = "已按需求办理完毕，详见答复。" }, "samr.inspector"),
                new(answered - 1, 10, DemandAction.Rate, new() { Rating = rating }, "enterprise"),
            };
            if (rating.IsBad())
            {
                steps.Add(new(answered - 2, 11, DemandAction.RecordContact, new() { Note = "电话联系企业，了解不满意的原因。" }, "samr.head"));
                steps.Add(new(answered - 4, 16, DemandAction.RecordFix, new() { Note = "重新办理并当面说明。" }, "samr.head"));
            }

            plans.Add((random.Pick(others), new Story(kind, kind.NameZh() + "服务需求", "企业通过一窗受理提交的" + kind.NameZh() + "需求。", filed, [.. steps])));
        }

        var number = 0;
        var pending = new List<(Demand Demand, List<DemandEvent> Timeline, List<(string Actor, DateTime At)> Requests, DemandSnapshot Snapshot)>();
        foreach (var (creditCode, story) in plans.OrderBy(p => p.Story.FiledDaysAgo == 0 ? 0 : -p.Story.FiledDaysAgo))
        {
            var filedAt = DemoYear.Utc(today.AddDays(-story.FiledDaysAgo), 9, 10);
            var snapshot = DemandSnapshot.File(story.Kind, DemandCodes.Instant(filedAt));
            var timeline = new List<DemandEvent>();
            var requests = new List<(string Actor, DateTime At)>();
            foreach (var step in story.Steps)
            {
                var at = DemoYear.Utc(today.AddDays(-step.DaysAgo), step.Hour);
                var before = snapshot.State;
                var outcome = DemandWorkflow.Apply(snapshot, step.Action, step.Actor.StartsWith("enterprise", StringComparison.Ordinal) ? DemandActor.Enterprise : DemandActor.Staff,
                    DemandCodes.Instant(at), step.Args);
                if (!outcome.IsAllowed)
                {
                    throw new InvalidOperationException($"the demo demand '{story.Title}' cannot {step.Action}: {outcome.Refusal!.Message}");
                }

                snapshot = outcome.Snapshot;
                if (step.Action == DemandAction.RequestMaterials)
                {
                    requests.Add((step.Actor, at));
                }

                timeline.Add(new DemandEvent
                {
                    CountyCode = string.Empty, // the demand's, once it is made below
                    AtUtc = at, Actor = step.Actor, Action = DemandCodes.Action(step.Action), FromState = DemandCodes.State(before), ToState = DemandCodes.State(snapshot.State),
                    Note = step.Args.Answer ?? step.Args.Note ?? step.Args.Rating?.Code() ?? (step.Args.Items is { } items ? string.Join("；", items) : null),
                });
            }

            number++;
            var year = DemoYear.ChinaDay(filedAt).Year;
            var demand = new Demand
            {
                Code = DemandCodes.DemandCode(year, 0), Year = year, Number = 0, CreditCode = creditCode, EnterpriseName = registered.GetValueOrDefault(creditCode)?.Name ?? creditCode,
                CountyCode = registered.GetValueOrDefault(creditCode)?.CountyCode ?? DemandCodes.CountyOfCreditCode(creditCode),
                Kind = story.Kind.Code(), Complexity = DemandCodes.Complexity(snapshot.Complexity), Title = story.Title + DemoCity.DemoSuffix, Description = story.Description,
                State = DemandCodes.State(snapshot.State), RoutedUnit = options.UnitFor(story.Kind), FiledBy = accountCodes.Contains(creditCode) ? AccountOf(accountCodes, creditCode) : "coordinator",
                FiledOnBehalf = !accountCodes.Contains(creditCode), FiledAtUtc = filedAt, UpdatedAtUtc = nowUtc,
            };
            DemandCodes.Store(snapshot, demand);
            var sla = deadlines.Sla(snapshot, DemandCodes.Instant(nowUtc));
            demand.DueAtUtc = sla.Due.DueAt.UtcDateTime;
            demand.DueProvisional = sla.Due.IsProvisional;
            if (snapshot.RatedAt is { } ratedAt && snapshot.Rating is { } given && given.IsBad())
            {
                demand.ContactDueAtUtc = deadlines.ContactDue(ratedAt).DueAt.UtcDateTime;
                demand.FixDueAtUtc = deadlines.FixDue(ratedAt).DueAt.UtcDateTime;
            }

            db.Demands.Add(demand);
            pending.Add((demand, timeline, requests, snapshot));
        }

        // Numbered in the order filed within each year, as the window would have numbered them.
        foreach (var group in pending.GroupBy(p => p.Demand.Year))
        {
            var n = 0;
            foreach (var (demand, _, _, _) in group.OrderBy(p => p.Demand.FiledAtUtc))
            {
                demand.Number = ++n;
                demand.Code = DemandCodes.DemandCode(demand.Year, n);
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        foreach (var (demand, timeline, requests, snapshot) in pending)
        {
            db.DemandEvents.Add(new DemandEvent
            {
                DemandId = demand.Id, CountyCode = demand.CountyCode, AtUtc = demand.FiledAtUtc, Actor = demand.FiledBy, Action = "file", FromState = DemandCodes.State(DemandState.Filed),
                ToState = DemandCodes.State(DemandState.Filed),
            });
            foreach (var step in timeline)
            {
                step.DemandId = demand.Id;
                step.CountyCode = demand.CountyCode;
                db.DemandEvents.Add(step);
            }

            foreach (var ((actor, at), request) in requests.Zip(snapshot.MaterialRequests))
            {
                db.DemandMaterialRequests.Add(new DemandMaterialRequest
                {
                    DemandId = demand.Id, Items = string.Join('\n', request.Items), Reason = request.Reason, RequestedAtUtc = at, RequestedBy = actor,
                    SuppliedAtUtc = request.SuppliedAt?.UtcDateTime,
                });
            }
        }

        await db.SaveChangesAsync(cancellationToken);
        return number;
    }

    // The accounts come in the order of DemoCity.Accounts: enterprise, then enterprise2.
    private static string AccountOf(IReadOnlyList<string> accountCodes, string creditCode) => accountCodes[0] == creditCode ? "enterprise" : "enterprise2";
}
