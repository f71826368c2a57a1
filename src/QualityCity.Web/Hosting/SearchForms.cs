using Microsoft.AspNetCore.Mvc;

namespace QualityCity.Web.Hosting;

/// <summary>
/// Search forms with free text are sent by POST (with the anti-forgery token) and answered with a
/// redirect to the search's own address when it is short enough, so that an ordinary search can
/// still be bookmarked, shared, reloaded and paged by link. A search too long for an address — a
/// pasted paragraph — is answered in place instead, so that it never meets Kestrel's request-line
/// limit (414) or the query guard's <see cref="InputValidation.MaxQueryText"/> (400).
/// </summary>
/// <remarks>
/// Always POST rather than POST only when long: the form works the same without a script, and the
/// server, not the browser, decides what fits in an address (a Chinese character is nine bytes once
/// encoded). The price is one redirect per search.
/// </remarks>
public static class SearchForms
{
    /// <summary>The longest search address a form redirects to; well inside what browsers, proxies and Kestrel accept.</summary>
    public const int MaxAddressLength = 2000;

    /// <summary>The search's GET address (empty fields left out), or null when it is too long to be one.</summary>
    public static string? AddressOf(string path, params (string Name, string? Value)[] fields)
    {
        var given = fields.Where(f => !string.IsNullOrEmpty(f.Value)).ToList();
        if (given.Any(f => f.Value!.Length > InputValidation.MaxQueryText))
        {
            return null;
        }

        var address = path + QueryString.Create(given.Select(f => KeyValuePair.Create(f.Name, f.Value)));
        return address.Length <= MaxAddressLength ? address : null;
    }

    /// <summary>303 See Other to <paramref name="address"/>: the browser fetches the search with GET.</summary>
    public static IActionResult SeeOther(HttpResponse response, string address)
    {
        response.Headers.Location = address;
        return new StatusCodeResult(StatusCodes.Status303SeeOther);
    }
}
