using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.Quality.Samples;

/// <summary>The samples' API: the batches behind the map, their raw records, recording a sample and the steps of its workflow.</summary>
public static class SampleEndpoints
{
    /// <summary>A sample as the API answers it, for the reference's examples.</summary>
    private static readonly object SampleExample = new
    {
        id = 1187, sampleNo = "SD-LC-2026-0187", level = "city", authority = "聊城市市场监督管理局", kind = "routine", productCategory = "pvc-wire", industry = "cable",
        specification = "BV 2.5mm²", batch = "20260311", brand = "华东", producerCreditCode = "91371521MA3C8X2Q1K", producerName = "阳谷华东电缆有限公司",
        county = "371521", madeInCounty = "371521", sellerName = (string?)null, place = "阳谷县经销商仓库", sampledOn = new DateOnly(2026, 3, 18),
        lab = "山东省产品质量检验研究院", reportNo = "W2026-03318", reportedOn = new DateOnly(2026, 4, 2), passed = false, status = "notified",
        noticeReceivedOn = new DateOnly(2026, 4, 7), objectionDue = new DateOnly(2026, 4, 21),
        items = new[]
        {
            new { item = "conductor-resistance", standardClause = "GB/T 3956-2008 第5.1.1条", measured = "7.98", limit = "≤ 7.41", unit = "Ω/km", passed = false },
            new { item = "insulation-thickness-avg", standardClause = "GB/T 5023.2-2008 第1.9条", measured = "0.82", limit = "≥ 0.8", unit = "mm", passed = true },
        },
    };

    public static void Map(IEndpointRouteBuilder api)
    {
        api.MapGet("/samples", async ([AsParameters] SampleFilter filter, QualityCityDbContext db, CancellationToken ct) =>
            Results.Ok((await filter.Apply(db.Samples.AsNoTracking().Include(s => s.Items)).OrderByDescending(s => s.SampledOn).ThenBy(s => s.Id)
                .Skip(Math.Max(0, filter.Skip ?? 0)).Take(Math.Clamp(filter.Take ?? 100, 1, 500)).ToListAsync(ct)).Select(SampleView.Of)))
            .RequireAuthorization(Policies.Staff)
            .WithSummary("抽检样品 — Quality samples")
            .WithDescription("""
                质量地图背后的抽检样品及其检验项目，抽样日期新的在前。可按行业 `industry`、年份 `year`、县区 `county`、产品类别 `category`、检验项目 `item`、是否不合格 `failed`、结论 `result`（passed 合格、failed 不合格、pending 尚无结论）、抽查计划 `plan`、计划任务 `task` 和生产企业 `producer`（统一社会信用代码）筛选；用 `skip` 和 `take`（默认 100，最多 500）分页。

                The samples behind the quality map with their test items, newest sampling day first. Filter by `industry`, `year`, `county`, product `category`, test `item`, `failed`, the conclusion `result` (passed, failed, or pending for none yet), sampling `plan`, plan `task` and `producer` (credit code); page with `skip` and `take` (100 by default, at most 500).
                """)
            .WithResponseExample(200, new[] { SampleExample });

        api.MapGet("/samples/{id:long}", async (long id, QualityCityDbContext db, CancellationToken ct) =>
            await db.Samples.AsNoTracking().Include(s => s.Items).FirstOrDefaultAsync(s => s.Id == id, ct) is { } sample
                ? Results.Ok(SampleView.Of(sample))
                : Results.NotFound()).RequireAuthorization(Policies.Staff).Produces(StatusCodes.Status404NotFound)
            .WithSummary("一个抽检样品 — One quality sample")
            .WithDescription("样品的全部字段、流程状态和各期限（异议期、整改期、复查期），以及每个检验项目的实测值、限值、是否合格和复检值。 — Every field of the sample, its workflow status and deadlines (objection, correction, re-inspection), and each test item with measured value, limit, pass and re-test value.")
            .WithResponseExample(200, SampleExample);

        api.MapGet("/samples/export.csv", async (string? industry, int? year, HttpContext http, QualityCityDbContext db, CancellationToken ct) =>
            await SamplingResultsExport.WriteCsvAsync(http.Response, SamplingResultsExport.Rows(db, includeUnpublished: true, industry, year), "sampling-results-all.csv", ct))
            .RequireAuthorization(Policies.Staff).Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .WithSummary("导出全部抽检结果（CSV） — Export every sample result (CSV)")
            .WithDescription("与开放数据格式相同，但包括未公布的结果；可按行业 `industry` 和年份 `year` 筛选。 — The open-data format, unpublished results included; filter by `industry` and `year`.");

        api.MapPost("/samples", async (SampleRequest request, ClaimsPrincipal user, HttpResponse response, SampleRecorder recorder,
            CancellationToken ct) => (await recorder.RecordAsync(request, user, ct)).ToHttp(response)).RequireAuthorization(Policies.Staff).ProducesValidationProblem()
            .WithSummary("录入抽检样品 — Record a quality sample")
            .WithDescription("""
                录入一个样品：编号 `sampleNo`、层级 `level`（national、provincial、city、county）、类型 `kind`（routine 计划抽查、follow-up 跟踪复查、emergency 应急抽查）、产品类别、生产和销售企业、抽样地点和日期、检验机构和报告，以及每个检验项目的实测值、限值和结论。跟踪复查用 `followUpOf` 指向原样品。只有负责产品质量抽检的部门（默认为市场监管局）的工作人员、统筹部门和管理员可以操作。返回更新后的样品；若引起生产企业重新评级，响应头 `Link` 指向该后台任务。

                Records a sample: `sampleNo`, `level` (national, provincial, city, county), `kind` (routine, follow-up, emergency), product category, producer and seller, place and day of sampling, lab and report, and each test item's measured value, limit and verdict. A follow-up names the first sample in `followUpOf`. Only the staff of the department responsible for quality sampling (the market regulator by default), the coordinator and the administrator may do this. Answers the sample as it now is; when it re-grades the producer, the `Link` header names that background job.
                """)
            .WithRequestExample(new SampleRequest("SD-LC-2026-0187", "city", "聊城市市场监督管理局", "routine", "pvc-wire", "BV 2.5mm²", "20260311", "华东",
                "91371521MA3C8X2Q1K", "阳谷华东电缆有限公司", "371521", "371521", null, null, "阳谷县经销商仓库", new DateOnly(2026, 3, 18), "山东省产品质量检验研究院",
                "W2026-03318", new DateOnly(2026, 4, 2), null,
                [new SampleItemRequest("conductor-resistance", "7.98", "≤ 7.41", "Ω/km", false), new SampleItemRequest("insulation-thickness-avg", "0.82", "≥ 0.8", "mm", true)]));

        api.MapPost("/samples/{id:long}/notice", async (long id, NoticeRequest request, ClaimsPrincipal user, HttpResponse response, SampleWorkflow workflow,
            CancellationToken ct) => (await workflow.NotifyAsync(id, request, user, ct)).ToHttp(response)).RequireAuthorization(Policies.Staff).ProducesValidationProblem()
            .WithSummary("登记结果通知送达 — Record receipt of the result notice")
            .WithDescription("生产企业收到检验结果通知的日期 `receivedOn`，异议期由此开始计算。只有负责产品质量抽检的部门（默认为市场监管局）的工作人员、统筹部门和管理员可以操作。返回更新后的样品；若引起生产企业重新评级，响应头 `Link` 指向该后台任务。 — The day the producer received the result notice (`receivedOn`); the objection period starts from it. Only the staff of the department responsible for quality sampling (the market regulator by default), the coordinator and the administrator may do this. Answers the sample as it now is; when it re-grades the producer, the `Link` header names that background job.");
        api.MapPost("/samples/{id:long}/objection", async (long id, ObjectionRequest request, ClaimsPrincipal user, HttpResponse response, SampleWorkflow workflow,
            CancellationToken ct) => (await workflow.ObjectAsync(id, request, user, ct)).ToHttp(response)).RequireAuthorization(Policies.Staff).ProducesValidationProblem()
            .WithSummary("登记异议 — Record an objection")
            .WithDescription("企业在异议期内提出异议（及对备样复检的申请）：提出日期 `filedOn` 和理由 `reason`。只有负责产品质量抽检的部门（默认为市场监管局）的工作人员、统筹部门和管理员可以操作。返回更新后的样品；若引起生产企业重新评级，响应头 `Link` 指向该后台任务。 — The producer's objection (and request to re-test the backup sample) within the period: `filedOn` and `reason`. Only the staff of the department responsible for quality sampling (the market regulator by default), the coordinator and the administrator may do this. Answers the sample as it now is; when it re-grades the producer, the `Link` header names that background job.");
        api.MapPost("/samples/{id:long}/retest", async (long id, RetestRequest request, ClaimsPrincipal user, HttpResponse response, SampleWorkflow workflow,
            CancellationToken ct) => (await workflow.RetestAsync(id, request, user, ct)).ToHttp(response)).RequireAuthorization(Policies.Staff).ProducesValidationProblem()
            .WithSummary("登记备样复检结果 — Record the re-test")
            .WithDescription("对备样的复检日期 `retestOn` 和各检验项目的复检结论 `items`：复检结论取代初检结论，为最终结论。只有负责产品质量抽检的部门（默认为市场监管局）的工作人员、统筹部门和管理员可以操作。返回更新后的样品；若引起生产企业重新评级，响应头 `Link` 指向该后台任务。 — The re-test of the backup sample: `retestOn` and each test item's verdict in `items`; the re-test's conclusions replace the first test's and are final. Only the staff of the department responsible for quality sampling (the market regulator by default), the coordinator and the administrator may do this. Answers the sample as it now is; when it re-grades the producer, the `Link` header names that background job.");
        api.MapPost("/samples/{id:long}/publish", async (long id, DateRequest request, ClaimsPrincipal user, HttpResponse response, SampleWorkflow workflow,
            CancellationToken ct) => (await workflow.PublishAsync(id, request, user, ct)).ToHttp(response)).RequireAuthorization(Policies.Staff).ProducesValidationProblem()
            .WithSummary("公布抽检结果 — Publish a sample's result")
            .WithDescription("在日期 `on` 公布：合格样品检验后即可公布；不合格样品须在结论确定后（异议期满未提异议，或已复检）公布，公布后生成整改和复查期限。公布的结果进入质量地图和开放数据。只有负责产品质量抽检的部门（默认为市场监管局）的工作人员、统筹部门和管理员可以操作。返回更新后的样品；若引起生产企业重新评级，响应头 `Link` 指向该后台任务。 — Publishes on the day `on`: a pass once tested; a failure once final (the objection period over without an objection, or re-tested), which then gets its correction and re-inspection deadlines. Published results enter the quality map and the open data. Only the staff of the department responsible for quality sampling (the market regulator by default), the coordinator and the administrator may do this. Answers the sample as it now is; when it re-grades the producer, the `Link` header names that background job.");
        api.MapPost("/samples/{id:long}/announce", async (long id, DateRequest request, ClaimsPrincipal user, HttpResponse response, SampleWorkflow workflow,
            CancellationToken ct) => (await workflow.AnnounceAsync(id, request, user, ct)).ToHttp(response)).RequireAuthorization(Policies.Staff).ProducesValidationProblem()
            .WithSummary("公告不合格 — Announce a failure")
            .WithDescription("在日期 `on` 向社会公告不合格结果；第二次复查安排在公告后 60–90 天。只有负责产品质量抽检的部门（默认为市场监管局）的工作人员、统筹部门和管理员可以操作。返回更新后的样品；若引起生产企业重新评级，响应头 `Link` 指向该后台任务。 — Announces the failure publicly on the day `on`; the second re-inspection falls 60 to 90 days after. Only the staff of the department responsible for quality sampling (the market regulator by default), the coordinator and the administrator may do this. Answers the sample as it now is; when it re-grades the producer, the `Link` header names that background job.");
    }
}
