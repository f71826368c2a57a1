using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.Home.Errors;

/// <summary>
/// The page a browser gets for a failed request (<see cref="ErrorPages"/>): what happened in the
/// user's language, a way on (home, a search, back), and for a 500 the request id to quote, never
/// the exception. The status code of the failed request is kept.
/// </summary>
/// <remarks>
/// The model has no handler methods on purpose: a page without handlers renders for every method, so
/// a failed POST re-executed here is answered with the page as well; it changes nothing, so it needs
/// no anti-forgery token.
/// </remarks>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Public)]
[IgnoreAntiforgeryToken]
public sealed class ErrorModel(Text text, ILogger<ErrorModel> logger) : PageModel
{
    public int Status { get; private set; } = StatusCodes.Status404NotFound;
    public string Heading => ErrorPages.Title(Status, text);
    public string Explanation => ErrorPages.Explanation(Status, text);

    /// <summary>The id to quote to the administrator; shown only for a 500.</summary>
    public string? RequestId { get; private set; }

    /// <summary>The page of this site the user came from, when there is one to go back to.</summary>
    public string? Back { get; private set; }

    public (string Path, string Label) Search => User.IsStaff() ? ("/registry", text["查询市场主体"]) : ("/results", text["查询检查结果"]);

    [NonHandler] // a filter method; without the mark Razor Pages would take it for a handler of the method "Page"
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        // Asked for directly (/error/7) the page is a 404 rather than an answer with a status that is no error.
        if (int.TryParse(RouteData.Values["status"]?.ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var status) && status is >= 400 and <= 599)
        {
            Status = status;
        }

        Response.StatusCode = Status;
        if (Status >= StatusCodes.Status500InternalServerError)
        {
            RequestId = ErrorPages.RequestId(HttpContext);
            // The exception itself was logged by the exception handler; this line ties it to the id the user sees.
            if (HttpContext.Features.Get<IExceptionHandlerFeature>() is { } failure)
            {
                logger.LogError("Request {RequestId} failed with {ExceptionType}; the error page shows this id", RequestId, failure.Error.GetType().FullName);
            }
        }

        Back = SameSiteReferrer();
    }

    private string? SameSiteReferrer()
    {
        if (!Uri.TryCreate(Request.Headers.Referer.ToString(), UriKind.Absolute, out var referrer)
            || !string.Equals(referrer.GetLeftPart(UriPartial.Authority), $"{Request.Scheme}://{Request.Host}", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var failedPath = HttpContext.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath
            ?? HttpContext.Features.Get<IExceptionHandlerPathFeature>()?.Path;
        return referrer.AbsolutePath == failedPath || referrer.AbsolutePath.StartsWith(ErrorPages.Path, StringComparison.Ordinal)
            ? null
            : referrer.PathAndQuery;
    }
}
