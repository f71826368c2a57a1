using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Infrastructure;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using QualityCity.Web.Modules.Accounts.Contracts;
using Scalar.AspNetCore;

namespace QualityCity.Web.Hosting;

/// <summary>
/// The API reference for a bureau's integrators: the OpenAPI document at <c>/openapi/v1.json</c>
/// (how to sign in, the sign-in cookie and anti-forgery header as security schemes, who may call
/// each operation) and the page at <c>/api-docs</c> that shows it. The page runs on an intranet
/// without internet: it loads only the platform's own files, and shows no vendor buttons.
/// </summary>
public static class ApiReference
{
    public const string PagePath = "/api-docs";
    public const string DocumentRoute = "/openapi/{documentName}.json";

    /// <summary>The security scheme of the sign-in cookie (<c>qc.auth</c>, set by POST /api/account/login).</summary>
    public const string CookieScheme = "signInCookie";

    /// <summary>The security scheme of the anti-forgery header that state changes made with the cookie carry.</summary>
    public const string CsrfScheme = "antiforgeryHeader";

    /// <summary>The extension on every operation listing the roles its policy admits (absent on public operations).</summary>
    public const string RolesExtension = "x-qc-roles";

    public static IServiceCollection AddQualityCityApiReference(this IServiceCollection services) =>
        services.AddOpenApi(options =>
        {
            // Anonymous answers stay inline instead of becoming schemas named "AnonymousTypeOfintAndstring…".
            options.CreateSchemaReferenceId = type => type.Type.Name.Contains("AnonymousType", StringComparison.Ordinal)
                ? null : OpenApiOptions.CreateDefaultSchemaReferenceId(type);
            options.AddOperationTransformer(DescribeAccessAsync);
            options.AddDocumentTransformer((document, _, _) =>
            {
                DescribeDocument(document);
                return Task.CompletedTask;
            });
        });

    public static void MapQualityCityApiReference(this IEndpointRouteBuilder app)
    {
        app.MapOpenApi(DocumentRoute).AllowAnonymous().RequireRateLimiting(RateLimits.Public);
        app.MapScalarApiReference(PagePath, (options, http) =>
        {
            // The page's scripts carry this response's nonce (the CSP allows no other inline script);
            // the viewer's style elements read it from the csp-nonce meta element (api-docs.js).
            var nonce = http.CspNonce();
            options.WithTitle("QualityCity API 接口文档")
                .WithOpenApiRoutePattern(DocumentRoute)
                .WithNonce(nonce)
                .AddHeadContent($"""
                    <meta property="csp-nonce" content="{nonce}">
                    <script src="/js/api-docs.js"></script>
                    <link rel="stylesheet" href="/css/api-docs.css">
                    """)
                // Nothing from the internet: no web fonts, no telemetry, no AI agent, no MCP, no
                // hosted proxy; and no vendor buttons (the hosted client, the deploy/share toolbar).
                .DisableDefaultFonts()
                .DisableTelemetry()
                .DisableAgent()
                .DisableMcp()
                .HideClientButton()
                .HideDeveloperTools()
                .HideDarkModeToggle()
                .WithDocumentDownloadType(DocumentDownloadType.Json)
                .WithDefaultHttpClient(ScalarTarget.Shell, ScalarClient.Curl);
        }).AllowAnonymous().RequireRateLimiting(RateLimits.Public);
    }

    /// <summary>The sign-in introduction, in Chinese and English, at the top of the document.</summary>
    public const string Introduction = """
        质量城市（QualityCity）平台的接口。除标明“公开”的接口外，所有接口都需要先登录，并按角色授权。

        **登录 / Signing in**

        1. `POST /api/account/login`，请求体 `{"userName": "…", "password": "…"}`：成功时返回 200，并设置登录 Cookie `qc.auth`（HttpOnly，8 小时内有操作则自动续期）。之后的请求都带上这个 Cookie。
        2. `GET /api/account/csrf-token`：返回 `{"headerName": "X-CSRF-TOKEN", "token": "…"}`，同时设置 Cookie `qc.csrf`。
        3. 用登录 Cookie 发出的每个 `POST`、`PUT`、`DELETE` 请求，都要在请求头 `X-CSRF-TOKEN` 中带上这个令牌（并带上 `qc.csrf` Cookie）；缺少或无效时返回 400。来自其他站点（Origin 不同）的修改请求一律返回 403。
        4. `POST /api/account/logout` 结束该账号的所有会话。

        Sign in with `POST /api/account/login` (body `{"userName": "…", "password": "…"}`): a 200 answer sets the sign-in cookie `qc.auth` (HttpOnly, renewed while in use within 8 hours); send it on every later request. Then `GET /api/account/csrf-token` answers `{"headerName": "X-CSRF-TOKEN", "token": "…"}` and sets the `qc.csrf` cookie: every `POST`, `PUT` and `DELETE` made with the sign-in cookie sends that token in the `X-CSRF-TOKEN` header (with the `qc.csrf` cookie), or is refused with 400. A change sent from another site (another Origin) is refused with 403. `POST /api/account/logout` ends every session of the account.

        ```sh
        curl -c jar -H 'Content-Type: application/json' -d '{"userName":"coordinator","password":"…"}' https://zljg.example.gov.cn/api/account/login
        TOKEN=$(curl -b jar -c jar https://zljg.example.gov.cn/api/account/csrf-token | jq -r .token)
        curl -b jar -H "X-CSRF-TOKEN: $TOKEN" -X POST https://zljg.example.gov.cn/api/registry/regrade
        ```

        **权限 / Who may call what**

        - **公开 / Public**：不需要登录，按客户端限流（超出时返回 429 和 Retry-After）：登录、基础数据（`/api/reference/…`）、部门、已发布的检查事项、已公示的抽取记录和承诺、质量地图与问题、原产地认证、开放数据（`/open-data/…`）、公开密钥（`/.well-known/…`）和本文档。未登录时这些接口只返回已公开的内容。 No sign-in, rate-limited per client (429 with Retry-After): sign-in, the reference data (`/api/reference/…`), departments, published checklist items, published draws and their commitments, the quality map and problems, origin certifications, the open data (`/open-data/…`), the public keys (`/.well-known/…`) and this document. Without sign-in they answer only what is published.
        - **角色 / Roles**：`admin`（系统管理员 administrator）、`coordinator`（市局统筹 city coordinator）、`dept_head`（部门负责人 department head）、`inspector`（执法人员 inspector）、`enterprise`（企业 enterprise）。每个接口的“权限 Access”一行和扩展字段 `x-qc-roles` 列出允许调用的角色；部门负责人和执法人员只能看到本部门的数据，企业账号只能看到本企业的数据。未登录返回 401，角色不符返回 403。 Each operation's "Access" line and its `x-qc-roles` extension name the roles allowed; department heads and inspectors see their own department's data, an enterprise account only its own. Not signed in: 401; a role not allowed: 403.
        - 完整的权限表见 docs/authorization-matrix.csv（docs/security.md）。 The full table is docs/authorization-matrix.csv (shown in docs/security.md).

        **约定 / Conventions**: 日期为 `yyyy-MM-dd`（中国时间），时间戳为 UTC（ISO 8601）；错误以 RFC 9457 problem+json 返回。 Dates are `yyyy-MM-dd` (China time), timestamps UTC (ISO 8601); errors are RFC 9457 problem+json.
        """;

    private static readonly (string Name, string Description)[] Tags =
    [
        ("Accounts", "登录、会话与账号管理 — Sign-in, sessions and account administration"),
        ("Reference data", "行政区划、行业、产业链与节假日 — Regions, industries, industry chains and holidays"),
        ("Organisation", "部门与执法人员 — Departments and inspectors"),
        ("Registry", "市场主体库：检索、风险等级、导入导出、生产记录 — The market-entity registry: search, risk grades, import and export, production records"),
        ("Checklists", "检查事项清单 — Inspection checklists"),
        ("Planning", "专项任务、随机抽取与检查计划 — Campaigns, the random draw and inspection plans"),
        ("Inspections", "检查结果、整改、公示、处罚、投诉与附件 — Inspection results, rectifications, publication, penalties, complaints and attachments"),
        ("Quality", "产品质量抽检、质量地图、风险预警与改进计划 — Product quality sampling, the quality map, alerts and improvement plans"),
        ("Public voice", "公众诉求：投诉、举报、建议、咨询与求助的受理、派单、答复和评价 — Public voice: complaints, reports, suggestions, consultations and help requests received, dispatched, answered and rated"),
        ("Standards", "标准库：检索标准、标准详情、导出与索引重建 — The standards library: search, records, export and index rebuild"),
        ("Services", "企业服务一窗受理：需求的提交、一次性告知、答复、评价、督办和统计（见 docs/services.md）— The one window for enterprise demands: filing, the one-time notice of missing materials, answers, ratings, escalation and figures (see docs/services.md)"),
        ("Open311", "Open311 GeoReport v2 接口：服务、诉求的提交与查询（见 docs/open311.md）— Open311 GeoReport v2: services, creating and reading requests (see docs/open311.md)"),
        ("Audit", "审计日志与签名检查点 — The audit log and its signed checkpoints"),
        ("Open data", "公开数据（无需登录）— Open data (no sign-in)"),
    ];

    private static void DescribeDocument(OpenApiDocument document)
    {
        document.Info = new OpenApiInfo
        {
            Title = "QualityCity API 质量城市接口",
            Version = "v1",
            Description = Introduction,
        };
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[CookieScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Cookie,
            Name = "qc.auth",
            Description = "登录 Cookie，由 POST /api/account/login 设置 — The sign-in cookie, set by POST /api/account/login.",
        };
        document.Components.SecuritySchemes[CsrfScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = WebSecurity.CsrfHeader,
            Description = "防伪令牌，来自 GET /api/account/csrf-token，用登录 Cookie 发出的 POST/PUT/DELETE 必须携带 — " +
                          "The anti-forgery token from GET /api/account/csrf-token; every POST/PUT/DELETE made with the sign-in cookie sends it.",
        };
        foreach (var (name, description) in Tags)
        {
            document.Tags ??= new HashSet<OpenApiTag>();
            if (document.Tags.FirstOrDefault(t => t.Name == name) is { } tag)
            {
                tag.Description = description;
            }
            else
            {
                document.Tags.Add(new OpenApiTag { Name = name, Description = description });
            }
        }
    }

    /// <summary>Security requirements, the roles admitted and the refusals, read from the endpoint's own authorisation and rate-limit metadata.</summary>
    private static async Task DescribeAccessAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var method = context.Description.HttpMethod ?? "GET";
        var changes = !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method);
        var rateLimit = metadata.OfType<EnableRateLimitingAttribute>().LastOrDefault()?.PolicyName;
        operation.Responses ??= [];
        string access;
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            access = "公开（无需登录）— Public (no sign-in)";
        }
        else
        {
            var roles = await AdmittedRolesAsync(metadata, context.ApplicationServices);
            var requirement = new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(CookieScheme, context.Document)] = [] };
            if (changes)
            {
                requirement[new OpenApiSecuritySchemeReference(CsrfScheme, context.Document)] = [];
                operation.Responses.TryAdd("400", new OpenApiResponse { Description = "请求无效或缺少防伪令牌 — Invalid request, or the X-CSRF-TOKEN header is missing or wrong" });
            }

            operation.Security = [requirement];
            operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
            operation.Extensions[RolesExtension] = new JsonNodeExtension(new JsonArray([.. roles.Select(r => JsonValue.Create(r))]));
            operation.Responses.TryAdd("401", new OpenApiResponse { Description = "未登录 — Not signed in" });
            if (roles.Count < Roles.All.Count)
            {
                operation.Responses.TryAdd("403", new OpenApiResponse { Description = "角色无权调用 — The account's role may not call this" });
            }

            access = roles.Count == Roles.All.Count ? "任何已登录账号 — Any signed-in account" : string.Join(", ", roles);
        }

        if (rateLimit is not null)
        {
            operation.Responses.TryAdd("429", new OpenApiResponse { Description = "请求过于频繁，见 Retry-After — Too many requests from this client; see Retry-After" });
        }

        var line = $"**权限 Access:** {access}" + (rateLimit is null ? "" : $"; 限流 rate limit: `{rateLimit}`");
        operation.Description = string.IsNullOrEmpty(operation.Description) ? line : operation.Description + "\n\n" + line;
    }

    /// <summary>The roles every policy on the endpoint admits (the fallback policy: any signed-in account).</summary>
    private static async Task<IReadOnlyList<string>> AdmittedRolesAsync(IList<object> metadata, IServiceProvider services)
    {
        var policies = services.GetRequiredService<IAuthorizationPolicyProvider>();
        IEnumerable<string> admitted = Roles.All;
        // Policies built in place (RequireAuthorization(p => p.RequireRole(…))) sit in the metadata as they are.
        foreach (var requirement in metadata.OfType<AuthorizationPolicy>().SelectMany(p => p.Requirements).OfType<RolesAuthorizationRequirement>())
        {
            admitted = admitted.Intersect(requirement.AllowedRoles, StringComparer.Ordinal);
        }

        foreach (var data in metadata.OfType<IAuthorizeData>())
        {
            var policy = data.Policy is { } name ? await policies.GetPolicyAsync(name) : null;
            foreach (var requirement in policy?.Requirements.OfType<RolesAuthorizationRequirement>() ?? [])
            {
                admitted = admitted.Intersect(requirement.AllowedRoles, StringComparer.Ordinal);
            }

            if (data.Roles is { Length: > 0 } roles)
            {
                admitted = admitted.Intersect(roles.Split(',', StringSplitOptions.TrimEntries), StringComparer.Ordinal);
            }
        }

        return [.. admitted];
    }

    /// <summary>An example of the JSON answer with <paramref name="status"/>, serialised as the API serialises it.</summary>
    public static TBuilder WithResponseExample<TBuilder>(this TBuilder builder, int status, object example) where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, context, _) =>
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            operation.Responses ??= [];
            if (!operation.Responses.TryGetValue(key, out var response) || response is not OpenApiResponse concrete)
            {
                concrete = new OpenApiResponse { Description = status is 200 ? "OK" : key };
                operation.Responses[key] = concrete;
            }

            concrete.Content ??= new Dictionary<string, OpenApiMediaType>();
            if (!concrete.Content.TryGetValue("application/json", out var media))
            {
                media = new OpenApiMediaType();
                concrete.Content["application/json"] = media;
            }

            media.Example = Serialise(example, context.ApplicationServices);
            return Task.CompletedTask;
        });

    /// <summary>
    /// Documents a JSON request body that the handler reads itself. Unlike <c>Accepts</c>, it does not
    /// make routing check the content type: routing answers a wrong type from an endpoint of its own,
    /// which the fallback policy guards, so an anonymous caller would get 401 instead of the handler's 415.
    /// Add it before <see cref="WithRequestExample"/>.
    /// </summary>
    public static RouteHandlerBuilder WithJsonRequestBody<TBody>(this RouteHandlerBuilder builder) =>
        builder.AddOpenApiOperationTransformer(async (operation, context, cancellationToken) =>
        {
            var schema = await context.GetOrCreateSchemaAsync(typeof(TBody), null, cancellationToken);
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType> { ["application/json"] = new OpenApiMediaType { Schema = schema } },
            };
        });

    /// <summary>An example of the JSON request body.</summary>
    public static TBuilder WithRequestExample<TBuilder>(this TBuilder builder, object example) where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, context, _) =>
        {
            if (operation.RequestBody?.Content?.TryGetValue("application/json", out var media) == true)
            {
                media.Example = Serialise(example, context.ApplicationServices);
            }

            return Task.CompletedTask;
        });

    private static JsonNode? Serialise(object example, IServiceProvider services) =>
        JsonSerializer.SerializeToNode(example, example.GetType(), services.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions);
}
