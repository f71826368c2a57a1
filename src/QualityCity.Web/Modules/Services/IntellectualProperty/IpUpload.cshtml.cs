using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Services.Catalogue;

namespace QualityCity.Web.Modules.Services.IntellectualProperty;

/// <summary>The coordinator's and the administrator's upload of patents, trademarks or pledge loans, the kind chosen on the form.</summary>
[Authorize(Policy = Policies.Oversight)]
[RequestSizeLimit(RequestLimits.UploadBytes)]
public sealed class IpUploadModel(RecordImport import, DatabaseSettings settings, Text text) : PageModel
{
    private const string Prefix = "ip";

    [BindProperty] public string? Kind { get; set; }

    public UploadOutcome? Outcome { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        var actor = User.ActorName();
        Outcome = Kind switch
        {
            "patents" => await ImportUpload.RunAsync(file, PatentKind.Instance, import, settings, text, actor, Prefix, cancellationToken),
            "trademarks" => await ImportUpload.RunAsync(file, TrademarkKind.Instance, import, settings, text, actor, Prefix, cancellationToken),
            "pledges" => await ImportUpload.RunAsync(file, PledgeKind.Instance, import, settings, text, actor, Prefix, cancellationToken),
            _ => null,
        };
        if (Outcome is null)
        {
            ModelState.AddModelError("kind", "kind: patents, trademarks or pledges");
            return BadRequest(new ValidationProblemDetails(ModelState));
        }

        return Page();
    }

    public IActionResult OnGetReport(string? id) =>
        ImportUpload.ExistingReport(settings, Prefix, id) is { } path ? PhysicalFile(path, "text/csv; charset=utf-8", "ip-errors.csv") : NotFound();

    /// <summary>The columns of each kind, for the form's help.</summary>
    public static IReadOnlyList<(string Kind, IReadOnlyList<string> Columns)> KindColumns { get; } =
    [
        ("patents", PatentKind.Instance.Header), ("trademarks", TrademarkKind.Instance.Header), ("pledges", PledgeKind.Instance.Header),
    ];
}
