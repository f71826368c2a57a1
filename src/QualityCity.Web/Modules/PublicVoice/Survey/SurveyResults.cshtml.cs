using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.PublicVoice.Survey;

/// <summary>
/// One survey's results per department and question (mean, distribution, answers) with a chart and
/// the Excel workbook: every department for the coordinator and the administrator, a department
/// head's own only, and nothing from fewer than 5 answers ("不足 5 份，不显示").
/// </summary>
[Authorize(Policy = Policies.Supervisors)]
public sealed class SurveyResultsModel(VoiceSurveys surveys) : PageModel
{
    public SurveyResults Results { get; private set; } = null!;
    public SurveyView Survey { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken cancellationToken)
    {
        var result = await surveys.ResultsAsync(id, User, cancellationToken);
        if (result.Status == StatusCodes.Status403Forbidden)
        {
            return Forbid();
        }

        if (result is not { Succeeded: true, Value: SurveyResults results } || await surveys.FindAsync(id, cancellationToken) is not { } survey)
        {
            return NotFound();
        }

        Results = results;
        Survey = survey;
        return Page();
    }
}
