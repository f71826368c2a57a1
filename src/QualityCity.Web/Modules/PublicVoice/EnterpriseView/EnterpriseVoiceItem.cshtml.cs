using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.PublicVoice.Outcomes;

namespace QualityCity.Web.Modules.PublicVoice.EnterpriseView;

/// <summary>
/// One complaint forwarded to the enterprise: the category, dates, what was reported (contact details
/// masked), the department's note, the public answer, and the form for its one statement. 404 for
/// anything not forwarded to this enterprise.
/// </summary>
[Authorize(Roles = Roles.Enterprise)]
public sealed class EnterpriseVoiceItemModel(VoiceOutcomeWork work, Localization.Text text) : PageModel
{
    public EnterpriseVoiceView? Item { get; private set; }
    public string? Error { get; private set; }
    public bool Sent { get; private set; }

    [BindProperty]
    public string? Reply { get; set; }

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) => await LoadAsync(id, cancellationToken);

    public async Task<IActionResult> OnPostReplyAsync(long id, CancellationToken cancellationToken)
    {
        var result = await work.EnterpriseReplyAsync(id, new EnterpriseReplyRequest(Reply), User, cancellationToken);
        if (result.Status == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            Sent = true;
        }
        else
        {
            Error = result.Describe(text);
            Response.StatusCode = result.Status;
        }

        return await LoadAsync(id, cancellationToken);
    }

    private async Task<IActionResult> LoadAsync(long id, CancellationToken cancellationToken)
    {
        if ((await work.EnterpriseGetAsync(id, User, cancellationToken)).Value is not EnterpriseVoiceView item)
        {
            return NotFound();
        }

        Item = item;
        return Page();
    }
}
