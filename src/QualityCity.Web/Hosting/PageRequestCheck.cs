using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace QualityCity.Web.Hosting;

/// <summary>
/// Two checks before a page's handler runs. A request that names no handler the page has (a POST to
/// a page that only has named handlers, or ?handler=… misspelt) is refused with 400 naming the
/// <c>handler</c> field: Razor Pages would otherwise render the page without running any handler,
/// and a view that needs what its handler loads would fail with 500. And the page's input — the
/// handler's arguments and its bound properties — obeys the same rules as the API's
/// (<see cref="InputValidation"/>), refused with 400 naming the field.
/// </summary>
internal sealed class PageRequestCheck : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HandlerMethod is null && context.ActionDescriptor.HandlerMethods.Count > 0)
        {
            var requested = context.HttpContext.Request.Query["handler"].ToString();
            context.Result = Refuse(new Dictionary<string, string[]>
            {
                ["handler"] = [requested.Length == 0
                    ? $"this page has no default {context.HttpContext.Request.Method} action; name one with ?handler="
                    : $"this page has no action '{requested}' for {context.HttpContext.Request.Method}"],
            });
            return;
        }

        var isGet = HttpMethods.IsGet(context.HttpContext.Request.Method);
        var bound = context.HandlerInstance.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.GetCustomAttribute<BindPropertyAttribute>() is { } bind && (!isGet || bind.SupportsGet))
            .Select(p => (p.Name, p.GetValue(context.HandlerInstance), p.GetCustomAttributes().ToArray()));
        var arguments = context.HandlerArguments.Select(a => (a.Key, a.Value, Array.Empty<Attribute>()));
        if (InputValidation.PageProblems(bound.Concat(arguments)) is { Count: > 0 } problems)
        {
            context.Result = Refuse(problems);
            return;
        }

        await next();
    }

    private static BadRequestObjectResult Refuse(Dictionary<string, string[]> errors) => new(new ValidationProblemDetails(errors))
    {
        ContentTypes = { "application/problem+json" },
    };
}
