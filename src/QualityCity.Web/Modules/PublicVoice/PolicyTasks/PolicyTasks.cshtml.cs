using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.PublicVoice.Outcomes;

namespace QualityCity.Web.Modules.PublicVoice.PolicyTasks;

/// <summary>
/// The policy tasks adopted suggestions became: a department sees and moves on its own, the
/// coordinator and the administrator all of them; overdue when the deadline passed before done.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class PolicyTasksModel(VoiceOutcomeWork work, Localization.Text text) : PageModel
{
    public IReadOnlyList<PolicyTaskView> Tasks { get; private set; } = [];
    public string? Error { get; private set; }
    public string? Done { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Tasks = await work.PolicyTasksAsync(User, cancellationToken);

    public async Task<IActionResult> OnPostUpdateAsync(long id, [FromForm] string? status, [FromForm] string? actions, [FromForm] string? deadline,
        CancellationToken cancellationToken)
    {
        var result = await work.UpdatePolicyTaskAsync(id, new PolicyTaskUpdateRequest(status, actions, deadline), User, cancellationToken);
        if (result.Status == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            Done = text["政策任务已更新"];
        }
        else
        {
            Error = result.Describe(text);
            Response.StatusCode = result.Status;
        }

        Tasks = await work.PolicyTasksAsync(User, cancellationToken);
        return Page();
    }
}
