using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.PublicVoice.Triage;

/// <summary>
/// Routing (派单路由): the rules the administrator keeps (category × county × industry → department,
/// checked field by field, audited) and the model learned from past dispatches, which the
/// coordinator and the administrator retrain here; it is also retrained nightly.
/// </summary>
[Authorize(Policy = Policies.Oversight)]
public sealed class RoutingModel(VoiceRoutingRuleWork rules, VoiceRoutingModels models, VoiceLabels labels) : PageModel
{
    public IReadOnlyList<VoiceRoutingRuleView> Rules { get; private set; } = [];
    public VoiceRoutingModelView? Latest { get; private set; }
    public IReadOnlyList<(string Code, string Name)> Departments { get; private set; } = [];
    public Dictionary<string, string> CategoryNames { get; private set; } = [];
    public bool CanEdit { get; private set; }

    /// <summary>The rule being edited (after a refusal, what was typed).</summary>
    [BindProperty]
    public VoiceRoutingRuleRequest Input { get; set; } = new(null, "*", "*", "*", null, false, null);

    public long? EditId { get; private set; }
    public IDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();
    public string? Done { get; private set; }
    public string? Error { get; private set; }

    public async Task OnGetAsync(long? edit, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (edit is { } id && CanEdit && Rules.FirstOrDefault(r => r.Id == id) is { } rule)
        {
            EditId = id;
            Input = new VoiceRoutingRuleRequest(rule.Name, rule.Category, rule.County, rule.Industry, rule.Department, rule.Fallback, rule.Sort);
        }
    }

    public async Task<IActionResult> OnPostSaveAsync(long? id, CancellationToken cancellationToken)
    {
        if (!User.IsInRole(Roles.Admin))
        {
            return Forbid();
        }

        var result = await rules.SaveAsync(id, Input, User.ActorName(), cancellationToken);
        if (result.Status == StatusCodes.Status404NotFound)
        {
            return NotFound();
        }

        if (!result.Succeeded)
        {
            Errors = result.Errors ?? new Dictionary<string, string[]>();
            EditId = id;
            Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        else
        {
            Done = labels.Text["规则已保存"];
            Input = new VoiceRoutingRuleRequest(null, "*", "*", "*", null, false, null);
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostDeleteAsync(long id, CancellationToken cancellationToken)
    {
        if (!User.IsInRole(Roles.Admin))
        {
            return Forbid();
        }

        if (!await rules.DeleteAsync(id, User.ActorName(), cancellationToken))
        {
            return NotFound();
        }

        Done = labels.Text["规则已删除"];
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostTrainAsync(CancellationToken cancellationToken)
    {
        if (await models.TrainAsync(User.ActorName(), cancellationToken) is null)
        {
            Error = labels.Text["以往派单太少（或只有一个部门），无法训练"];
            Response.StatusCode = StatusCodes.Status409Conflict;
        }
        else
        {
            Done = labels.Text["模型已重新训练"];
        }

        await LoadAsync(cancellationToken);
        return Page();
    }

    public string? ErrorOf(string field) => Errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        CanEdit = User.IsInRole(Roles.Admin);
        Rules = await rules.ListAsync(cancellationToken);
        Latest = await models.LatestAsync(cancellationToken);
        Departments = await labels.DepartmentsAsync(cancellationToken);
        CategoryNames = await labels.CategoryNamesAsync(cancellationToken);
    }
}
