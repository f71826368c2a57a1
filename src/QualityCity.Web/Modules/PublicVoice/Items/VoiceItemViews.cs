namespace QualityCity.Web.Modules.PublicVoice.Items;

/// <summary>A deadline as shown: the last instant on time (China time), its day, whether provisional (暂定) and where it stands now.</summary>
/// <param name="Step">acceptance, dispatch, redispatch or answer.</param>
/// <param name="Status">on_time, due_soon or overdue.</param>
public sealed record VoiceDeadlineView(string Step, DateTimeOffset DueAt, DateOnly DueDate, string Unit, bool Provisional, string Status);

/// <summary>The contact, for the staff handling the item only.</summary>
public sealed record VoiceContactView(string? Name, string? Phone, string? Email);

/// <summary>One step of the timeline.</summary>
public sealed record VoiceEventView(DateTime AtUtc, string Actor, string Action, string? FromState, string ToState, string? Department, string? Note);

/// <summary>An item as the staff API and the item page show it.</summary>
/// <param name="Contact">Null unless the reader is the coordinator, the administrator or the department it is dispatched to, or when anonymous.</param>
/// <param name="Photos">The addresses of the item's photos (for the same readers as the item).</param>
/// <param name="AvailableActions">The actions the reader may take now (the workflow's codes).</param>
public sealed record VoiceItemView(string TrackingCode, string Kind, string Channel, string Source, string? ExternalId, string Category, string CategoryName,
    string County, string CountyName, string? Township, string? Address, double? Latitude, double? Longitude, string? CreditCode, string? EntityName,
    string Description, bool Anonymous, VoiceContactView? Contact, string State, string StateName, string? Department, string? DepartmentName,
    string Extension, string? ExtensionReason, string? LastReason, string? PublicAnswer, DateTime? AnsweredAtUtc, string? Rating, int ReopenCount,
    string? MergedInto, DateTime ReceivedAtUtc, VoiceDeadlineView? Deadline, bool Urgent, IReadOnlyList<string> Photos, IReadOnlyList<string> AvailableActions,
    IReadOnlyList<VoiceEventView> Timeline)
{
    /// <summary>Other items probably about the same problem at the same place (same county, within the window), best first; suggestions only.</summary>
    public IReadOnlyList<Triage.VoiceDuplicateView> DuplicateCandidates { get; init; } = [];

    /// <summary>The department suggested for dispatch and why (rule, classifier or the category's usual department).</summary>
    public Triage.VoiceDepartmentSuggestion? SuggestedDepartment { get; init; }

    /// <summary>The items merged into this one (并单), which share its answer.</summary>
    public IReadOnlyList<string> MergedItems { get; init; } = [];
}

/// <summary>A line of the inbox.</summary>
public sealed record VoiceItemRow(string TrackingCode, string Kind, string Category, string CategoryName, string County, string CountyName, string State,
    string StateName, string? Department, string? DepartmentName, DateTime ReceivedAtUtc, VoiceDeadlineView? Deadline, bool Urgent, string Summary);

/// <summary>A page of the inbox.</summary>
public sealed record VoiceItemPage(int Total, int Page, int PageSize, IReadOnlyList<VoiceItemRow> Items);

/// <summary>What the tracking page and its API show: never the contact, the description or who wrote it.</summary>
public sealed record VoiceTrackingView(string TrackingCode, string Kind, string KindName, string Category, string CategoryName, string State, string StateName,
    DateTime ReceivedAtUtc, VoiceDeadlineView? Deadline, string? PublicAnswer, DateTime? AnsweredAtUtc, string? Rating, bool CanRate);

/// <summary>A follow-up as staff record it: call or visit, by whom (default: the signed-in account), and the result.</summary>
public sealed record VoiceFollowUpRequest(string? Method, string? By, string? Result);

/// <summary>An action on an item (the workflow's codes: accept, reject, dispatch, return, redispatch, start, request_extension, approve_extension, deny_extension, answer, record_follow_up, close_unrated, merge).</summary>
public sealed record VoiceActionRequest(string? Action, string? Reason, string? Department, string? PublicAnswer, VoiceFollowUpRequest? FollowUp,
    string? Rating, string? MergeInto);

/// <summary>The submitter's rating: satisfied, basically_satisfied or dissatisfied.</summary>
public sealed record VoiceRatingRequest(string? Rating);

/// <summary>The inbox's filters.</summary>
/// <param name="Deadline">overdue or due_soon.</param>
public sealed record VoiceItemFilter(string? State = null, string? Category = null, string? County = null, string? Deadline = null, string? Department = null,
    string? Source = null, string? ExternalId = null, int Page = 1, int PageSize = 20)
{
    /// <summary>true: urgent items only; false: the others.</summary>
    public bool? Urgent { get; init; }
}
