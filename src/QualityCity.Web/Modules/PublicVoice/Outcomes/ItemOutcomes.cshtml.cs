using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.PublicVoice.Items;

namespace QualityCity.Web.Modules.PublicVoice.Outcomes;

/// <summary>
/// What an item leads to, for the staff who see it: forward a complaint to the enterprise concerned
/// and read its statement, mark the item as a lead, answer a suggestion and make it a policy task.
/// The same <see cref="VoiceOutcomeWork"/> as the API.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class ItemOutcomesModel(VoiceItemWork items, VoiceOutcomeWork work, VoiceConversionWork conversions, VoiceLabels labels) : PageModel
{
    public VoiceItemView? Item { get; private set; }
    public ItemOutcomes? Outcomes { get; private set; }
    public IReadOnlyList<(string Code, string Name)> Departments { get; private set; } = [];
    public string? Error { get; private set; }
    public string? Done { get; private set; }

    public async Task<IActionResult> OnGetAsync(string code, CancellationToken cancellationToken) => await LoadAsync(code, cancellationToken);

    public async Task<IActionResult> OnPostForwardAsync(string code, [FromForm] string? note, CancellationToken cancellationToken) =>
        await AfterAsync(code, await work.ForwardAsync(code, new ForwardRequest(note), User, cancellationToken), labels.Text["已转给涉及企业"], cancellationToken);

    public async Task<IActionResult> OnPostConvertAsync(string code, [FromForm] string? kind, [FromForm] string? date, [FromForm] string? product, [FromForm] string? note,
        CancellationToken cancellationToken) =>
        await AfterAsync(code, await conversions.ConvertAsync(code, new ConversionRequest(kind, date, product, note), User, cancellationToken), labels.Text["已转化"],
            cancellationToken);

    public async Task<IActionResult> OnPostLeadAsync(string code, [FromForm] string? kind, [FromForm] string? owner, [FromForm] string? note,
        CancellationToken cancellationToken) =>
        await AfterAsync(code, await work.MarkLeadAsync(code, new LeadRequest(kind, owner, note), User, cancellationToken), labels.Text["已列入问题线索台账"], cancellationToken);

    public async Task<IActionResult> OnPostDecideAsync(string code, [FromForm] string? outcome, [FromForm] string? publicTitle, [FromForm] string? publicReason,
        [FromForm] string? taskDepartment, [FromForm] string? taskActions, [FromForm] string? taskDeadline, CancellationToken cancellationToken)
    {
        var task = outcome is "adopted" or "partly_adopted" ? new PolicyTaskRequest(taskDepartment, taskActions, taskDeadline) : null;
        var result = await work.DecideSuggestionAsync(code, new SuggestionDecisionRequest(outcome, publicTitle, publicReason, task), User, cancellationToken);
        return await AfterAsync(code, result, labels.Text["已答复采纳情况"], cancellationToken);
    }

    private async Task<IActionResult> AfterAsync(string code, Hosting.WorkResult result, string done, CancellationToken cancellationToken)
    {
        if (result.Status == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }

        if (result.Succeeded)
        {
            Done = done;
        }
        else
        {
            Error = result.Describe(labels.Text);
            Response.StatusCode = result.Status;
        }

        return await LoadAsync(code, cancellationToken);
    }

    private async Task<IActionResult> LoadAsync(string code, CancellationToken cancellationToken)
    {
        if ((await items.GetAsync(code, User, cancellationToken)).Value is not VoiceItemView item
            || (await work.ItemOutcomesAsync(code, User, cancellationToken)).Value is not ItemOutcomes outcomes)
        {
            return NotFound();
        }

        Item = item;
        Outcomes = outcomes;
        Departments = await labels.DepartmentsAsync(cancellationToken);
        return Page();
    }
}
