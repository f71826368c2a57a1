using System.Security.Claims;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.PublicVoice.Open311;

/// <summary>
/// Open311 GeoReport v2 under <c>/open311/v2/</c> (VOX-2, ADR 0030), every resource with <c>.json</c>
/// or <c>.xml</c> (none is JSON), and the administrator's API for the keys.
/// </summary>
public static class Open311Endpoints
{
    public const string Base = "/open311/v2";

    private const string FormatNote = "扩展名 .json 或 .xml 决定格式（不带扩展名为 JSON）；可带本平台的 `jurisdiction_id`，其他辖区返回 404。错误为 `[{\"code\",\"description\"}]`（XML 为 `<errors><error>`）。 — The extension .json or .xml chooses the format (none is JSON); the platform's own `jurisdiction_id` is accepted, another is a 404. Errors are `[{\"code\",\"description\"}]` (XML `<errors><error>`).";

    public static void AddServices(IServiceCollection services)
    {
        services.AddOptions<Open311Options>().BindConfiguration(Open311Options.Section);
        services.AddScoped<Open311Keys>();
        services.AddScoped<Open311Work>();
    }

    public static void Map(IEndpointRouteBuilder app)
    {
        var open311 = app.MapGroup(Base).WithTags("Open311").AllowAnonymous().RequireRateLimiting(RateLimits.Public);

        Both(open311, "GET", "/discovery", (HttpRequest request, string? jurisdiction_id, Open311Work work, Text text) =>
                Answer(Ext(request), text, f => work.CheckJurisdiction(f, jurisdiction_id) ?? work.Discovery(f, request)))
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .WithSummary("Open311 服务发现 — Open311 service discovery")
            .WithDescription("GeoReport v2 的服务发现文件：规范、端点地址、格式和本平台的 `jurisdiction_id`（顶层字段）。 — The GeoReport v2 discovery document: specification, endpoint address, formats and the platform's `jurisdiction_id` (top level). " + FormatNote);

        Both(open311, "GET", "/services", (HttpRequest request, string? jurisdiction_id, Open311Work work, Text text, CancellationToken ct) =>
                AnswerAsync(Ext(request), text, f => work.CheckJurisdiction(f, jurisdiction_id) is { } error ? Task.FromResult(error) : work.ServicesAsync(f, ct)))
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .WithSummary("Open311 服务列表 — Open311 services")
            .WithDescription("诉求分类中的末级分类即服务：`service_code` 为分类代码，`group` 为上级分类；`metadata` 为 true 的服务另有属性（见服务定义）。 — The leaf categories are the services: `service_code` is the category code, `group` its parent; a service with `metadata` true has attributes (see its definition). " + FormatNote);

        open311.MapGet("/services/{serviceCode}.{format?}", (string serviceCode, string? format, string? jurisdiction_id, Open311Work work, Text text, CancellationToken ct) =>
                AnswerAsync(format, text, f => work.CheckJurisdiction(f, jurisdiction_id) is { } error ? Task.FromResult(error) : work.DefinitionAsync(f, serviceCode, ct)))
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .WithSummary("Open311 服务定义 — Open311 service definition")
            .WithDescription("服务的附加属性（如预付卡的发卡商家和余额、价格的标示价和实收价）；没有附加属性的服务返回空的 `attributes`；未知服务 404。 — A service's extra attributes (a prepaid card's issuer and balance, the price marked and charged); a service without any has empty `attributes`; an unknown one is a 404. " + FormatNote);

        Both(open311, "GET", "/requests", (HttpRequest request, string? jurisdiction_id, Open311Work work, Text text, CancellationToken ct) =>
                AnswerAsync(Ext(request), text, f => work.CheckJurisdiction(f, jurisdiction_id) is { } error ? Task.FromResult(error) : work.ListAsync(f, request.Query, ct)))
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .WithSummary("Open311 诉求列表 — Open311 service requests")
            .WithDescription("公开字段：状态（open/closed）、分类、承办部门、受理和更新时间、当前期限和公开答复；从不含联系方式；其他渠道的诉求不含描述和精确位置。筛选：`service_request_id`（逗号分隔，此时忽略其他条件）、`service_code`、`start_date`、`end_date`、`status`；默认最近 90 天、最多 1000 件，最新的在前；扩展参数 `page`（从 1 开始）和 `page_size`（最大 1000）。 — Public fields only: status (open/closed), service, the department, dates, the current deadline and the public answer; never the contact; items from other channels without their description or exact place. Filters: `service_request_id` (comma list; the others are then ignored), `service_code`, `start_date`, `end_date`, `status`; by default the last 90 days, at most 1000, newest first; extension `page` (from 1) and `page_size` (at most 1000). " + FormatNote);

        Both(open311, "POST", "/requests", (HttpRequest request, Open311Work work, Text text, CancellationToken ct) =>
                AnswerAsync(Ext(request), text, f => work.CreateAsync(f, request, ct)))
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .WithSummary("Open311 提交诉求 — Open311: create a service request")
            .WithDescription("表单提交（application/x-www-form-urlencoded）：`api_key`（也可放在查询串），`service_code`，位置 `lat`+`long`、`address_string` 或 `address_id` 至少其一，`description`（最多 4000 字），`attribute[CODE]`，`media_url`（只保存链接），`email`、`phone`、`first_name`、`last_name` 作为联系方式（只给办理人员，任何 GET 都不返回）。实时创建，返回 `[{service_request_id, service_notice, account_id}]`，`service_notice` 中的查询码也是 token。无效 key 返回 403。 — A form (application/x-www-form-urlencoded): `api_key` (the query string also works), `service_code`, a location (`lat`+`long`, `address_string` or `address_id`), `description` (up to 4000 characters), `attribute[CODE]`, `media_url` (kept as a link), and `email`, `phone`, `first_name`, `last_name` as the contact (for the handlers only, never in any GET). Created in real time: `[{service_request_id, service_notice, account_id}]`; the tracking code in `service_notice` is also the token. A missing or invalid key is a 403. " + FormatNote);

        open311.MapGet("/requests/{id}.{format?}", (string id, string? format, string? jurisdiction_id, Open311Work work, Text text, CancellationToken ct) =>
                AnswerAsync(format, text, f => work.CheckJurisdiction(f, jurisdiction_id) is { } error ? Task.FromResult(error) : work.OneAsync(f, id, ct)))
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .WithSummary("Open311 一件诉求 — Open311: one service request")
            .WithDescription("与列表相同的公开字段，以只含一项的数组返回；未知编号 404。 — The same public fields as the list, as an array of one; an unknown id is a 404. " + FormatNote);

        open311.MapGet("/tokens/{tokenId}.{format?}", (string tokenId, string? format, string? jurisdiction_id, Open311Work work, Text text, CancellationToken ct) =>
                AnswerAsync(format, text, f => work.CheckJurisdiction(f, jurisdiction_id) is { } error ? Task.FromResult(error) : work.TokenAsync(f, tokenId, ct)))
            .Produces(StatusCodes.Status200OK, contentType: "application/json")
            .WithSummary("Open311 由 token 查诉求编号 — Open311: the request id of a token")
            .WithDescription("token 即提交时 `service_notice` 给出的查询码：返回 `[{service_request_id, token}]`；未知 token 404。 — The token is the tracking code the POST's `service_notice` gave: `[{service_request_id, token}]`; an unknown token is a 404. " + FormatNote);

        var keys = app.MapGroup("/api/voice/open311/keys").WithTags("Public voice").RequireAuthorization(Policies.Admin);
        keys.MapGet("", async (Open311Keys work, CancellationToken ct) => Results.Ok(await work.ListAsync(ct)))
            .Produces<IReadOnlyList<Open311KeyView>>()
            .WithSummary("Open311 API 密钥列表 — Open311 API keys")
            .WithDescription("管理员查看全部密钥：名称、创建和撤销的时间与人员、最近使用时间；从不返回密钥本身（只保存其哈希）。 — The administrator sees every key: name, when and by whom made and revoked, last use; never the key itself (only its hash is kept).");
        keys.MapPost("", async (Open311KeyRequest request, ClaimsPrincipal user, Open311Keys work, Text text, CancellationToken ct) =>
                await work.CreateAsync(request.Name, user.Identity?.Name ?? "admin", ct) is { } key
                    ? Results.Ok(key)
                    : Results.ValidationProblem(new Dictionary<string, string[]> { ["name"] = [text.Format("请填写密钥的名称（1–{0} 字）", Open311Keys.MaxName)] }))
            .Produces<Open311NewKey>().ProducesValidationProblem()
            .WithSummary("新建 Open311 API 密钥 — Make an Open311 API key")
            .WithDescription("返回新密钥 `key`，只显示这一次；立即生效。与命令 `open311 key create --name NAME` 相同。 — Answers the new `key`, shown this once; it works at once. The same as the command `open311 key create --name NAME`.")
            .WithRequestExample(new Open311KeyRequest("某某便民 App"));
        keys.MapPost("/{id:long}/revoke", async (long id, ClaimsPrincipal user, Open311Keys work, Text text, CancellationToken ct) =>
                await work.RevokeAsync(id, user.Identity?.Name ?? "admin", ct) is { } view ? Results.Ok(view) : Results.Problem(text["没有这个密钥"], statusCode: StatusCodes.Status404NotFound))
            .Produces<Open311KeyView>().ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("撤销 Open311 API 密钥 — Revoke an Open311 API key")
            .WithDescription("撤销立即生效：之后用这个密钥提交返回 403。撤销已撤销的密钥不改变任何内容。 — Takes effect at once: a POST with the key is then a 403. Revoking a revoked key changes nothing.");
    }

    /// <summary>
    /// A resource named by a word (<c>/services</c>) answers with and without an extension: a route
    /// cannot make <c>.{format}</c> optional after a literal, so each gets two, sharing the handler.
    /// </summary>
    private static RouteHandlerBuilder Both(RouteGroupBuilder group, string method, string path, Delegate handler) =>
        new([group.MapMethods(path, [method], handler), group.MapMethods(path + ".{format}", [method], handler)]);

    private static string? Ext(HttpRequest request) => request.RouteValues["format"] as string;

    private static IResult Answer(string? extension, Text text, Func<string, IResult> answer) =>
        Open311Output.Format(extension) is { } format ? answer(format) : UnknownFormat(extension!, text);

    private static async Task<IResult> AnswerAsync(string? extension, Text text, Func<string, Task<IResult>> answer) =>
        Open311Output.Format(extension) is { } format ? await answer(format) : UnknownFormat(extension!, text);

    private static IResult UnknownFormat(string extension, Text text) =>
        Open311Output.Error(Open311Output.Json, StatusCodes.Status404NotFound, text.Format("没有 .{0} 格式：请用 .json 或 .xml", extension));
}

/// <summary>A key to make: who it is for.</summary>
public sealed record Open311KeyRequest(string? Name);
