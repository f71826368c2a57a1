using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.Services.IntellectualProperty;

/// <summary>The staff's lists of patents, trademarks and pledge loans, filtered by holder, status and a word.</summary>
[Authorize(Policy = Policies.Staff)]
public sealed class IpRecordsModel(IpViews views) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Kind { get; set; }

    [BindProperty(SupportsGet = true, Name = "code")] public string? CreditCode { get; set; }

    [BindProperty(SupportsGet = true)] public string? Status { get; set; }

    [BindProperty(SupportsGet = true, Name = "q")] public string? Text { get; set; }

    public IReadOnlyList<PatentRow> Patents { get; private set; } = [];

    public IReadOnlyList<TrademarkRow> Trademarks { get; private set; } = [];

    public IReadOnlyList<PledgeRow> Pledges { get; private set; } = [];

    public string Shown => Kind ?? "patents";

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (Kind is not null && !IpViews.Kinds.Contains(Kind, StringComparer.Ordinal))
        {
            ModelState.AddModelError("kind", "kind: patents, trademarks or pledges");
            return BadRequest(new ValidationProblemDetails(ModelState));
        }

        if (Text is { Length: > 50 } || CreditCode is { Length: > 18 })
        {
            ModelState.AddModelError(Text is { Length: > 50 } ? "q" : "code", "too long");
            return BadRequest(new ValidationProblemDetails(ModelState));
        }

        var filter = new IpFilter(Shown, CreditCode, Status, Text);
        switch (Shown)
        {
            case "patents":
                Patents = await views.PatentsAsync(filter, cancellationToken);
                break;
            case "trademarks":
                Trademarks = await views.TrademarksAsync(filter, cancellationToken);
                break;
            default:
                Pledges = await views.PledgesAsync(filter, cancellationToken);
                break;
        }

        return Page();
    }
}
