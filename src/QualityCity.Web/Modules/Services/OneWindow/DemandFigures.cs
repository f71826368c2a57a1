using System.Globalization;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using QualityCity.Domain.Common;
using QualityCity.Domain.Services.OneWindow;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;

namespace QualityCity.Web.Modules.Services.OneWindow;

/// <summary>One unit's figures over a period of filing.</summary>
/// <param name="Filed">Demands filed in the period.</param>
/// <param name="Answered">Of those, answered (the clock stopped by an answer).</param>
/// <param name="AnsweredOnTime">Answered within the service time, pauses excluded.</param>
/// <param name="OnTimeRate">AnsweredOnTime / Answered; null with nothing answered.</param>
/// <param name="Rated">Rated by the enterprise.</param>
/// <param name="AverageRating">On 5 (非常满意) to 1 (非常不满意); null with nothing rated.</param>
/// <param name="BadRatings">Rated 不满意 or 非常不满意.</param>
/// <param name="BadFollowedUpOnTime">Bad ratings whose contact and fix were both done within their times.</param>
/// <param name="Overdue">Open and overdue now (service time, contact or fix).</param>
/// <param name="Escalated">On the escalation list.</param>
public sealed record DemandUnitFigures(string Unit, string Name, int Filed, int Answered, int AnsweredOnTime, double? OnTimeRate, int Rated, double? AverageRating,
    int BadRatings, int BadFollowedUpOnTime, int Overdue, int Escalated);

public sealed record DemandFiguresReport(DateOnly From, DateOnly To, IReadOnlyList<DemandUnitFigures> Units, DemandUnitFigures Totals);

/// <summary>
/// The one window's figures per unit (SVC-1) for the coordinator and the administrator: how many
/// demands, the share answered on time, the average rating and the bad ratings followed up on time;
/// and the same as an Excel workbook, text cells neutralised against formulas like every export's.
/// </summary>
public sealed class DemandFigures(QualityCityDbContext db, DemandWork work, PlatformClock clock)
{
    public const string ContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The figures of demands filed from <paramref name="from"/> to <paramref name="to"/> (China dates; the last 12 months by default).</summary>
    public async Task<DemandFiguresReport> ReportAsync(DateOnly? from, DateOnly? to, CancellationToken cancellationToken)
    {
        var last = to ?? clock.Today;
        var first = from ?? last.AddMonths(-12).AddDays(1);
        var startUtc = ChinaMidnightUtc(first);
        var endUtc = ChinaMidnightUtc(last.AddDays(1));
        var demands = await db.Demands.AsNoTracking().Where(d => d.FiledAtUtc >= startUtc && d.FiledAtUtc < endUtc).ToListAsync(cancellationToken);
        var requests = await work.RequestsOfAsync(demands.Select(d => d.Id).ToList(), cancellationToken);
        var deadlines = await work.DeadlinesAsync(cancellationToken);
        var names = await work.UnitNamesAsync(cancellationToken);
        var now = DemandCodes.Instant(clock.UtcNow);
        var measured = demands.Select(d =>
        {
            var snapshot = DemandCodes.Snapshot(d, requests.GetValueOrDefault(d.Id, []));
            return (Demand: d, Snapshot: snapshot, Sla: deadlines.Sla(snapshot, now), FollowUp: deadlines.BadRatingFollowUp(snapshot, now),
                Overdue: deadlines.Overdue(snapshot, now));
        }).ToList();
        var units = measured.GroupBy(m => m.Demand.RoutedUnit, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Figures(g.Key, names.GetValueOrDefault(g.Key, g.Key), g)).ToList();
        return new DemandFiguresReport(first, last, units, Figures(string.Empty, "合计", measured));

        static DemandUnitFigures Figures(string unit, string name,
            IEnumerable<(Demand Demand, DemandSnapshot Snapshot, DemandSlaStatus Sla, BadRatingFollowUpStatus? FollowUp, DemandOverdue Overdue)> rows)
        {
            var list = rows.ToList();
            var answered = list.Where(r => r.Snapshot.AnsweredAt is not null).ToList();
            var onTime = answered.Count(r => !r.Sla.AnsweredLate);
            var rated = list.Where(r => r.Snapshot.Rating is not null).ToList();
            var bad = rated.Where(r => r.Snapshot.Rating!.Value.IsBad()).ToList();
            var followedUp = bad.Count(r => r.Snapshot.ContactedAt is not null && r.Snapshot.FixedAt is not null && r.FollowUp is { ContactedLate: false, FixedLate: false });
            return new DemandUnitFigures(unit, name, list.Count, answered.Count, onTime, answered.Count == 0 ? null : (double)onTime / answered.Count, rated.Count,
                rated.Count == 0 ? null : rated.Average(r => Score(r.Snapshot.Rating!.Value)), bad.Count, followedUp,
                list.Count(r => r.Overdue != DemandOverdue.None && !r.Snapshot.IsFinal), list.Count(r => r.Demand.Escalated));
        }
    }

    /// <summary>5 for 非常满意 down to 1 for 非常不满意.</summary>
    public static int Score(ServiceRating rating) => 5 - (int)rating;

    /// <summary>The figures and the demands of the period as a workbook; no contact of any enterprise.</summary>
    public async Task<MemoryStream> ExcelAsync(DemandFiguresReport report, CancellationToken cancellationToken)
    {
        var units = report.Units.Append(report.Totals).Select(u => new Dictionary<string, object?>
        {
            ["单位代码 unit"] = u.Unit, ["单位 name"] = u.Name, ["需求 filed"] = u.Filed, ["答复 answered"] = u.Answered, ["按期答复 on time"] = u.AnsweredOnTime,
            ["按期答复率 on-time rate"] = u.OnTimeRate, ["评价 rated"] = u.Rated, ["平均评价 average rating"] = u.AverageRating, ["差评 bad ratings"] = u.BadRatings,
            ["差评按期整改 followed up on time"] = u.BadFollowedUpOnTime, ["超期 overdue"] = u.Overdue, ["督办 escalated"] = u.Escalated,
        }).ToList();
        var startUtc = ChinaMidnightUtc(report.From);
        var endUtc = ChinaMidnightUtc(report.To.AddDays(1));
        var demands = await db.Demands.AsNoTracking().Where(d => d.FiledAtUtc >= startUtc && d.FiledAtUtc < endUtc).OrderBy(d => d.FiledAtUtc).ThenBy(d => d.Id)
            .ToListAsync(cancellationToken);
        var rows = demands.Select(d => new Dictionary<string, object?>
        {
            ["编号 code"] = d.Code, ["企业 enterprise"] = d.EnterpriseName, ["信用代码 credit code"] = d.CreditCode,
            ["类型 kind"] = DemandKinds.TryParseCode(d.Kind, out var kind) ? kind.NameZh() : d.Kind, ["标题 title"] = d.Title,
            ["状态 state"] = DemandCodes.ParseState(d.State) is { } state ? DemandWorkflow.StateNameZh(state) : d.State, ["单位 unit"] = d.RoutedUnit,
            ["提交 filed"] = Localization.ChinaTime.Format(d.FiledAtUtc), ["答复 answered"] = d.AnsweredAtUtc is { } a ? Localization.ChinaTime.Format(a) : null,
            ["评价 rating"] = ServiceRatings.TryParseCode(d.Rating, out var rating) ? rating.NameZh() : null, ["督办 escalated"] = d.Escalated ? "是 yes" : "否 no",
        }).ToList();
        var stream = new MemoryStream();
        await stream.SaveAsAsync(new Dictionary<string, object>
        {
            ["各单位 units"] = units.Select(SpreadsheetCell.NeutraliseRow).ToList(),
            ["需求 demands"] = rows.Select(SpreadsheetCell.NeutraliseRow).ToList(),
        }, cancellationToken: cancellationToken);
        stream.Position = 0;
        return stream;
    }

    public static string Percent(double? share) => share is { } s ? (s * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";

    private static DateTime ChinaMidnightUtc(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), Domain.PublicVoice.VoiceDeadlines.ChinaOffset).UtcDateTime;
}
