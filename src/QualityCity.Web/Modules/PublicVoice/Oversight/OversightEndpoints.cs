using System.Globalization;
using System.Security.Claims;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Jobs.Contracts;

namespace QualityCity.Web.Modules.PublicVoice.Oversight;

/// <summary>The 督办 API: the dashboard, its Excel workbook, and the deadline scan on demand (VOX-4, VOX-6).</summary>
public static class OversightEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/voice/oversight").WithTags("Public voice");

        api.MapGet("", async (string? from, string? to, ClaimsPrincipal user, VoiceOversight oversight, Text text, CancellationToken ct) =>
            {
                if (await oversight.ScopeAsync(user, ct) is not { } scope)
                {
                    return Results.Problem(text["督办只对统筹部门、管理员和部门负责人开放"], statusCode: StatusCodes.Status403Forbidden);
                }

                return Period(from, to, text) is { } invalid ? invalid : Results.Ok(await oversight.ReportAsync(scope, Day(from), Day(to), ct));
            })
            .RequireAuthorization(Policies.Supervisors).Produces<OversightReport>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("督办看板 — Oversight dashboard")
            .WithDescription("按部门统计在办、即将到期、已超期和已督办的诉求数，期间内的答复数和按期答复率，超期诉求清单（超期工作日数按法定节假日和调休计算），以及每月的满意、基本满意、不满意评价数、回访数和重办数。统筹部门和管理员看全部部门，部门负责人只看本部门。`from`、`to` 为北京时间日期 yyyy-MM-dd，缺省为最近 12 个月。不含联系方式和诉求内容。 — Per department: open, due soon, overdue and escalated items, answers in the period and the share answered on time, the overdue items (working days late on the official calendar), and per month the satisfied, basically satisfied and dissatisfied ratings, follow-ups and reopenings. The coordinator and the administrator see every department, a department head their own. `from` and `to` are China dates (yyyy-MM-dd), the last 12 months by default. No contact, no description.");

        api.MapGet("/export.xlsx", async (string? from, string? to, ClaimsPrincipal user, VoiceOversight oversight, Text text, CancellationToken ct) =>
            {
                if (await oversight.ScopeAsync(user, ct) is not { } scope)
                {
                    return Results.Problem(text["督办只对统筹部门、管理员和部门负责人开放"], statusCode: StatusCodes.Status403Forbidden);
                }

                if (Period(from, to, text) is { } invalid)
                {
                    return invalid;
                }

                var stream = await OversightExcel.WriteAsync(await oversight.ReportAsync(scope, Day(from), Day(to), ct), ct);
                return Results.File(stream, OversightExcel.ContentType, "voice-oversight.xlsx");
            })
            .RequireAuthorization(Policies.Supervisors).Produces(StatusCodes.Status200OK, contentType: OversightExcel.ContentType)
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("导出督办看板 — Export the oversight dashboard")
            .WithDescription("督办看板的 Excel 文件（各部门、超期清单、评价三张表），范围与看板相同；不含联系方式和诉求内容，文本单元格防公式注入。 — The dashboard as an Excel workbook (departments, overdue items, ratings), for the same readers and period as the dashboard; no contact, no description, text cells neutralised against formulas.");

        api.MapPost("/scan", async (ClaimsPrincipal user, JobScheduler jobs, Text text, CancellationToken ct) =>
            {
                var job = await jobs.EnqueueUnlessWaitingAsync(VoiceDeadlineScanJob.Kind, user.ActorName(), ct);
                return Results.Accepted(JobLocation(job.Id), JobView.Of(job, text));
            })
            .RequireAuthorization(Policies.Oversight).Produces(StatusCodes.Status202Accepted)
            .WithSummary("立即检查期限 — Scan deadlines now")
            .WithDescription("立即在后台检查全部诉求的期限（平时每 15 分钟一次）：进入预警的记一次“预警”，超期的记一次“超期督办”，同一期限只记一次，写入诉求时间线（操作人 system）。返回 202，`Location` 指向任务。 — Scans every item's deadline now in the background (otherwise every 15 minutes): an item entering its warning window is marked warned, an overdue one escalated, once per deadline, on its timeline (actor system). 202 with the job's `Location`.");

        api.MapGet("/jobs/{id:guid}", async (Guid id, JobScheduler jobs, Text text, CancellationToken ct) =>
                await jobs.FindAsync(id, [VoiceDeadlineScanJob.Kind], ct) is { } job ? Results.Ok(JobView.Of(job, text)) : Results.NotFound())
            .RequireAuthorization(Policies.Oversight).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("期限检查任务 — A deadline scan")
            .WithDescription("期限检查任务的状态和结果：`result` 含预警数 `warned` 和超期督办数 `escalated`。 — The state and report of a deadline scan: `result` holds the numbers `warned` and `escalated`.");
    }

    public static string JobLocation(Guid id) => $"/api/voice/oversight/jobs/{id}";

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
