using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QualityCity.Domain.Quality;
using QualityCity.Domain.Registry;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;

namespace QualityCity.Web.Modules.Quality.Samples;

/// <summary>
/// The checks of a new sample (QLT-1): its fields, its producer, its test items against the
/// category's, the task it counts for, and no repeat of routine sampling within the period. The API,
/// the page and the lab import all check through it; the errors name the fields.
/// </summary>
public sealed class SampleValidator(QualityCityDbContext db, IOptions<QualityOptions> options, Text text, PlatformClock clock)
{
    /// <summary>Checks a request without saving; returns the sample to save, or the errors by field.</summary>
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

        var kind = SampleKinds.Parse(request.Kind);
        if (kind is null)
        {
            Add("kind", text["抽查类型须为 routine（计划抽查）、follow-up（跟踪复查）或 emergency（应急抽查）"]);
        }

        var category = request.ProductCategory is null ? null : await db.ProductCategories.AsNoTracking().FirstOrDefaultAsync(c => c.Code == request.ProductCategory, ct);
        if (category is null)
        {
            Add("productCategory", text.Format("未知的产品类别：{0}", request.ProductCategory ?? "（空）"));
        }

        var producerCode = QualityCity.Domain.Registry.CreditCode.Canonical(request.ProducerCreditCode);
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
            SampleNo = sampleNo, Level = request.Level!, Authority = request.Authority!.Trim(), Kind = SampleKinds.Name(kind!.Value), ProductCategory = category!.Code,
            Industry = category.Industry, Specification = request.Specification?.Trim() ?? string.Empty, Batch = request.Batch?.Trim() ?? string.Empty,
            Brand = request.Brand?.Trim() ?? string.Empty, ProducerCreditCode = producerCode, ProducerName = producer?.Name ?? request.ProducerName?.Trim() ?? string.Empty,
            CountyCode = county, MadeInCounty = string.IsNullOrWhiteSpace(request.MadeInCounty) ? null : request.MadeInCounty.Trim(),
            SellerCreditCode = string.IsNullOrWhiteSpace(request.SellerCreditCode) ? null : QualityCity.Domain.Registry.CreditCode.Canonical(request.SellerCreditCode),
            SellerName = request.SellerName?.Trim() ?? string.Empty, Place = request.Place?.Trim() ?? string.Empty, SampledOn = request.SampledOn!.Value,
            Lab = request.Lab?.Trim() ?? string.Empty, ReportNo = request.ReportNo?.Trim() ?? string.Empty, ReportedOn = request.ReportedOn,
            Passed = results.Count == 0 ? null : results.All(r => r.Passed), Status = results.Count == 0 ? SampleStatus.Sampled : SampleStatus.Tested,
            FollowUpOf = request.FollowUpOf, CreatedAtUtc = clock.UtcNow, Items = results, TaskId = task?.Id, PlanId = task?.PlanId,
        };
        return (sample, errors);
    }
}
