using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.Registry.GradeObjections;

/// <summary>
/// The enterprises' objections to their grades, open ones first, for the head of the grading
/// department who answers them on each entity's page (and for the administrator and coordinator
/// who oversee). The same list as GET /api/registry/objections; other heads see who answers.
/// </summary>
[Authorize(Policy = Policies.Supervisors)]
public sealed class ObjectionsModel(GradeObjectionWork work, IOptions<RegistryOptions> options) : PageModel
{
    public int AnswerWorkingDays => options.Value.ObjectionAnswerWorkingDays;

    public const int PageSize = 20;

    public ObjectionPage Result { get; private set; } = new(0, 1, PageSize, []);

    /// <summary>open / upheld / rejected, or empty for all.</summary>
    public string? State { get; private set; }

    public bool MayAnswer { get; private set; }

    /// <summary>The list is for the grading department's head and those who oversee every department.</summary>
    public bool MayRead { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? state, int? p, CancellationToken cancellationToken)
    {
        // Another department's head is told who answers rather than refused: the page is on the
        // way of every head, and a refusal would not say where objections go.
        MayRead = await work.MayReadAllAsync(User, cancellationToken);
        if (!MayRead)
        {
            return Page();
        }

        State = state is GradeObjectionStates.Open or GradeObjectionStates.Upheld or GradeObjectionStates.Rejected ? state : null;
        MayAnswer = await work.MayAnswerAsync(User, cancellationToken);
        Result = await work.ListAsync(State, p ?? 1, PageSize, cancellationToken);
        return Page();
    }

    public string Link(int page) => $"/registry/objections?{(State is null ? "" : $"state={State}&")}p={page}";

    public bool HasNextPage => Result.Page * Result.PageSize < Result.Total;
}
