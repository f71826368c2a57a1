using System.Security.Claims;
using System.Text;
using MiniExcelLibs;
using QualityCity.Domain.Common;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.PublicVoice.Survey;

/// <summary>The survey API (VOX-7): the coordinator's questionnaire and draw, the public draw record, the sampled enterprises' answers, the results.</summary>
public static class SurveyEndpoints
{
    public static void Map(IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/voice/surveys").WithTags("Public voice");

        api.MapPost("", async (SurveyRequest request, ClaimsPrincipal user, VoiceSurveys surveys, CancellationToken ct) =>
                await surveys.CreateAsync(request, user, ct) is var result && result is { Succeeded: true, Value: SurveyView view }
                    ? Results.Created($"/voice/surveys/{view.Id}", view)
                    : result.ToHttp())
            .RequireAuthorization(Policies.Oversight).Produces<SurveyView>(StatusCodes.Status201Created).ProducesValidationProblem()
            .WithSummary("新建满意度测评问卷 — Create a satisfaction survey")
            .WithDescription("统筹部门新建营商环境满意度测评：`title`、`year`、测评项目 `questions`（问题文本，1–50 项）、被测评部门 `departments`（部门代码）和样本量 `sampleSize`。建立时即冻结并公布抽样名单（登记中全部存续的市场主体，按信用代码排序）及其 SHA-256 摘要，此后才产生种子（QC-DRAW-1）。评分为 1–5 五级。 — The coordinator creates a business-environment satisfaction survey: `title`, `year`, the question texts `questions` (1 to 50), the departments rated `departments` (codes) and the `sampleSize`. Creating it freezes and publishes the pool (every active entity of the registry, by credit code) with its SHA-256 digest, before any seed exists (QC-DRAW-1). Scores are 1 to 5.")
            .WithRequestExample(new SurveyRequest("2026 年营商环境满意度测评", 2026, ["政策宣传解读是否及时清楚", "办事流程是否简便"], ["samr", "emergency"], 100));

        api.MapGet("", async (VoiceSurveys surveys, CancellationToken ct) => Results.Ok(await surveys.ListAsync(ct)))
            .RequireAuthorization(Policies.Supervisors).Produces<IReadOnlyList<SurveyView>>()
            .WithSummary("满意度测评问卷 — Satisfaction surveys")
            .WithDescription("全部问卷：题目、部门、样本量、名单摘要、种子、抽样数和答卷数，新的在前。不含答卷企业。 — Every survey with its questions, departments, sample size, pool digest, seed, sampled and answered counts, newest first. Not which enterprises answered.");

        api.MapPost("/{id:int}/draw", async (int id, SurveyDrawRequest request, ClaimsPrincipal user, VoiceSurveys surveys, CancellationToken ct) =>
                Http(await surveys.DrawAsync(id, request, user, ct)))
            .RequireAuthorization(Policies.Oversight).Produces<SurveyView>().ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("抽取测评企业 — Draw the sample")
            .WithDescription("用公开种子 `seed`（至少 20 位十进制数字，如抽取会上掷骰所得，不可重复使用）从已冻结的名单中按 QC-DRAW-1 抽取 `sampleSize` 家企业；每份问卷只能抽一次（再抽返回 409）。抽中的企业账号在首页看到问卷。抽取记录公开：GET /api/voice/surveys/{id}/record.json。 — Draws `sampleSize` enterprises from the frozen pool with the public `seed` (at least 20 decimal digits, e.g. dice rolled at the draw meeting, never reused) by QC-DRAW-1; once per survey (409 after). The drawn enterprises' accounts find the survey on their desk. The record is public: GET /api/voice/surveys/{id}/record.json.")
            .WithRequestExample(new SurveyDrawRequest("31415926535897932384626"));

        api.MapPost("/{id:int}/close", async (int id, ClaimsPrincipal user, VoiceSurveys surveys, CancellationToken ct) =>
                Http(await surveys.CloseAsync(id, user, ct)))
            .RequireAuthorization(Policies.Oversight).Produces<SurveyView>()
            .ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("结束答卷 — Close the survey")
            .WithDescription("结束已抽样问卷的答卷：此后抽中的企业提交答卷返回 409，问卷从企业首页撤下；结果保留。只能结束已抽样且未结束的问卷（否则 409）。 — Ends the answering of a drawn survey: from then on a sampled enterprise's answer gets 409 and the survey leaves the enterprises' desks; the results stay. Only a drawn survey not yet closed (409 otherwise).");

        api.MapGet("/{id:int}/record.json", async (int id, VoiceSurveys surveys, CancellationToken ct) =>
                await surveys.RecordAsync(id, ct) is { } record ? Results.Ok(record) : Results.NotFound())
            .AllowAnonymous().RequireRateLimiting(RateLimits.Download).Produces<SurveyDrawRecord>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("测评抽样的公开记录 — The survey draw's public record")
            .WithDescription("公开，无需登录。抽取前为承诺：算法 QC-DRAW-1、名单文件地址 `poolFile`、摘要 `poolDigest`（名单文件 UTF-8 字节的 SHA-256）、名单数 `poolSize` 和样本量 `k`；抽取后加上种子 `seed` 和按抽签号排序的抽中企业 `selected`（信用代码与抽签号）。任何人可用种子和名单文件复算：ticket = H(H(H(seed) + \":id:\" + 信用代码) + \"0\")，取最小的 k 个。 — Public. Before the draw, the commitment: algorithm QC-DRAW-1, the pool file's address `poolFile`, its `poolDigest` (SHA-256 of its UTF-8 bytes), `poolSize` and `k`; after it, also the `seed` and the drawn enterprises `selected` (credit code and ticket) in ticket order. Anyone recomputes it from the seed and the pool file: ticket = H(H(H(seed) + \":id:\" + credit code) + \"0\"), the k lowest.");

        api.MapGet("/{id:int}/pool.txt", async (int id, VoiceSurveys surveys, CancellationToken ct) =>
                await surveys.PoolFileAsync(id, ct) is { } pool ? Results.File(Encoding.UTF8.GetBytes(pool), "text/plain; charset=utf-8", $"survey-{id}-pool.txt") : Results.NotFound())
            .AllowAnonymous().RequireRateLimiting(RateLimits.Download).Produces(StatusCodes.Status200OK, contentType: "text/plain").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("测评抽样名单 — The survey's pool file")
            .WithDescription("公开，无需登录。冻结的抽样名单：信用代码按序数排序，每行一个，以 \\n 分隔，末尾无换行；其 SHA-256 即记录中的 `poolDigest`。 — Public. The frozen pool: credit codes sorted ordinally, one per line, \\n between them, no trailing newline; its SHA-256 is the record's `poolDigest`.");

        api.MapGet("/{id:int}/questionnaire", async (int id, ClaimsPrincipal user, VoiceSurveys surveys, CancellationToken ct) =>
                Http(await surveys.QuestionnaireAsync(id, user, ct)))
            .RequireAuthorization(Policies.Enterprises).Produces<SurveyQuestionnaire>()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("本企业的测评问卷 — The questionnaire for this enterprise")
            .WithDescription("被抽中企业的账号读取问卷：测评项目、被测评部门和本账号是否已答（`answered`）。不在抽样名单中的企业返回 403。 — A drawn enterprise's account reads the questionnaire: questions, departments rated, and whether this account has answered (`answered`). 403 for an enterprise outside the sample.");

        api.MapPost("/{id:int}/responses", async (int id, SurveyResponseRequest request, ClaimsPrincipal user, VoiceSurveys surveys, CancellationToken ct) =>
                Http(await surveys.AnswerAsync(id, request, user, ct)))
            .RequireAuthorization(Policies.Enterprises).ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("提交测评答卷 — Answer the survey")
            .WithDescription("被抽中企业的账号提交答卷，每个账号只能提交一次（再次提交返回 409）：`answers` 对每个被测评部门的每个测评项目各评一次，`{department, question, score}`，`question` 为项目序号（从 0 开始），`score` 为 1（很不满意）至 5（很满意）。不在抽样名单中的企业返回 403。评分与答卷企业分开保存，部门只能看到汇总。 — A drawn enterprise's account answers once (a second answer is 409): `answers` rates every question about every department once, `{department, question, score}` with `question` the 0-based index and `score` 1 (very dissatisfied) to 5 (very satisfied). 403 outside the sample. Scores are kept apart from who gave them; departments see only aggregates.")
            .WithRequestExample(new SurveyResponseRequest([new SurveyAnswer("samr", 0, 5), new SurveyAnswer("samr", 1, 4)]));

        api.MapGet("/{id:int}/results", async (int id, ClaimsPrincipal user, VoiceSurveys surveys, CancellationToken ct) =>
                Http(await surveys.ResultsAsync(id, user, ct)))
            .RequireAuthorization(Policies.Supervisors).Produces<SurveyResults>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("测评结果 — Survey results")
            .WithDescription("每个部门每个测评项目的答卷数、平均分和 1–5 分的分布。统筹部门和管理员看全部部门；部门负责人只看本部门，且不足 5 份答卷的不显示（`hidden`）。任何人都看不到哪家企业打了什么分。 — Per department and question: the number of answers, the mean and the distribution of scores 1 to 5. The coordinator and the administrator see every department; a department head only their own, and nothing from fewer than 5 answers (`hidden`). Nobody sees which enterprise gave which score.");

        api.MapGet("/{id:int}/results.xlsx", async (int id, ClaimsPrincipal user, VoiceSurveys surveys, CancellationToken ct) =>
            {
                var result = await surveys.ResultsAsync(id, user, ct);
                if (result is not { Succeeded: true, Value: SurveyResults results })
                {
                    return Http(result);
                }

                var stream = await ExcelAsync(results, ct);
                return Results.File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"survey-{id}-results.xlsx");
            })
            .RequireAuthorization(Policies.Supervisors).Produces(StatusCodes.Status200OK, contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("导出测评结果 — Export the survey results")
            .WithDescription("测评结果的 Excel 文件，读者范围和不足 5 份不显示的规则与结果相同；只有汇总，没有答卷企业。 — The results as an Excel workbook, for the same readers and with the same rule of 5 answers as the results; aggregates only, no respondents.");
    }

    /// <summary>One row per department and question, hidden cells left empty.</summary>
    public static async Task<MemoryStream> ExcelAsync(SurveyResults results, CancellationToken cancellationToken)
    {
        var rows = results.Departments.SelectMany(d => d.Hidden
            ? [new Dictionary<string, object?> { ["部门 department"] = d.Name, ["测评项目 question"] = "不足 5 份，不显示 fewer than 5 answers, not shown" }]
            : d.Items.Select(i => new Dictionary<string, object?>
            {
                ["部门 department"] = d.Name, ["测评项目 question"] = results.Questions[i.Question], ["答卷数 answers"] = i.Hidden ? null : i.Count,
                ["平均分 mean"] = i.Mean,
                ["1分"] = i.Distribution?[0], ["2分"] = i.Distribution?[1], ["3分"] = i.Distribution?[2], ["4分"] = i.Distribution?[3], ["5分"] = i.Distribution?[4],
            })).ToList();
        var stream = new MemoryStream();
        await stream.SaveAsAsync(new Dictionary<string, object> { ["测评结果 results"] = rows.Select(SpreadsheetCell.NeutraliseRow).ToList() },
            cancellationToken: cancellationToken);
        stream.Position = 0;
        return stream;
    }

    private static IResult Http(WorkResult result) => result.Status is StatusCodes.Status404NotFound
        ? Results.Problem(result.Message, statusCode: StatusCodes.Status404NotFound)
        : result.ToHttp();
}
