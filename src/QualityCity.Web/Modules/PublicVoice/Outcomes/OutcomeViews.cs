namespace QualityCity.Web.Modules.PublicVoice.Outcomes;

/// <summary>The department forwards a complaint or report to the enterprise concerned, with what it asks of it.</summary>
public sealed record ForwardRequest(string? Note);

/// <summary>A forward as the staff see it: to whom, when, and the enterprise's statement once given.</summary>
public sealed record StaffForwardView(long Id, string CreditCode, string? Department, string? Note, string ForwardedBy, DateTime ForwardedAtUtc, string? Reply,
    string? RepliedBy, DateTime? RepliedAtUtc);

/// <summary>A line of the enterprise's list of complaints forwarded to it; no tracking code, no contact.</summary>
public sealed record EnterpriseVoiceRow(long Id, string Kind, string KindName, string CategoryName, DateTime ReceivedAtUtc, DateTime ForwardedAtUtc,
    string StateName, bool Replied);

/// <summary>
/// A forwarded complaint as the enterprise sees it: what was reported (contact details written into
/// the text masked), the department's note, the public answer and its own statement — never the
/// tracking code, the reporter, the photos or the place the reporter gave beyond the category.
/// </summary>
public sealed record EnterpriseVoiceView(long Id, string Kind, string KindName, string CategoryName, DateTime ReceivedAtUtc, DateTime ForwardedAtUtc,
    string? DepartmentName, string? Note, string Description, string StateName, string? PublicAnswer, string? Reply, DateTime? RepliedAtUtc);

/// <summary>The enterprise's statement on a complaint forwarded to it (once).</summary>
public sealed record EnterpriseReplyRequest(string? Reply);

/// <summary>Marks an item as a lead: kind misconduct or business_environment, who follows it up, a note.</summary>
public sealed record LeadRequest(string? Kind, string? Owner, string? Note);

/// <summary>Moves a lead on: status open, verifying or closed; owner and note optional.</summary>
public sealed record LeadUpdateRequest(string? Status, string? Owner, string? Note);

/// <summary>A line of the leads ledger (问题线索台账).</summary>
public sealed record LeadRow(long Id, string TrackingCode, string ItemKindName, string CategoryName, string CountyName, string? DepartmentName, string Kind,
    string KindName, string Owner, string Status, string StatusName, string? Note, string MarkedBy, DateTime MarkedAtUtc, DateTime UpdatedAtUtc, string Summary);

/// <summary>The policy task an adopted suggestion becomes: the owner department's code, the actions, the deadline (yyyy-MM-dd).</summary>
public sealed record PolicyTaskRequest(string? Department, string? Actions, string? Deadline);

/// <summary>
/// The answer to a suggestion: `outcome` adopted, partly_adopted, not_adopted or for_reference; a
/// public title and reason written by the staff; a policy task when adopted or partly adopted.
/// </summary>
public sealed record SuggestionDecisionRequest(string? Outcome, string? PublicTitle, string? PublicReason, PolicyTaskRequest? PolicyTask);

/// <summary>The owner moves its policy task on: status not_started, in_progress or done; actions and deadline optional.</summary>
public sealed record PolicyTaskUpdateRequest(string? Status, string? Actions, string? Deadline);

/// <summary>A policy task as the staff see it; `status` is overdue when the deadline passed before it was done, `storedStatus` what the owner last set.</summary>
public sealed record PolicyTaskView(long Id, string TrackingCode, string PublicTitle, string OwnerDepartment, string OwnerDepartmentName, string Actions,
    DateOnly Deadline, string Status, string StatusName, string StoredStatus, DateTime UpdatedAtUtc, bool Editable);

/// <summary>One milestone of a suggestion's journey: collected, assessed, converted, feedback (征集 → 研判 → 转化 → 反馈).</summary>
public sealed record SuggestionMilestone(string Step, string Name, DateOnly? Date);

/// <summary>The policy task as the public board shows it.</summary>
public sealed record PublicPolicyTask(string OwnerDepartmentName, DateOnly Deadline, string Status, string StatusName);

/// <summary>
/// An answered suggestion on the public board: category, county, date, the staff's public title, the
/// answer and its reason, the journey and the policy task — never the citizen's text or anything
/// that identifies a person.
/// </summary>
public sealed record SuggestionBoardRow(long Id, string CategoryName, string CountyName, DateOnly ReceivedDate, string PublicTitle, string Outcome,
    string OutcomeName, string PublicReason, IReadOnlyList<SuggestionMilestone> Milestones, PublicPolicyTask? PolicyTask);

/// <summary>A page of the suggestion board.</summary>
public sealed record SuggestionBoardPage(int Total, int Page, int PageSize, IReadOnlyList<SuggestionBoardRow> Suggestions);

/// <summary>The outcomes recorded on one item, for its staff page.</summary>
public sealed record ItemOutcomes(StaffForwardView? Forward, LeadRow? Lead, SuggestionBoardRow? Suggestion, PolicyTaskView? PolicyTask,
    IReadOnlyList<ConversionView> Conversions);
