using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
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
public sealed class InboxModel(VoiceItemWork work, VoiceLabels labels, Triage.VoiceBulkDispatch bulk) : PageModel
{
    public const int PageSize = 20;

    public VoiceItemPage Result { get; private set; } = new(0, 1, PageSize, []);
    public VoiceItemFilter Filter { get; private set; } = new();
    public IReadOnlyList<(VoiceCategory Category, bool IsChild)> Categories { get; private set; } = [];
    public IReadOnlyList<(string Code, string Name)> Counties { get; private set; } = [];
    public bool SeesAll { get; private set; }

    /// <summary>The departments of the bulk dispatch form (coordinator and administrator).</summary>
    public IReadOnlyList<(string Code, string Name)> Departments { get; private set; } = [];

    /// <summary>What the last bulk dispatch did, or why it was refused.</summary>
    public Triage.VoiceBulkDispatchResult? Bulk { get; private set; }

    public string? BulkError { get; private set; }

    public static readonly IReadOnlyList<string> States =
        ["received", "accepted", "dispatched", "returned", "in_progress", "answered", "followed_up", "closed", "rejected", "merged"];

    public async Task OnGetAsync(string? state, string? category, string? county, string? deadline, int? p, string? urgent, CancellationToken cancellationToken)
    {
        SeesAll = User.SeesAllDepartments();
        Filter = new VoiceItemFilter(States.Contains(state) ? state : null, string.IsNullOrWhiteSpace(category) ? null : category,
            string.IsNullOrWhiteSpace(county) ? null : county, deadline is "overdue" or "due_soon" ? deadline : null, Page: Math.Max(1, p ?? 1), PageSize: PageSize)
        {
            Urgent = urgent == "true" ? true : null,
        };
        Departments = SeesAll ? await labels.DepartmentsAsync(cancellationToken) : [];
        Categories = await labels.CategoriesAsync(cancellationToken);
        Counties = await labels.CountiesAsync(cancellationToken);
        Result = await work.ListAsync(Filter, User, cancellationToken);
    }

    /// <summary>
    /// Dispatches the ticked items to one department, each through the workflow (the coordinator
    /// and the administrator only); the list is shown again with the filters it was ticked in.
    /// </summary>
    public async Task<IActionResult> OnPostBulkDispatchAsync([FromForm] string[]? codes, [FromForm] string? department, string? state, string? category,
        string? county, string? deadline, int? p, string? urgent, CancellationToken cancellationToken)
    {
        if (!User.SeesAllDepartments())
        {
            return Forbid();
        }

        var result = await bulk.DispatchAsync(new Triage.VoiceBulkDispatchRequest(codes ?? [], department), User, cancellationToken);
        if (result.Value is Triage.VoiceBulkDispatchResult done)
        {
            Bulk = done;
        }
        else
        {
            BulkError = result.Describe(labels.Text);
            Response.StatusCode = result.Status;
        }

        await OnGetAsync(state, category, county, deadline, p, urgent, cancellationToken);
        return Page();
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
        Add("urgent", Filter.Urgent == true ? "true" : null);
        query.Add($"p={page}");
        return "/voice/inbox?" + string.Join("&", query);
    }
}
