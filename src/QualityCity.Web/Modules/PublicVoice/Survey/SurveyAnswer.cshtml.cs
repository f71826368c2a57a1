using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.PublicVoice.Survey;

/// <summary>A sampled enterprise account answers the survey once: every question about every department, 1 to 5. Works on a phone.</summary>
[Authorize(Policy = Policies.Enterprises)]
public sealed class SurveyAnswerModel(VoiceSurveys surveys, VoiceLabels labels) : PageModel
{
    public SurveyQuestionnaire Questionnaire { get; private set; } = null!;
    public string? Error { get; private set; }
    public bool Saved { get; private set; }

    public async Task<IActionResult> OnGetAsync(int id, bool saved, CancellationToken cancellationToken)
    {
        Saved = saved;
        return await LoadAsync(id, cancellationToken) ?? Page();
    }

    public async Task<IActionResult> OnPostAsync(int id, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, cancellationToken) is { } refused)
        {
            return refused;
        }

        // Each radio group is named score-{department}-{question}; a missing one is left out and refused as incomplete.
        var answers = new List<SurveyAnswer>();
        foreach (var d in Questionnaire.Departments)
        {
            for (var q = 0; q < Questionnaire.Questions.Count; q++)
            {
                if (int.TryParse(Request.Form[$"score-{d.Code}-{q}"], out var score))
                {
                    answers.Add(new SurveyAnswer(d.Code, q, score));
                }
            }
        }

        var result = await surveys.AnswerAsync(id, new SurveyResponseRequest(answers), User, cancellationToken);
        if (result.Succeeded)
        {
            return Redirect($"/voice/surveys/{id}/answer?saved=true");
        }

        Error = result.Describe(labels.Text);
        return Page();
    }

    private async Task<IActionResult?> LoadAsync(int id, CancellationToken cancellationToken)
    {
        var result = await surveys.QuestionnaireAsync(id, User, cancellationToken);
        if (result.Status == StatusCodes.Status403Forbidden)
        {
            return Forbid();
        }

        if (result is not { Succeeded: true, Value: SurveyQuestionnaire questionnaire })
        {
            return NotFound();
        }

        Questionnaire = questionnaire;
        return null;
    }
}
