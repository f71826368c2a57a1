using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.PublicVoice.Outcomes;

namespace QualityCity.Web.Modules.PublicVoice.EnterpriseView;

/// <summary>
/// The enterprise's list of complaints and reports the departments forwarded to it (phone-first):
/// only its own, by the credit code of the sign-in; no tracking code, no reporter (ADR 0033).
/// </summary>
[Authorize(Roles = Roles.Enterprise)]
public sealed class EnterpriseVoiceModel(VoiceOutcomeWork work) : PageModel
{
    public IReadOnlyList<EnterpriseVoiceRow> Items { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Items = await work.EnterpriseListAsync(User, cancellationToken);
}
