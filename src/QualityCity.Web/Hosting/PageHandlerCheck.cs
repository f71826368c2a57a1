using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace QualityCity.Web.Hosting;

/// <summary>
/// A request that names no handler the page has (a POST to a page that only has named handlers, or
/// ?handler=… misspelt) is refused with 400 naming the <c>handler</c> field. Without this, Razor
/// Pages would render the page without running any handler, and a page whose view needs what its
/// handler loads would fail with 500.
/// </summary>
internal sealed class PageHandlerCheck : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        if (context.HandlerMethod is null && context.ActionDescriptor.HandlerMethods.Count > 0)
        {
            var requested = context.HttpContext.Request.Query["handler"].ToString();
            context.Result = new BadRequestObjectResult(new ValidationProblemDetails(new Dictionary<string, string[]>
            {
                ["handler"] = [requested.Length == 0
                    ? $"this page has no default {context.HttpContext.Request.Method} action; name one with ?handler="
                    : $"this page has no action '{requested}' for {context.HttpContext.Request.Method}"],
            }));
            return;
        }

        await next();
    }
}
