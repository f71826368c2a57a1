using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.PublicVoice.Outcomes;

namespace QualityCity.Web.Modules.PublicVoice.Leads;

/// <summary>
/// The leads ledger (问题线索台账, VOX-8): items pointing at misconduct or a business-environment
/// problem, with who follows them up and where they stand. The coordinator and the administrator only.
/// </summary>
[Authorize(Policy = Policies.Oversight)]
public sealed class LeadsModel(VoiceOutcomeWork work, Localization.Text text) : PageModel
{
    public IReadOnlyList<LeadRow> Leads { get; private set; } = [];
    public string? Status { get; private set; }
    public string? Error { get; private set; }
    public string? Done { get; private set; }

    public async Task OnGetAsync(string? status, CancellationToken cancellationToken)
    {
        Status = VoiceOutcomeWork.LeadStatuses.Contains(status) ? status : null;
        Leads = await work.LeadsAsync(Status, cancellationToken);
    }

    public async Task OnPostUpdateAsync(long id, [FromForm] string? status, [FromForm] string? owner, [FromForm] string? note, CancellationToken cancellationToken)
    {
        var result = await work.UpdateLeadAsync(id, new LeadUpdateRequest(status, owner, note), User, cancellationToken);
        if (result.Succeeded)
        {
            Done = text["线索已更新"];
        }
        else
        {
            Error = result.Describe(text);
            Response.StatusCode = result.Status;
        }

        Leads = await work.LeadsAsync(null, cancellationToken);
    }
}
