using System.Security.Claims;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.PublicVoice.Intake;
using QualityCity.Web.Modules.PublicVoice.Items;

namespace QualityCity.Web.Modules.PublicVoice;

/// <summary>
/// Public voice (公众诉求, SPEC §5): citizens' complaints, reports, suggestions, consultations and
/// help requests, received on the web form, a QR poster or the API, tracked by their code, and
/// handled by the staff along the 12345 closed loop (ADR 0029).
/// </summary>
public sealed class PublicVoiceModule : IModule
{
    public static void AddServices(IServiceCollection services)
    {
        services.AddScoped<ReferenceData.Contracts.IReferenceDataSet, VoiceCategoryData>();
        services.AddScoped<VoiceLabels>();
        services.AddOptions<VoiceDeadlineOptions>().Configure<IConfiguration>((options, configuration) => options.Rules = VoiceDeadlineOptions.Read(configuration))
            .ValidateOnStart();
        services.AddScoped<VoiceIntake>();
        services.AddScoped<VoiceItemWork>();
        Open311.Open311Endpoints.AddServices(services);
        Triage.TriageServices.Add(services);
        services.AddScoped<Posters.VoicePosters>();
        services.AddScoped<Hotline.HotlineImport>();
        Oversight.OversightServices.Add(services);
        services.AddScoped<Outcomes.VoiceOutcomeWork>();
        services.AddScoped<Outcomes.VoiceConversionWork>();
        services.AddScoped<Registry.Contracts.IVerifiedComplaints, Outcomes.VerifiedComplaints>();
        VoiceIntakeWriter.Register(services);
    }

    public static void MapEndpoints(IEndpointRouteBuilder app)
    {
        Open311.Open311Endpoints.Map(app);
        Oversight.OversightServices.Map(app);
        var api = app.MapGroup("/api/voice").WithTags("Public voice");
        Triage.TriageEndpoints.Map(app);

        api.MapPost("/items", VoiceIntakeEndpoint.PostAsync).WithJsonRequestBody<VoiceSubmission>()
            .AllowAnonymous().RequireRateLimiting(RateLimits.Public).Produces<VoiceReceipt>(StatusCodes.Status201Created).ProducesValidationProblem()
            .WithSummary("提交投诉、举报、建议、咨询或求助 — Submit a complaint, report, suggestion, consultation or help request")
            .WithDescription("公开接口，无需登录，按客户端限流。`kind` 为 complaint、report、suggestion、consultation 或 help；`category` 为诉求分类代码（GET /api/voice/categories）；`county` 为县区代码或名称；`description` 5–4000 字；涉及企业填 `creditCode`，或填 `entityName`（与市场主体名录唯一匹配时记录其信用代码）；`anonymous` 为 true 时不留联系方式，否则须填 `contactName` 和 `contactPhone` 或 `contactEmail`。每个有误的字段在 400 中列出。成功返回 201，只含查询码 `trackingCode`、状态 `state` 和当前期限 `deadline`；查询码是提交人查询和评价的唯一凭证，请妥善保存。 — Public, no sign-in, rate-limited per client. `kind` is complaint, report, suggestion, consultation or help; `category` a category code (GET /api/voice/categories); `county` a county code or name; `description` 5 to 4000 characters; the enterprise by `creditCode`, or by `entityName` (its credit code is kept when exactly one registered entity matches); `anonymous` true for no contact, otherwise `contactName` and `contactPhone` or `contactEmail`. Every bad field is named in the 400. 201 with only the `trackingCode`, the `state` and the current `deadline`; the tracking code is the submitter's only key to follow and rate the item.")
            .WithRequestExample(new VoiceSubmission("complaint", "food-catering", "371502", null, "东昌府区柳园街道某餐馆", null, null, null, "某餐馆", "在该餐馆就餐后腹泻，后厨卫生条件差，请核查。",
                false, "王先生", "13800000000", null, "api"));

        api.MapGet("/categories", async (VoiceLabels labels, CancellationToken ct) =>
                Results.Ok((await labels.CategoriesAsync(ct)).Select(c => new { c.Category.Code, parent = c.Category.ParentCode, c.Category.Name, c.Category.NameEn, c.Category.Sort })))
            .AllowAnonymous().RequireRateLimiting(RateLimits.Public)
            .WithSummary("诉求分类 — Item categories")
            .WithDescription("诉求分类树：代码、上级代码、中英文名称和排序；提交诉求时 `category` 填其中的代码。 — The category tree: code, parent code, Chinese and English name and sort order; `category` of a submission is one of these codes.");

        api.MapGet("/items", async (string? state, string? category, string? county, string? deadline, string? department, string? source, string? externalId,
                    int? page, int? pageSize, bool? urgent, ClaimsPrincipal user, VoiceItemWork work, CancellationToken ct) =>
                Results.Ok(await work.ListAsync(new VoiceItemFilter(state, category, county, deadline, department, source, externalId, page ?? 1, pageSize ?? 20) { Urgent = urgent }, user, ct)))
            .RequireAuthorization(Policies.Staff).Produces<VoiceItemPage>()
            .WithSummary("诉求列表 — Items")
            .WithDescription("统筹部门和管理员看到全部诉求，部门负责人和执法人员只看到派给本部门的诉求。可按 `state`（received、accepted、dispatched、returned、in_progress、answered、followed_up、closed、rejected、merged）、`category`（含下级分类）、`county`、`deadline`（overdue 已逾期、due_soon 即将到期）、`department`、`source` 与 `externalId`（如 12345 工单编号）、`urgent`（true 只看紧急诉求）筛选；期限最近的在前，分页（`page` 从 1 开始，`pageSize` 最大 200）。列表不含联系方式。 — The coordinator and the administrator see every item, department heads and staff only those dispatched to their department. Filters: `state`, `category` (with its children), `county`, `deadline` (overdue, due_soon), `department`, `source` and `externalId` (e.g. the 12345 order id), `urgent` (true for urgent items only); nearest deadline first, in pages (`page` from 1, `pageSize` at most 200). No contact in the list.");

        api.MapGet("/items/{trackingCode}", async (string trackingCode, ClaimsPrincipal user, VoiceItemWork work, CancellationToken ct) =>
                Http(await work.GetAsync(trackingCode, user, ct)))
            .RequireAuthorization(Policies.Staff).Produces<VoiceItemView>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("一件诉求 — One item")
            .WithDescription("诉求的全部内容、当前期限、时间线和读者现在可以进行的操作（`availableActions`）。`duplicateCandidates` 为同一县区前后 7 天（可配置）内可能重复的其他诉求（查询码和相似度，只是建议，并单由人决定）；`suggestedDepartment` 为建议的承办部门（代码、名称和依据：匹配的路由规则，或按以往派单学习的把握和最相似的以往诉求，或分类的常用部门），可改选；`mergedItems` 为并入本件的诉求。联系方式 `contact` 只给统筹部门、管理员和承办部门；其他部门的诉求返回 404。查询码不区分大小写，可带连字符。 — The item with its current deadline, timeline and the actions the reader may take now (`availableActions`). `duplicateCandidates`: other items of the same county within 7 days either side (configurable) that are probably the same problem at the same place (tracking code and similarity; suggestions only, a person merges); `suggestedDepartment`: the department suggested for dispatch (code, name and reason: the routing rule that matched, or the confidence learned from past dispatches with the most similar past items, or the category's usual department), always overridable; `mergedItems`: the items merged into this one. The `contact` only for the coordinator, the administrator and the department handling it; 404 for another department's item. The code may be typed in any case, with hyphens.");

        api.MapGet("/items/{trackingCode}/photos/{id:long}", async (string trackingCode, long id, ClaimsPrincipal user, VoiceItemWork work, Text text,
                CancellationToken ct) =>
                await work.PhotoAsync(trackingCode, id, user, ct) is { } photo
                    ? Results.File(photo.Content, photo.ContentType)
                    : Results.Problem(text["没有这件诉求，或您无权查看"], statusCode: StatusCodes.Status404NotFound))
            .RequireAuthorization(Policies.Staff).Produces(StatusCodes.Status200OK, contentType: "image/jpeg").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("诉求的照片 — A photo of an item")
            .WithDescription("提交人随诉求上传的照片（JPEG、PNG 或 WebP，按文件内容判断），读者范围与诉求相同：统筹部门、管理员和承办部门；其他返回 404。地址见诉求的 `photos`。 — A photo the submitter sent with the item (JPEG, PNG or WebP, judged by its bytes), for the same readers as the item: the coordinator, the administrator and the department handling it; 404 for others. The addresses are in the item's `photos`.");

        api.MapPost("/items/{trackingCode}/actions", async (string trackingCode, VoiceActionRequest request, ClaimsPrincipal user, VoiceItemWork work, CancellationToken ct) =>
                Http(await work.ActAsync(trackingCode, request, user, ct)))
            .RequireAuthorization(Policies.Staff).Produces<VoiceItemView>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("办理诉求 — Act on an item")
            .WithDescription("按 12345 闭环办理：`action` 为 accept（受理）、reject（不予受理，须 `reason`）、dispatch / redispatch（派单 / 改派，须 `department` 部门代码）、return（退单，须 `reason`）、start（签收办理）、request_extension / approve_extension / deny_extension（申请 / 批准 / 不批准延期，只能延期一次）、answer（答复，须 `publicAnswer`，公开显示）、record_follow_up（回访，`followUp`: {method: call|visit, by, result}）、close_unrated（未评价办结，须 `reason`）或 merge（并单，`mergeInto` 为目标查询码）。统筹部门和管理员受理、派单、回访；承办部门的人员签收、退单、申请延期和答复；部门负责人批准延期。不允许的操作返回 403 或 409，`code` 为稳定的原因代码。 — The 12345 closed loop: `action` is accept, reject (with `reason`), dispatch / redispatch (with the `department` code), return (with `reason`), start, request_extension / approve_extension / deny_extension (one extension per item), answer (with the public `publicAnswer`), record_follow_up (`followUp`: {method: call|visit, by, result}), close_unrated (with `reason`) or merge (`mergeInto` the target's code). The coordinator and the administrator accept, dispatch and follow up; the department's staff start, return, ask for an extension and answer; its head approves extensions. A refused action is 403 or 409 with a stable `code`.")
            .WithRequestExample(new VoiceActionRequest("dispatch", null, "samr", null, null, null, null));

        api.MapPost("/items/{trackingCode}/rating", async (string trackingCode, VoiceRatingRequest request, VoiceItemWork work, CancellationToken ct) =>
                Http(await work.RateAsync(trackingCode, request, ct)))
            .AllowAnonymous().RequireRateLimiting(RateLimits.Public).Produces<VoiceTrackingView>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("提交人评价答复 — The submitter rates the answer")
            .WithDescription("持查询码的提交人在回访后评价：`rating` 为 satisfied（满意）、basically_satisfied（基本满意）或 dissatisfied（不满意；第一次不满意退回重办）。查询码就是凭证；答复前评价返回 409。 — The submitter, holding the tracking code, rates the answer after the follow-up: `rating` is satisfied, basically_satisfied or dissatisfied (the first dissatisfied rating sends the item back). The code is the credential; 409 before the answer.")
            .WithRequestExample(new VoiceRatingRequest("satisfied"));
        Posters.PosterEndpoints.Map(app);
        OpenData.VoiceOpenData.Map(app);
        Export.VoiceExport.Map(app);
        Outcomes.OutcomeEndpoints.Map(app);
        Bench.BareIntakeEndpoint.Map(app);
    }

    /// <summary>The work's outcome as HTTP: a refusal carries the workflow's stable code beside its reason in words.</summary>
    internal static IResult Http(WorkResult result) => result.Status switch
    {
        StatusCodes.Status404NotFound => Results.Problem(result.Message, statusCode: StatusCodes.Status404NotFound),
        StatusCodes.Status403Forbidden or StatusCodes.Status409Conflict when result.Value is string code =>
            Results.Problem(result.Message, statusCode: result.Status, extensions: new Dictionary<string, object?> { ["code"] = code }),
        _ => result.ToHttp(),
    };
}
