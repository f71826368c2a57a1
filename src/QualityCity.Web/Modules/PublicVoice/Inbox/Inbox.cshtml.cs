using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.PublicVoice.Items;

namespace QualityCity.Web.Modules.PublicVoice.Inbox;

/// <summary>
/// The staff inbox: every item for the coordinator and the administrator, the items dispatched to
/// their department for a department's head and staff; filters by state, category, county and
/// deadline, nearest deadline first, overdue in red and due soon in amber.
/// </summary>
[Authorize(Policy = Policies.Staff)]
public sealed class InboxModel(VoiceItemWork work, VoiceLabels labels) : PageModel
{
    public const int PageSize = 20;

    public VoiceItemPage Result { get; private set; } = new(0, 1, PageSize, []);
    public VoiceItemFilter Filter { get; private set; } = new();
    public IReadOnlyList<(VoiceCategory Category, bool IsChild)> Categories { get; private set; } = [];
    public IReadOnlyList<(string Code, string Name)> Counties { get; private set; } = [];
    public bool SeesAll { get; private set; }

    public static readonly IReadOnlyList<string> States =
        ["received", "accepted", "dispatched", "returned", "in_progress", "answered", "followed_up", "closed", "rejected", "merged"];

    public async Task OnGetAsync(string? state, string? category, string? county, string? deadline, int? p, CancellationToken cancellationToken)
    {
        SeesAll = User.SeesAllDepartments();
        Filter = new VoiceItemFilter(States.Contains(state) ? state : null, string.IsNullOrWhiteSpace(category) ? null : category,
            string.IsNullOrWhiteSpace(county) ? null : county, deadline is "overdue" or "due_soon" ? deadline : null, Page: Math.Max(1, p ?? 1), PageSize: PageSize);
        Categories = await labels.CategoriesAsync(cancellationToken);
        Counties = await labels.CountiesAsync(cancellationToken);
        Result = await work.ListAsync(Filter, User, cancellationToken);
    }

    public bool HasNextPage => Result.Page * Result.PageSize < Result.Total;

    public string Link(int page)
    {
        var query = new List<string>();
        void Add(string name, string? value)
        {
            if (!string.IsNullOrEmpty(value))
            {
                query.Add($"{name}={Uri.EscapeDataString(value)}");
            }
        }

        Add("state", Filter.State);
        Add("category", Filter.Category);
        Add("county", Filter.County);
        Add("deadline", Filter.Deadline);
        query.Add($"p={page}");
        return "/voice/inbox?" + string.Join("&", query);
    }
}
