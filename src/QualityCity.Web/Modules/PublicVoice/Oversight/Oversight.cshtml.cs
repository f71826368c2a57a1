using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.PublicVoice.Oversight;

/// <summary>
/// The 督办 dashboard (VOX-4, VOX-6): per department the open, due-soon, overdue and escalated items
/// and the share answered on time, the overdue list with working days late, and the ratings per
/// month, with charts and the Excel workbook. Every department for the coordinator and the
/// administrator, their own for a department head; refused to anyone else.
/// </summary>
[Authorize(Policy = Policies.Supervisors)]
public sealed class OversightModel(VoiceOversight oversight) : PageModel
{
    public OversightReport Report { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await oversight.ScopeAsync(User, cancellationToken) is not { } scope)
        {
            return Forbid();
        }

        Report = await oversight.ReportAsync(scope, null, null, cancellationToken);
        return Page();
    }

    public static string Percent(double? share) => share is { } s ? (s * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%" : "—";
}
