using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.PublicVoice.Survey;

/// <summary>
/// The satisfaction surveys (VOX-7): every survey with its commitment and draw; the coordinator and
/// the administrator create a questionnaire (freezing the pool) and enter the public seed. Department
/// heads read the list and open their department's results.
/// </summary>
[Authorize(Policy = Policies.Supervisors)]
public sealed class SurveysModel(VoiceSurveys surveys, VoiceLabels labels, PlatformClock clock) : PageModel
{
    public IReadOnlyList<SurveyView> Surveys { get; private set; } = [];
    public IReadOnlyList<(string Code, string Name)> AllDepartments { get; private set; } = [];
    public bool MayManage { get; private set; }
    public string? Error { get; private set; }
    public int DefaultYear => clock.Today.Year;

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostCreateAsync(string? title, int? year, string? questions, List<string>? departments, int? sampleSize,
        CancellationToken cancellationToken)
    {
        if (!User.SeesAllDepartments())
        {
            return Forbid();
        }

        var lines = (questions ?? string.Empty).Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var result = await surveys.CreateAsync(new SurveyRequest(title, year, lines, departments ?? [], sampleSize), User, cancellationToken);
        if (result is { Succeeded: true, Value: SurveyView view })
        {
            return Redirect($"/voice/surveys/{view.Id}");
        }

        Error = result.Describe(labels.Text);
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostDrawAsync(int id, string? seed, CancellationToken cancellationToken)
    {
        if (!User.SeesAllDepartments())
        {
            return Forbid();
        }

        var result = await surveys.DrawAsync(id, new SurveyDrawRequest(seed), User, cancellationToken);
        if (result.Succeeded)
        {
            return Redirect($"/voice/surveys/{id}");
        }

        Error = result.Describe(labels.Text);
        await LoadAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostCloseAsync(int id, CancellationToken cancellationToken)
    {
        if (!User.SeesAllDepartments())
        {
            return Forbid();
        }

        var result = await surveys.CloseAsync(id, User, cancellationToken);
        if (result.Succeeded)
        {
            return Redirect("/voice/surveys");
        }

        Error = result.Describe(labels.Text);
        await LoadAsync(cancellationToken);
        return Page();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        MayManage = User.SeesAllDepartments();
        Surveys = await surveys.ListAsync(cancellationToken);
        AllDepartments = await labels.DepartmentsAsync(cancellationToken);
    }
}
