using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.PublicVoice.Items;

/// <summary>
/// One item for the staff: what was reported, the contact for those handling it, the timeline and
/// a button for each action the workflow allows the reader now. The same <see cref="VoiceItemWork"/>
/// as GET and POST /api/voice/items/{trackingCode}.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class ItemModel(VoiceItemWork work, VoiceLabels labels, Triage.VoiceTriage triage) : PageModel
{
    public VoiceItemView? Item { get; private set; }
    public IReadOnlyList<(string Code, string Name)> Departments { get; private set; } = [];
    /// <summary>The category's usual department, chosen first in the dispatch form.</summary>
    public string? SuggestedDepartment { get; private set; }

    /// <summary>Why <see cref="SuggestedDepartment"/> is suggested.</summary>
    public string? SuggestionReason { get; private set; }

    /// <summary>The duplicate candidates' own texts, for the side-by-side view.</summary>
    public IReadOnlyDictionary<string, Triage.VoiceItemBrief> Candidates { get; private set; } = new Dictionary<string, Triage.VoiceItemBrief>();

    public string? Error { get; private set; }
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken) => await LoadAsync(code, cancellationToken);

    public async Task<IActionResult> OnPostActAsync(string code, [FromForm] string? action, [FromForm] string? reason, [FromForm] string? department,
        [FromForm] string? publicAnswer, [FromForm] string? followUpMethod, [FromForm] string? followUpResult, [FromForm] string? mergeInto,
        CancellationToken cancellationToken)
    {
        var request = new VoiceActionRequest(action, reason, department, publicAnswer,
            action == "record_follow_up" ? new VoiceFollowUpRequest(followUpMethod, null, followUpResult) : null, null, mergeInto);
        var result = await work.ActAsync(code, request, User, cancellationToken);
        if (result.Status == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            Error = result.Describe(labels.Text);
            Response.StatusCode = result.Status;
        }
        else if (QualityCity.Web.Modules.PublicVoice.VoiceCodes.ParseAction(action) is { } done)
        {
            Done = labels.Action(done);
        }

        return await LoadAsync(code, cancellationToken);
    }

    private async Task<IActionResult> LoadAsync(string code, CancellationToken cancellationToken)
    {
        var result = await work.GetAsync(code, User, cancellationToken);
        if (result.Value is not VoiceItemView item)
        {
            return NotFound();
        }

        Item = item;
        Departments = await labels.DepartmentsAsync(cancellationToken);
        // The triage suggestion (a rule, the model learned from past dispatches, or the category's usual department), always overridable.
        SuggestedDepartment = item.SuggestedDepartment?.Code ?? await labels.DefaultDepartmentAsync(item.Category, cancellationToken);
        SuggestionReason = item.SuggestedDepartment?.Code is null ? null : item.SuggestedDepartment.Reason;
        Candidates = await triage.BriefsAsync(item.DuplicateCandidates.Select(c => c.TrackingCode).ToList(), cancellationToken);
        return Page();
    }
}
