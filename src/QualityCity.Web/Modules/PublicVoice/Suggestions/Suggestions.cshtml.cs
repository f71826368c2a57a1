using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.PublicVoice.Outcomes;

namespace QualityCity.Web.Modules.PublicVoice.Suggestions;

/// <summary>
/// The public suggestion board (phone-first): answered suggestions with their answer, its reason,
/// the journey 征集 → 研判 → 转化 → 反馈 and the policy task's status — the staff's title, never the
/// citizen's own text or anything that identifies a person.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Public)]
public sealed class SuggestionsModel(VoiceOutcomeWork work) : PageModel
{
    public const int PageSize = 20;

    public SuggestionBoardPage Board { get; private set; } = new(0, 1, PageSize, []);

    public async Task OnGetAsync(int? p, CancellationToken cancellationToken) => Board = await work.BoardAsync(p ?? 1, PageSize, cancellationToken);
}
