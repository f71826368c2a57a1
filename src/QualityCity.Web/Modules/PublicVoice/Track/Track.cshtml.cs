using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using QualityCity.Domain.PublicVoice;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.PublicVoice.Items;

namespace QualityCity.Web.Modules.PublicVoice.Track;

/// <summary>
/// The tracking page: whoever holds the code sees the item's kind, category, state, dates, current
/// deadline and public answer, and rates the answer once it is followed up. The code is the
/// submitter's credential (ADR 0029), so the page never shows the contact or the description.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Public)]
public sealed class TrackModel(VoiceItemWork work) : PageModel
{
    public VoiceTrackingView? Item { get; private set; }

    /// <summary>What was typed, kept when it is not a code.</summary>
    public string? Typed { get; private set; }

    public bool Unknown { get; private set; }
    public string? RatingError { get; private set; }
    public bool Rated { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromRoute] string? code, [FromQuery(Name = "code")] string? typed, CancellationToken cancellationToken)
    {
        // The small form sends ?code=…; the page's own address carries the canonical code.
        if (code is null && typed is not null)
        {
            if (TrackingCode.TryParse(typed, out var parsed))
            {
                return Redirect($"/voice/track/{parsed.Canonical}");
            }

            Typed = typed;
            Unknown = true;
            Response.StatusCode = StatusCodes.Status404NotFound;
            return Page();
        }

        if (code is null)
        {
            return Page();
        }

        Item = await work.TrackAsync(code, cancellationToken);
        if (Item is null)
        {
            Typed = code;
            Unknown = true;
            Response.StatusCode = StatusCodes.Status404NotFound;
        }

        return Page();
    }

    public async Task<IActionResult> OnPostRateAsync([FromRoute] string? code, [FromForm] string? rating, CancellationToken cancellationToken)
    {
        if (code is null)
        {
            return NotFoundResult();
        }

        var result = await work.RateAsync(code, new VoiceRatingRequest(rating), cancellationToken);
        if (result.Status == StatusCodes.Status404NotFound)
        {
            return NotFoundResult();
        }

        Item = await work.TrackAsync(code, cancellationToken);
        if (!result.Succeeded)
        {
            RatingError = result.Message ?? string.Join("；", result.Errors?.SelectMany(e => e.Value) ?? []);
            Response.StatusCode = result.Status;
            return Page();
        }

        Rated = true;
        return Page();
    }

    private PageResult NotFoundResult()
    {
        Unknown = true;
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
