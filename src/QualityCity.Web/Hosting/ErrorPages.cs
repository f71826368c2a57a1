using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;
using QualityCity.Web.Localization;

namespace QualityCity.Web.Hosting;

/// <summary>
/// How a failed request is answered. A person in a browser gets a page of the site (layout,
/// navigation, a heading and a way on, in their language: <c>Modules/Home/Errors/Error.cshtml</c>);
/// a program gets JSON problem details whose title and detail are in the user's language too.
/// Both the status codes a handler sets without a body (<c>Results.NotFound()</c>, <c>Forbid()</c>,
/// a route that matches nothing) and unhandled exceptions end there, and the status code is kept.
/// </summary>
public static class ErrorPages
{
    /// <summary>The page's route; the status code is its last segment (<c>/error/404</c>).</summary>
    public const string Path = "/error";

    /// <summary>Paths that only programs call: they always get problem details, whatever they accept.</summary>
    private static readonly string[] ProgramPaths = ["/api", "/openapi", Telemetry.HealthPath, "/metrics", "/open-data", "/.well-known"];

    /// <summary>
    /// Whether a request should be answered with a page: not an API, OpenAPI, health or metrics path,
    /// and its Accept header prefers HTML to JSON (a browser's does; an HTTP client's usually says nothing or JSON).
    /// </summary>
    public static bool WantsPage(HttpRequest request)
    {
        if (ProgramPaths.Any(p => request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)))
        {
            return false;
        }

        if (!MediaTypeHeaderValue.TryParseList(request.Headers.Accept, out var accepted))
        {
            return false;
        }

        double html = 0, json = 0;
        foreach (var media in accepted)
        {
            var quality = media.Quality ?? 1;
            var type = media.MediaType.Value ?? string.Empty;
            if (type.Equals("text/html", StringComparison.OrdinalIgnoreCase) || type.Equals("application/xhtml+xml", StringComparison.OrdinalIgnoreCase))
            {
                html = Math.Max(html, quality);
            }
            else if (type.EndsWith("/json", StringComparison.OrdinalIgnoreCase) || type.EndsWith("+json", StringComparison.OrdinalIgnoreCase))
            {
                json = Math.Max(json, quality);
            }
        }

        return html > 0 && html >= json;
    }

    /// <summary>
    /// The error handling of the pipeline, where <c>UseExceptionHandler</c> and <c>UseStatusCodePages</c>
    /// would go: pages re-execute <see cref="Path"/> (an exception as 500), programs get problem details.
    /// </summary>
    public static IApplicationBuilder UseErrorPages(this IApplicationBuilder app)
    {
        app.UseWhen(http => WantsPage(http.Request), pages =>
        {
            pages.UseExceptionHandler(Path + "/500");
            pages.UseStatusCodePagesWithReExecute(Path + "/{0}");
        });
        app.UseWhen(http => !WantsPage(http.Request), programs =>
        {
            programs.UseExceptionHandler();
            programs.UseStatusCodePages();
        });
        return app;
    }

    /// <summary>
    /// A GET that matches no route answers 404 to everyone: without this endpoint the platform's
    /// deny-by-default policy would send a member of the public who mistyped a link to the sign-in
    /// form. Other methods keep their answers (405 for a known address, 401 otherwise).
    /// </summary>
    public static IEndpointRouteBuilder MapNotFoundFallback(this IEndpointRouteBuilder app)
    {
        app.MapFallback(() => Results.NotFound())
            .WithMetadata(new HttpMethodMetadata([HttpMethods.Get]))
            .ExcludeFromDescription().AllowAnonymous().RequireRateLimiting(RateLimits.Public);
        return app;
    }

    /// <summary>The heading of the error page and the problem's title, in the user's language.</summary>
    public static string Title(int status, Text text) => status switch
    {
        StatusCodes.Status403Forbidden => text["无权访问"],
        StatusCodes.Status404NotFound => text["未找到"],
        StatusCodes.Status500InternalServerError => text["系统出错了"],
        _ => text["请求未能完成"],
    };

    /// <summary>What happened and what to do, in the user's language.</summary>
    public static string Explanation(int status, Text text) => status switch
    {
        StatusCodes.Status403Forbidden => text["您的角色无权查看此页面。如需访问，请联系平台管理员。"],
        StatusCodes.Status404NotFound => text["没有找到您要的内容：地址可能有误，内容可能已不存在，也可能不属于您的查看范围。"],
        StatusCodes.Status500InternalServerError => text["处理请求时出现了意外错误，已记录在案。请稍后再试；如果问题反复出现，请把请求编号告诉平台管理员。"],
        _ => text.Format("请求未能完成（状态码 {0}）。请返回上一页检查后再试。", status),
    };

    /// <summary>The id by which an answer is found in the logs; the same as the problem details' <c>traceId</c>.</summary>
    public static string RequestId(HttpContext http) => Activity.Current?.Id ?? http.TraceIdentifier;

    /// <summary>
    /// Problem details of 403, 404 and 500 speak the user's language: the title always, the detail when
    /// the handler gave none (a 500 never carries the exception's text). A detail the handler wrote
    /// itself is kept, since it says more than a general one.
    /// </summary>
    public static void Localize(ProblemDetailsContext context)
    {
        var problem = context.ProblemDetails;
        if (problem.Status is not (StatusCodes.Status403Forbidden or StatusCodes.Status404NotFound or StatusCodes.Status500InternalServerError))
        {
            return;
        }

        var text = context.HttpContext.RequestServices.GetRequiredService<Text>();
        var status = problem.Status!.Value;
        problem.Title = Title(status, text);
        if (status == StatusCodes.Status500InternalServerError || string.IsNullOrEmpty(problem.Detail))
        {
            problem.Detail = Explanation(status, text);
        }
    }
}
