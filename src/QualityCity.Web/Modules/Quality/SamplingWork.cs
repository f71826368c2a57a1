using System.Globalization;
using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QualityCity.Domain.Quality;
using QualityCity.Domain.Registry;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Accounts;
using QualityCity.Web.Modules.Inspections.RecordResults;
using QualityCity.Web.Modules.ReferenceData.Contracts;
using QualityCity.Web.Modules.Registry.GradeEntities;

namespace QualityCity.Web.Modules.Quality;

public sealed record SampleItemRequest(string? Item, string? Measured, string? Limit, string? Unit, bool? Passed);

public sealed record SampleRequest(
    string? SampleNo, string? Level, string? Authority, string? Kind, string? ProductCategory, string? Specification, string? Batch, string? Brand,
    string? ProducerCreditCode, string? ProducerName, string? County, string? MadeInCounty, string? SellerCreditCode, string? SellerName, string? Place,
    DateOnly? SampledOn, string? Lab, string? ReportNo, DateOnly? ReportedOn, long? FollowUpOf, IReadOnlyList<SampleItemRequest>? Items, int? TaskId = null);

public sealed record SamplingTaskRequest(string? ProductCategory, string? County, int? Batches, string? Lab, DateOnly? Due);

public sealed record SamplingPlanRequest(int? Year, string? Level, string? Authority, string? Title, IReadOnlyList<SamplingTaskRequest>? Tasks);

public sealed record NoticeRequest(DateOnly? ReceivedOn);

public sealed record ObjectionRequest(DateOnly? FiledOn, string? Reason);

public sealed record RetestRequest(DateOnly? RetestOn, IReadOnlyList<SampleItemRequest>? Items);

public sealed record DateRequest(DateOnly? On);

/// <summary>
/// Supervision sampling (QLT-1, QLT-2): records samples with their test items, refuses a repeat
/// within six months, and carries a sample through notice, objection and re-test, publication and
/// the follow-up of a failure. Every change refreshes the quality map's cells in the same unit of
/// work and re-grades the producer.
/// </summary>
public sealed class SamplingWork(QualityCityDbContext db, IOptions<QualityOptions> options, RiskGradingService grading, Text text, PlatformClock clock)
{
    /// <summary>Sampling is the market regulator's: its staff, the coordinator and the administrator.</summary>
    public async Task<bool> MayManageAsync(ClaimsPrincipal user, CancellationToken ct)
    {
        if (user.SeesAllDepartments())
        {
            return true;
        }

        var department = user.DepartmentId();
        return user.IsStaff() && department is not null && await db.Departments.AnyAsync(d => d.Id == department && d.Code == "samr", ct);
    }

    /// <summary>Checks a request without saving; the errors name the fields.</summary>
    public async Task<(Sample? Sample, Dictionary<string, string[]> Errors)> ValidateAsync(SampleRequest request, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];

        var sampleNo = request.SampleNo?.Trim() ?? string.Empty;
        if (sampleNo.Length is 0 or > 40)
        {
            Add("sampleNo", text["抽样单编号必填，最多 40 个字符"]);
        }
        else if (await db.Samples.AnyAsync(s => s.SampleNo == sampleNo, ct))
        {
            Add("sampleNo", text.Format("抽样单编号 {0} 已经登记过", sampleNo));
        }

        if (request.Level is null || !SamplingLevels.All.Contains(request.Level))
        {
            Add("level", text.Format("抽查层级须为 {0} 之一", string.Join(", ", SamplingLevels.All)));
        }

        if (string.IsNullOrWhiteSpace(request.Authority))
        {
            Add("authority", text["组织抽查的部门必填"]);
        }

        var kind = ParseKind(request.Kind);
        if (kind is null)
        {
            Add("kind", text["抽查类型须为 routine（计划抽查）、follow-up（跟踪复查）或 emergency（应急抽查）"]);
        }

        var category = request.ProductCategory is null ? null : await db.ProductCategories.AsNoTracking().FirstOrDefaultAsync(c => c.Code == request.ProductCategory, ct);
        if (category is null)
        {
            Add("productCategory", text.Format("未知的产品类别：{0}", request.ProductCategory ?? "（空）"));
        }

        var producerCode = request.ProducerCreditCode?.Trim().ToUpperInvariant() ?? string.Empty;
        var producer = producerCode.Length == 0 ? null : await db.MarketEntities.AsNoTracking().FirstOrDefaultAsync(e => e.CreditCode == producerCode, ct);
        if (producerCode.Length == 0 || (!CreditCode.Check(producerCode).IsAcceptable && producer is null))
        {
            Add("producerCreditCode", text.Format("标称生产者的统一社会信用代码无效：{0}", producerCode.Length == 0 ? "（空）" : producerCode));
        }

        var county = producer?.CountyCode ?? request.County?.Trim() ?? string.Empty;
        if (producer is null && (county.Length != 6 || !county.All(char.IsAsciiDigit)))
        {
            Add("county", text["生产者不在本地主体库中时，须填写其所在区县代码（6 位）"]);
        }

        var today = clock.Today;
        if (request.SampledOn is not { } sampledOn || sampledOn > today || sampledOn.Year < 2000)
        {
            Add("sampledOn", text["抽样日期必填，且不能是将来的日期"]);
        }

        if (request.ReportedOn is { } reported && request.SampledOn is { } sampled && reported < sampled)
        {
            Add("reportedOn", text["检验报告日期不能早于抽样日期"]);
        }

        var items = request.Items ?? [];
        var known = category is null ? [] : await db.TestItemDefinitions.AsNoTracking().Where(i => i.ProductCategory == category.Code).ToListAsync(ct);
        foreach (var item in items)
        {
            var definition = known.FirstOrDefault(k => k.Code == item.Item);
            if (category is not null && definition is null)
            {
                Add($"items:{item.Item}", text.Format("{0} 不是该产品类别的检验项目", item.Item ?? "（空）"));
            }

            if (item.Passed is null)
            {
                Add($"items:{item.Item}", text["每个检验项目须给出判定（合格或不合格）"]);
            }
        }

        if (items.Select(i => i.Item).Distinct().Count() != items.Count)
        {
            Add("items", text["同一检验项目只能出现一次"]);
        }

        if (kind == SampleKind.FollowUp && request.FollowUpOf is { } original && !await db.Samples.AnyAsync(s => s.Id == original && s.Passed == false, ct))
        {
            Add("followUpOf", text["跟踪复查须指向一个不合格样品"]);
        }

        // Only plan sampling counts against plan sampling: a follow-up or an emergency sample is part of handling a case.
        var task = request.TaskId is { } taskId ? await db.SamplingTasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId, ct) : null;
        var plan = task is null ? null : await db.SamplingPlans.AsNoTracking().FirstAsync(p => p.Id == task.PlanId, ct);
        if (request.TaskId is not null && (task is null || plan!.Authority != request.Authority?.Trim() || plan.Level != request.Level
            || task.ProductCategory != request.ProductCategory || (task.CountyCode.Length > 0 && producer is not null && task.CountyCode != county)
            || request.SampledOn?.Year != plan.Year || kind != SampleKind.Routine))
        {
            Add("taskId", text["抽查任务不存在，或与样品的组织部门、层级、产品类别、区县、年份不符"]);
        }

        if (errors.Count == 0 && kind == SampleKind.Routine)
        {
            var earlier = await db.Samples.AsNoTracking()
                .Where(s => s.ProducerCreditCode == producerCode && s.ProductCategory == category!.Code && s.Authority == request.Authority!.Trim() && s.Kind == "routine")
                .Select(s => new EarlierSample(s.SampleNo, s.ProductCategory, s.ProducerCreditCode, s.Authority, s.SampledOn)).ToListAsync(ct);
            if (ResamplingRule.Conflict(earlier, category!.Code, producerCode, request.Authority!.Trim(), request.SampledOn!.Value, SampleKind.Routine,
                    options.Value.NoRepeatMonths) is { } conflict)
            {
                Add("sampledOn", text.Format("{0} 已于 {1:yyyy-MM-dd} 抽查过该生产者的同一产品（{2}），{3} 个月内不得重复抽查（跟踪复查、应急抽查除外）",
                    conflict.Authority, conflict.SampledOn, conflict.SampleNo, options.Value.NoRepeatMonths));
            }
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var results = items.Select(i =>
        {
            var definition = known.First(k => k.Code == i.Item);
            return new SampleItemResult
            {
                ItemCode = definition.Code, StandardClause = definition.StandardClause, Measured = i.Measured?.Trim() ?? string.Empty,
                Limit = string.IsNullOrWhiteSpace(i.Limit) ? definition.Limit : i.Limit.Trim(), Unit = string.IsNullOrWhiteSpace(i.Unit) ? definition.Unit : i.Unit.Trim(),
                Passed = i.Passed!.Value,
            };
        }).ToList();
        var sample = new Sample
        {
            SampleNo = sampleNo, Level = request.Level!, Authority = request.Authority!.Trim(), Kind = KindName(kind!.Value), ProductCategory = category!.Code,
            Industry = category.Industry, Specification = request.Specification?.Trim() ?? string.Empty, Batch = request.Batch?.Trim() ?? string.Empty,
            Brand = request.Brand?.Trim() ?? string.Empty, ProducerCreditCode = producerCode, ProducerName = producer?.Name ?? request.ProducerName?.Trim() ?? string.Empty,
            CountyCode = county, MadeInCounty = string.IsNullOrWhiteSpace(request.MadeInCounty) ? null : request.MadeInCounty.Trim(),
            SellerCreditCode = string.IsNullOrWhiteSpace(request.SellerCreditCode) ? null : request.SellerCreditCode.Trim().ToUpperInvariant(),
            SellerName = request.SellerName?.Trim() ?? string.Empty, Place = request.Place?.Trim() ?? string.Empty, SampledOn = request.SampledOn!.Value,
            Lab = request.Lab?.Trim() ?? string.Empty, ReportNo = request.ReportNo?.Trim() ?? string.Empty, ReportedOn = request.ReportedOn,
            Passed = results.Count == 0 ? null : results.All(r => r.Passed), Status = results.Count == 0 ? SampleStatus.Sampled : SampleStatus.Tested,
            FollowUpOf = request.FollowUpOf, CreatedAtUtc = clock.UtcNow, Items = results, TaskId = task?.Id, PlanId = task?.PlanId,
        };
        return (sample, errors);
    }

    public async Task<WorkResult> RecordAsync(SampleRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!await MayManageAsync(user, ct))
        {
            return WorkResult.Refused(StatusCodes.Status403Forbidden, text["产品抽查由市场监管部门登记"]);
        }

        var (sample, errors) = await ValidateAsync(request, ct);
        if (sample is null)
        {
            return WorkResult.Invalid(errors);
        }

        sample.CreatedBy = user.ActorName();
        await SaveAsync([sample], ct);
        return WorkResult.Ok(View(sample));
    }

    /// <summary>Saves new samples, refreshes their map cells and re-grades their producers, in one transaction.</summary>
    public async Task SaveAsync(IReadOnlyList<Sample> samples, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var sample in samples)
        {
            sample.StampItems();
        }

        db.Samples.AddRange(samples);
        await db.SaveChangesAsync(ct);
        await QualityMapStore.RefreshAsync(db, samples.Select(QualityMapStore.KeyOf), ct);
        await transaction.CommitAsync(ct);
        foreach (var producer in samples.Where(s => s.Passed == false).Select(s => s.ProducerCreditCode).Distinct())
        {
            await grading.RegradeAsync(producer, ct);
        }
    }

    /// <summary>A year's sampling plan with its tasks (which products, where, how many batches, which lab, by when).</summary>
    public async Task<WorkResult> PlanAsync(SamplingPlanRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!await MayManageAsync(user, ct))
        {
            return WorkResult.Refused(StatusCodes.Status403Forbidden, text["产品抽查由市场监管部门登记"]);
        }

        var errors = new Dictionary<string, string[]>();
        if (request.Year is not (>= 2000 and <= 2100))
        {
            errors["year"] = [text["年份必填"]];
        }

        if (request.Level is null || !SamplingLevels.All.Contains(request.Level))
        {
            errors["level"] = [text.Format("抽查层级须为 {0} 之一", string.Join(", ", SamplingLevels.All))];
        }

        if (string.IsNullOrWhiteSpace(request.Authority) || string.IsNullOrWhiteSpace(request.Title))
        {
            errors["authority"] = [text["组织抽查的部门和计划名称必填"]];
        }

        var tasks = request.Tasks ?? [];
        if (tasks.Count == 0)
        {
            errors["tasks"] = [text["至少一项抽查任务"]];
        }

        var categories = await db.ProductCategories.AsNoTracking().Select(c => c.Code).ToListAsync(ct);
        for (var i = 0; i < tasks.Count; i++)
        {
            var t = tasks[i];
            if (t.ProductCategory is null || !categories.Contains(t.ProductCategory))
            {
                errors[$"tasks[{i}].productCategory"] = [text.Format("未知的产品类别：{0}", t.ProductCategory ?? "（空）")];
            }

            if (t.Batches is not (> 0 and <= 100000))
            {
                errors[$"tasks[{i}].batches"] = [text["批次数须为正整数"]];
            }

            if (string.IsNullOrWhiteSpace(t.Lab))
            {
                errors[$"tasks[{i}].lab"] = [text["承检机构必填"]];
            }

            if (t.Due is null || (request.Year is { } year && t.Due.Value.Year != year))
            {
                errors[$"tasks[{i}].due"] = [text["完成期限必填，且须在计划年度内"]];
            }

            if (!string.IsNullOrEmpty(t.County) && (t.County.Length != 6 || !t.County.All(char.IsAsciiDigit)))
            {
                errors[$"tasks[{i}].county"] = [text["区县代码为 6 位数字，空表示全域"]];
            }
        }

        if (errors.Count > 0)
        {
            return WorkResult.Invalid(errors);
        }

        var plan = new SamplingPlan
        {
            Year = request.Year!.Value, Level = request.Level!, Authority = request.Authority!.Trim(), Title = request.Title!.Trim(), CreatedBy = user.ActorName(),
            CreatedAtUtc = clock.UtcNow,
            Tasks = tasks.Select(t => new SamplingTask
            {
                ProductCategory = t.ProductCategory!, CountyCode = t.County ?? string.Empty, Batches = t.Batches!.Value, Lab = t.Lab!.Trim(), Due = t.Due!.Value,
            }).ToList(),
        };
        db.SamplingPlans.Add(plan);
        await db.SaveChangesAsync(ct);
        return WorkResult.Ok(new { plan.Id, plan.Year, plan.Title, tasks = plan.Tasks.Select(t => new { t.Id, t.ProductCategory, t.Batches }) });
    }

    /// <summary>The producer received the result notice: the objection period starts.</summary>
    public async Task<WorkResult> NotifyAsync(long id, NoticeRequest request, ClaimsPrincipal user, CancellationToken ct) =>
        await ChangeAsync(id, user, async sample =>
        {
            if (sample.Status != SampleStatus.Tested)
            {
                return WorkResult.Refused(StatusCodes.Status409Conflict, text["只有已检验、尚未通知的样品可以登记结果送达"]);
            }

            if (request.ReceivedOn is not { } received || received < sample.SampledOn || received > clock.Today)
            {
                return WorkResult.Invalid("receivedOn", text["送达日期必填，不能早于抽样日期，也不能是将来的日期"]);
            }

            var calendar = await WorkingCalendar.LoadAsync(db, ct);
            sample.NoticeReceivedOn = received;
            sample.ObjectionDue = SamplingDeadlines.ObjectionDue(received, options.Value.Periods(), calendar);
            sample.Status = SampleStatus.Notified;
            return null;
        }, ct);

    /// <summary>An objection (and re-test request on the backup sample) within the period from receipt.</summary>
    public async Task<WorkResult> ObjectAsync(long id, ObjectionRequest request, ClaimsPrincipal user, CancellationToken ct) =>
        await ChangeAsync(id, user, async sample =>
        {
            if (sample.Status != SampleStatus.Notified || sample.NoticeReceivedOn is not { } received)
            {
                return WorkResult.Refused(StatusCodes.Status409Conflict, text["只有已送达检验结果、尚未处理异议的样品可以提出异议"]);
            }

            if (string.IsNullOrWhiteSpace(request.Reason))
            {
                return WorkResult.Invalid("reason", text["请写明异议理由"]);
            }

            var filed = request.FiledOn ?? clock.Today;
            var calendar = await WorkingCalendar.LoadAsync(db, ct);
            if (SamplingDeadlines.RefuseObjection(received, filed, options.Value.Periods(), calendar) is not null)
            {
                return WorkResult.Invalid("filedOn", filed < received
                    ? text.Format("异议日期 {0:yyyy-MM-dd} 早于收到检验结果的日期 {1:yyyy-MM-dd}", filed, received)
                    : text.Format("异议期已过：收到检验结果之日（{0:yyyy-MM-dd}）起 {1} 日内，即 {2:yyyy-MM-dd} 前提出",
                        received, options.Value.ObjectionDays, SamplingDeadlines.ObjectionDue(received, options.Value.Periods(), calendar)));
            }

            sample.ObjectionFiledOn = filed;
            sample.ObjectionReason = request.Reason.Trim();
            sample.Status = SampleStatus.Objection;
            return null;
        }, ct);

    /// <summary>The re-test on the backup sample: its conclusions replace the first test's and are final.</summary>
    public async Task<WorkResult> RetestAsync(long id, RetestRequest request, ClaimsPrincipal user, CancellationToken ct) =>
        await ChangeAsync(id, user, sample =>
        {
            if (sample.Status != SampleStatus.Objection)
            {
                return Task.FromResult<WorkResult?>(WorkResult.Refused(StatusCodes.Status409Conflict, text["只有提出异议的样品可以复检"]));
            }

            if (request.RetestOn is not { } on || on < sample.ObjectionFiledOn || on > clock.Today)
            {
                return Task.FromResult<WorkResult?>(WorkResult.Invalid("retestOn", text["复检日期必填，不能早于异议日期，也不能是将来的日期"]));
            }

            var items = request.Items ?? [];
            var unknown = items.Where(i => i.Passed is null || sample.Items.All(r => r.ItemCode != i.Item)).Select(i => i.Item ?? "（空）").ToList();
            if (items.Count == 0 || unknown.Count > 0)
            {
                return Task.FromResult<WorkResult?>(WorkResult.Invalid("items", text.Format("复检只针对原检验项目，且须给出判定：{0}", string.Join(", ", unknown))));
            }

            foreach (var retest in items)
            {
                var result = sample.Items.First(r => r.ItemCode == retest.Item);
                result.FirstPassed ??= result.Passed;
                result.Passed = retest.Passed!.Value;
                result.RetestMeasured = retest.Measured?.Trim();
            }

            sample.RetestOn = on;
            sample.Passed = sample.Items.All(r => r.Passed);
            sample.FinalOn = on;
            sample.Status = SampleStatus.Final;
            return Task.FromResult<WorkResult?>(null);
        }, ct);

    /// <summary>
    /// Publication: a pass once tested; a failure once final (objection period over without an
    /// objection, or re-tested). A published failure gets its follow-up deadlines.
    /// </summary>
    public async Task<WorkResult> PublishAsync(long id, DateRequest request, ClaimsPrincipal user, CancellationToken ct) =>
        await ChangeAsync(id, user, async sample =>
        {
            var on = request.On ?? clock.Today;
            if (sample.PublishedOn is not null)
            {
                return WorkResult.Refused(StatusCodes.Status409Conflict, text["已经公布"]);
            }

            if (sample.Passed is null)
            {
                return WorkResult.Refused(StatusCodes.Status409Conflict, text["尚无检验结论，不能公布"]);
            }

            if (sample.Passed == false)
            {
                if (sample.Status == SampleStatus.Tested)
                {
                    return WorkResult.Refused(StatusCodes.Status409Conflict, text["不合格结果须先送达生产者，异议期满或复检后才能公布"]);
                }

                if (sample.Status == SampleStatus.Objection)
                {
                    return WorkResult.Refused(StatusCodes.Status409Conflict, text["异议正在处理，复检结论作出后才能公布"]);
                }

                if (sample.Status == SampleStatus.Notified && on <= sample.ObjectionDue)
                {
                    return WorkResult.Invalid("on", text.Format("异议期至 {0:yyyy-MM-dd} 届满，届满后才能公布", sample.ObjectionDue));
                }

                var calendar = await WorkingCalendar.LoadAsync(db, ct);
                sample.FinalOn ??= sample.ObjectionDue!.Value.AddDays(1);
                var follow = SamplingDeadlines.FollowUp(sample.FinalOn.Value, options.Value.Periods(), calendar);
                sample.CorrectionDue = follow.CorrectionDue;
                sample.ReinspectionDue = follow.ReinspectionDue;
            }

            sample.FinalOn ??= on;
            sample.PublishedOn = on;
            sample.Status = SampleStatus.Published;
            return null;
        }, ct);

    /// <summary>The failure is announced publicly: the second re-inspection falls 60–90 days after.</summary>
    public async Task<WorkResult> AnnounceAsync(long id, DateRequest request, ClaimsPrincipal user, CancellationToken ct) =>
        await ChangeAsync(id, user, async sample =>
        {
            if (sample.Passed != false || sample.PublishedOn is null)
            {
                return WorkResult.Refused(StatusCodes.Status409Conflict, text["只有已公布的不合格样品需要公告"]);
            }

            var on = request.On ?? clock.Today;
            var calendar = await WorkingCalendar.LoadAsync(db, ct);
            var (from, to) = SamplingDeadlines.SecondReinspection(on, options.Value.Periods(), calendar);
            sample.AnnouncedOn = on;
            sample.SecondReinspectionFrom = from;
            sample.SecondReinspectionTo = to;
            return null;
        }, ct);

    private async Task<WorkResult> ChangeAsync(long id, ClaimsPrincipal user, Func<Sample, Task<WorkResult?>> change, CancellationToken ct)
    {
        if (!await MayManageAsync(user, ct))
        {
            return WorkResult.Refused(StatusCodes.Status403Forbidden, text["产品抽查由市场监管部门登记"]);
        }

        var sample = await db.Samples.Include(s => s.Items).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (sample is null)
        {
            return WorkResult.NotFound;
        }

        var wasFailed = sample.Passed == false;
        if (await change(sample) is { } refused)
        {
            return refused;
        }

        sample.StampItems();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.SaveChangesAsync(ct);
        await QualityMapStore.RefreshAsync(db, [QualityMapStore.KeyOf(sample)], ct);
        await transaction.CommitAsync(ct);
        if (wasFailed || sample.Passed == false)
        {
            await grading.RegradeAsync(sample.ProducerCreditCode, ct);
        }

        return WorkResult.Ok(View(sample));
    }

    public static object View(Sample s) => new
    {
        s.Id, s.SampleNo, s.Level, s.Authority, s.Kind, s.ProductCategory, s.Industry, s.Specification, s.Batch, s.Brand, s.ProducerCreditCode, s.ProducerName,
        county = s.CountyCode, s.MadeInCounty, s.SellerName, s.Place, s.SampledOn, s.Lab, s.ReportNo, s.ReportedOn, s.Passed, s.Status, s.NoticeReceivedOn,
        s.ObjectionDue, s.ObjectionFiledOn, s.ObjectionReason, s.RetestOn, s.FinalOn, s.PublishedOn, s.CorrectionDue, s.ReinspectionDue, s.AnnouncedOn,
        s.SecondReinspectionFrom, s.SecondReinspectionTo, s.FollowUpOf, s.PlanId, s.TaskId,
        items = s.Items.OrderBy(i => i.ItemCode, StringComparer.Ordinal).Select(i => new { item = i.ItemCode, i.StandardClause, i.Measured, i.Limit, i.Unit, i.Passed, i.FirstPassed, i.RetestMeasured }),
    };

    public static SampleKind? ParseKind(string? kind) => kind switch
    {
        "routine" => SampleKind.Routine,
        "follow-up" => SampleKind.FollowUp,
        "emergency" => SampleKind.Emergency,
        _ => null,
    };

    public static string KindName(SampleKind kind) => kind switch
    {
        SampleKind.FollowUp => "follow-up",
        SampleKind.Emergency => "emergency",
        _ => "routine",
    };

    public static string Day(DateOnly? day) => day?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? string.Empty;
}
