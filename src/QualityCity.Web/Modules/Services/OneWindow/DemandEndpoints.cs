using System.Globalization;
using System.Security.Claims;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.Services.OneWindow;

/// <summary>The one window's API (SVC-1): filing, the lists, one demand, its actions, the figures and the overdue scan.</summary>
public static class DemandEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/services/demands").WithTags("Services");

        api.MapPost("", async (DemandFiling filing, ClaimsPrincipal user, DemandWork work, CancellationToken ct) =>
                await work.FileAsync(filing, user, ct) is var result && result is { Succeeded: true, Value: DemandReceipt receipt }
                    ? Results.Created($"/api/services/demands/{receipt.Code}", receipt)
                    : Http(result))
            .RequireAuthorization(Policies.SignedIn).Produces<DemandReceipt>(StatusCodes.Status201Created).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("提交企业需求 — File an enterprise demand")
            .WithDescription("企业以本企业账号提交（信用代码取自账号），或统筹人员、管理员代企业提交（须填 `creditCode`，须在市场主体名录中）。`kind` 为 calibration（计量检定校准）、standards（标准咨询）、certification-testing（认证认可与检验检测）、ip（知识产权）、ip-pledge（知识产权质押融资）、diagnosis（质量诊断帮扶）或 other（其他）；`title` 2–200 字；`description` 5–4000 字；可填联系人 `contactName`、`contactPhone` 和目录事项代码 `catalogueItems`。按类型分派给配置的承办单位（Services:OneWindow:Routing），一般事项 5 个工作日内答复。每个有误的字段在 400 中列出。返回 201，含编号 `code`、状态、承办单位和答复期限。 — Filed by the enterprise's own account (the credit code comes from the account), or by the coordinator or the administrator on its behalf (with a registered `creditCode`). `kind` is calibration, standards, certification-testing, ip, ip-pledge, diagnosis or other; `title` 2 to 200 characters; `description` 5 to 4000; optionally the contact `contactName`, `contactPhone` and catalogue item codes `catalogueItems`. Routed by kind to the configured unit (Services:OneWindow:Routing); an ordinary demand is answered within 5 working days. Every bad field is named in the 400. 201 with the `code`, state, unit and due.")
            .WithRequestExample(new DemandFiling("calibration", "电子天平检定", "本企业有 3 台电子天平需要周期检定，请安排。"));

        api.MapGet("", async (string? state, string? kind, bool? overdue, bool? escalated, int? page, int? pageSize, ClaimsPrincipal user, DemandWork work,
                    CancellationToken ct) =>
                Results.Ok(await work.ListAsync(new DemandFilter(state, kind, overdue, escalated, page ?? 1, pageSize ?? 20), user, ct)))
            .RequireAuthorization(Policies.SignedIn).Produces<DemandPage>()
            .WithSummary("需求列表 — Demands")
            .WithDescription("企业只看到本企业的需求，承办单位的部门负责人和执法人员只看到分派给本单位的需求，统筹人员和管理员看到全部。可按 `state`（filed、in_progress、awaiting_materials、answered、awaiting_contact、rectifying、closed、rejected）、`kind`、`overdue`（true 只看现在已超期的：答复、差评联系或整改）和 `escalated`（督办清单）筛选；新提交的在前，分页（`page` 从 1 开始，`pageSize` 最大 200）。 — An enterprise sees only its own demands, a unit's head and staff those routed to the unit, the coordinator and the administrator all. Filters: `state`, `kind`, `overdue` (true for those overdue now: answer, contact after a bad rating, or fix) and `escalated` (the escalation list); newest first, in pages (`page` from 1, `pageSize` at most 200).");

        api.MapGet("/figures", async (string? from, string? to, DemandFigures figures, Text text, CancellationToken ct) =>
                Period(from, to, text) is { } invalid ? invalid : Results.Ok(await figures.ReportAsync(Day(from), Day(to), ct)))
            .RequireAuthorization(Policies.Oversight).Produces<DemandFiguresReport>().ProducesValidationProblem()
            .WithSummary("各单位办理情况 — Figures per unit")
            .WithDescription("按承办单位统计期间内提交的需求数、答复数、按期答复率（扣除补正材料的暂停时间）、评价数和平均评价（非常满意 5 分至非常不满意 1 分）、差评数和按期联系并整改的差评数、现在超期和督办中的需求数。`from`、`to` 为北京时间日期 yyyy-MM-dd，缺省为最近 12 个月。 — Per unit, of the demands filed in the period: filed, answered, the share answered on time (pauses for materials excluded), rated and the average rating (5 very satisfied to 1 very dissatisfied), bad ratings and those contacted and put right on time, overdue now and escalated. `from` and `to` are China dates (yyyy-MM-dd), the last 12 months by default.");

        api.MapGet("/figures.xlsx", async (string? from, string? to, DemandFigures figures, Text text, CancellationToken ct) =>
                Period(from, to, text) is { } invalid
                    ? invalid
                    : Results.File(await figures.ExcelAsync(await figures.ReportAsync(Day(from), Day(to), ct), ct), DemandFigures.ContentType, "one-window-figures.xlsx"))
            .RequireAuthorization(Policies.Oversight).Produces(StatusCodes.Status200OK, contentType: DemandFigures.ContentType).ProducesValidationProblem()
            .WithSummary("导出办理情况 — Export the figures")
            .WithDescription("各单位办理情况和期间内的需求清单（编号、企业、类型、标题、状态、单位、时间、评价）的 Excel 文件；不含联系人，文本单元格防公式注入。 — The figures per unit and the demands of the period (code, enterprise, kind, title, state, unit, times, rating) as an Excel workbook; no contact, text cells neutralised against formulas.");

        api.MapPost("/scan", async (DemandWork work, CancellationToken ct) => Results.Ok(await work.ScanAsync(ct)))
            .RequireAuthorization(Policies.Oversight).Produces<DemandScanResult>()
            .WithSummary("立即检查超期 — Scan for overdue demands now")
            .WithDescription("立即检查全部在办需求（平时每 15 分钟一次）：答复超期、差评后超期未联系或未整改的，列入督办清单并写入时间线（操作人 system），同一种超期只记一次。返回新列入督办的件数 `escalated`。 — Checks every open demand now (otherwise every 15 minutes): an answer, a contact after a bad rating or a fix that is overdue puts the demand on the escalation list, on its timeline (actor system), once per kind of lateness. Answers the number newly escalated, `escalated`.");

        api.MapGet("/{demandCode}", async (string demandCode, ClaimsPrincipal user, DemandWork work, CancellationToken ct) => Http(await work.GetAsync(demandCode, user, ct)))
            .RequireAuthorization(Policies.SignedIn).Produces<DemandView>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("一件需求 — One demand")
            .WithDescription("需求的全部内容、答复期限（`sla`：补正材料期间暂停，期限相应顺延）、差评后的联系和整改期限（`followUp`）、一次性告知的材料清单、时间线和读者现在可以进行的操作（`availableActions`）。企业只能看本企业的，承办单位只能看分派给本单位的，其他返回 404。联系人只给工作人员。 — The demand with its service time (`sla`: paused while materials are awaited, the due moved on by as much), the contact and fix deadlines after a bad rating (`followUp`), the one-time notices of missing materials, the timeline and the actions the reader may take now (`availableActions`). An enterprise sees only its own, a unit only those routed to it; 404 otherwise. The contact only for staff.");

        api.MapPost("/{demandCode}/actions", async (string demandCode, DemandActionRequest request, ClaimsPrincipal user, DemandWork work, CancellationToken ct) =>
                Http(await work.ActAsync(demandCode, request, user, ct)))
            .RequireAuthorization(Policies.SignedIn).Produces<DemandView>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("办理需求 — Act on a demand")
            .WithDescription("`action` 为 accept（受理，`complexity` 为 ordinary 一般或 complex 复杂，复杂事项 15 个工作日）、reject（不予受理，须 `reason`）、request_materials（一次性告知缺少的全部材料 `items`；已告知过的再次要求须说明 `reason`，否则 400，`code` 为 second_request_reason_required）、supply_materials（补正材料，`supplied` 说明提交了什么）、answer（答复，须 `answer`）、rate（企业评价，`rating` 为 very-satisfied、satisfied、basically-satisfied、dissatisfied 或 very-dissatisfied；后两者为差评，须 1 个工作日内联系、5 个工作日内整改）、record_contact / record_fix（登记差评联系和整改情况，须 `note`）或 close_unrated（未评价办结，须 `reason`）。承办单位、统筹人员和管理员办理，企业补正材料和评价。不允许的操作返回 403 或 409，`code` 为稳定的原因代码。 — `action` is accept (`complexity` ordinary or complex, 15 working days for complex), reject (with `reason`), request_materials (every missing material at once, `items`; asking again needs a `reason`, else 400 with `code` second_request_reason_required), supply_materials (`supplied` says what), answer (with `answer`), rate (the enterprise: `rating` very-satisfied, satisfied, basically-satisfied, dissatisfied or very-dissatisfied; the last two are bad and must be followed by a contact within 1 working day and a fix within 5), record_contact / record_fix (with `note`) or close_unrated (with `reason`). The unit, the coordinator and the administrator act; the enterprise supplies materials and rates. A refused action is 403 or 409 with a stable `code`.")
            .WithRequestExample(new DemandActionRequest("request_materials", Items: ["计量器具清单（型号、编号、数量）", "上次检定证书复印件"]));
    }

    /// <summary>The work's outcome as HTTP: a refusal carries the workflow's stable code beside its reason in words.</summary>
    public static IResult Http(WorkResult result) => result.Status switch
    {
        StatusCodes.Status404NotFound => Results.Problem(result.Message, statusCode: StatusCodes.Status404NotFound),
        StatusCodes.Status400BadRequest when result.Errors is not null && result.Value is string code =>
            Results.ValidationProblem(result.Errors, extensions: new Dictionary<string, object?> { ["code"] = code }),
        StatusCodes.Status403Forbidden or StatusCodes.Status409Conflict when result.Value is string code =>
            Results.Problem(result.Message, statusCode: result.Status, extensions: new Dictionary<string, object?> { ["code"] = code }),
        _ => result.ToHttp(),
    };

    private static DateOnly? Day(string? value) =>
        DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day : null;

    private static IResult? Period(string? from, string? to, Text text)
    {
        var errors = new Dictionary<string, string[]>();
        if (!string.IsNullOrWhiteSpace(from) && Day(from) is null)
        {
            errors["from"] = [text["日期格式应为 yyyy-MM-dd"]];
        }

        if (!string.IsNullOrWhiteSpace(to) && Day(to) is null)
        {
            errors["to"] = [text["日期格式应为 yyyy-MM-dd"]];
        }

        if (errors.Count == 0 && Day(from) is { } f && Day(to) is { } t && f > t)
        {
            errors["from"] = [text["开始日期不能晚于结束日期"]];
        }

        return errors.Count > 0 ? Results.ValidationProblem(errors) : null;
    }
}
