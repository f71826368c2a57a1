using QualityCity.Web.Modules.Audit.Contracts;

namespace QualityCity.Web.Modules.PublicVoice;

/// <summary>
/// A citizen's complaint, report, suggestion, consultation or help request (VOX-1), with where it
/// stands in the 12345 closed loop. The workflow's snapshot (<see cref="Domain.PublicVoice.VoiceItemSnapshot"/>)
/// is stored field by field, so the inbox filters and counts with plain indexed columns (ADR 0029).
/// </summary>
public sealed class VoiceItem
{
    public long Id { get; set; }

    /// <summary>The canonical tracking code (11 symbols): the submitter's only key to the item.</summary>
    public required string TrackingCode { get; set; }

    /// <summary>One of <see cref="VoiceCodes.Kinds"/>.</summary>
    public required string Kind { get; set; }

    /// <summary>How it came in: one of <see cref="VoiceChannels"/>.</summary>
    public required string Channel { get; set; }

    /// <summary>
    /// The system it came from (web, hotline, open311 …); with <see cref="ExternalId"/> it names the
    /// item in that system (the hotline's 工单编号), unique together so a second import finds it.
    /// </summary>
    public required string Source { get; set; }

    public string? ExternalId { get; set; }

    /// <summary>The category's code in <see cref="VoiceCategory"/>.</summary>
    public required string CategoryCode { get; set; }

    /// <summary>GB/T 2260 county code.</summary>
    public required string CountyCode { get; set; }

    public string? Township { get; set; }
    public string? Address { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }

    /// <summary>The enterprise concerned: its credit code, given or matched from the name against the registry.</summary>
    public string? CreditCode { get; set; }

    /// <summary>The enterprise's name as the submitter gave it.</summary>
    public string? EntityName { get; set; }

    public required string Description { get; set; }

    // The contact is for the staff handling the item only: never a public page, an export, the
    // audit log or a log line (ADR 0029).
    [NotInAuditLog]
    public string? ContactName { get; set; }

    [NotInAuditLog]
    public string? ContactPhone { get; set; }

    [NotInAuditLog]
    public string? ContactEmail { get; set; }

    /// <summary>The submitter gave no contact.</summary>
    public bool Anonymous { get; set; }

    /// <summary>One of the workflow's states as <see cref="VoiceCodes.StateCode"/> writes it.</summary>
    public required string State { get; set; }

    /// <summary>The department code (e.g. samr) it is dispatched to.</summary>
    public string? AssignedDepartment { get; set; }

    /// <summary>Departments that returned it, oldest first, comma-separated.</summary>
    public string ReturnedBy { get; set; } = string.Empty;

    public string? LastReason { get; set; }

    /// <summary>none / requested / approved.</summary>
    public string Extension { get; set; } = "none";

    public string? ExtensionReason { get; set; }

    /// <summary>The answer everyone may read on the tracking page.</summary>
    public string? PublicAnswer { get; set; }

    public DateTime? AnsweredAtUtc { get; set; }

    /// <summary>call / visit.</summary>
    public string? FollowUpMethod { get; set; }

    public string? FollowUpBy { get; set; }
    public string? FollowUpResult { get; set; }

    /// <summary>satisfied / basically_satisfied / dissatisfied.</summary>
    public string? Rating { get; set; }

    public DateTime? RatedAtUtc { get; set; }

    /// <summary>Times a dissatisfied rating sent it back (0 or 1).</summary>
    public int ReopenCount { get; set; }

    /// <summary>The tracking code of the item this one duplicates (并单), once merged.</summary>
    public string? MergedInto { get; set; }

    public DateTime ReceivedAtUtc { get; set; }

    /// <summary>The current step's deadline: the last instant on time; null when no step is due (answered, final).</summary>
    public DateTime? DeadlineUtc { get; set; }

    /// <summary>The deadline's last day in China (what a day-counted deadline shows).</summary>
    public DateOnly? DeadlineDate { get; set; }

    /// <summary>How the deadline was counted (working_time / working_days / calendar_days).</summary>
    public string? DeadlineUnit { get; set; }

    /// <summary>What the deadline is for: acceptance / dispatch / redispatch / answer.</summary>
    public string? DeadlineStep { get; set; }

    /// <summary>Counted through a year whose official holidays are not loaded yet (暂定).</summary>
    public bool DeadlineProvisional { get; set; }

    public bool Urgent { get; set; }

    /// <summary>Synthetic demo data.</summary>
    public bool IsDemo { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    /// <summary>The code of the QR poster (<see cref="VoicePoster"/>) the submitter scanned, when it came in by one.</summary>
    public string? PosterCode { get; set; }

    /// <summary>The deadline a due-soon warning (预警) was raised for: each deadline is warned about once (VOX-4).</summary>
    public DateTime? WarnedDeadlineUtc { get; set; }

    /// <summary>The deadline an overdue escalation (超期督办) was raised for; the item is escalated while it equals <see cref="DeadlineUtc"/>.</summary>
    public DateTime? EscalatedDeadlineUtc { get; set; }
}

/// <summary>One step of an item's timeline; never the contact.</summary>
public sealed class VoiceItemEvent
{
    public long Id { get; set; }
    public long ItemId { get; set; }

    /// <summary>The item's county: the partition the step lives in with its item on PostgreSQL (ADR 0052).</summary>
    public required string CountyCode { get; set; }

    public DateTime AtUtc { get; set; }

    /// <summary>The account that acted, or "submitter"/"public" for the citizen.</summary>
    public required string Actor { get; set; }

    /// <summary>submit, or one of the workflow's actions as <see cref="VoiceCodes.ActionCode"/> writes it.</summary>
    public required string Action { get; set; }

    public string? FromState { get; set; }
    public required string ToState { get; set; }
    public string? Department { get; set; }

    /// <summary>The reason, the answer or the follow-up result given with the step.</summary>
    public string? Note { get; set; }
}

/// <summary>A photo sent with an item, checked by its bytes (JPEG, PNG, WebP) and kept in the database.</summary>
public sealed class VoicePhoto
{
    public long Id { get; set; }
    public long ItemId { get; set; }

    /// <summary>The item's county: the partition the photo lives in with its item on PostgreSQL (ADR 0052).</summary>
    public required string CountyCode { get; set; }

    public required string ContentType { get; set; }
    public long Size { get; set; }
    public required string Sha256 { get; set; }

    [NotInAuditLog]
    public required byte[] Content { get; set; }

    public DateTime UploadedAtUtc { get; set; }
}

/// <summary>A node of the configurable category tree (食品安全 → 餐饮服务 …).</summary>
public sealed class VoiceCategory
{
    public required string Code { get; set; }
    public string? ParentCode { get; set; }
    public required string Name { get; set; }
    public required string NameEn { get; set; }

    /// <summary>The department an item of this category usually goes to (a suggestion for dispatch).</summary>
    public string? DefaultDepartment { get; set; }

    public int Sort { get; set; }
}

/// <summary>The channels an item comes in by.</summary>
public static class VoiceChannels
{
    public const string Web = "web";
    public const string Poster = "poster";
    public const string Open311 = "open311";
    public const string Hotline = "hotline";
    public const string Api = "api";

    public static readonly IReadOnlyList<string> All = [Web, Poster, Open311, Hotline, Api];
}

/// <summary>
/// A key an Open311 client sends as <c>api_key</c> to create requests (ADR 0030). Only the SHA-256 of
/// the key is kept: the key itself is shown once, when it is made, and cannot be read back.
/// </summary>
public sealed class Open311ApiKey
{
    public long Id { get; set; }

    /// <summary>Who the key is for (an app, a partner's system), as the administrator named it.</summary>
    public required string Name { get; set; }

    /// <summary>Lower-case hex SHA-256 of the key; a request's key is found by this hash.</summary>
    [NotInAuditLog]
    public required string KeyHash { get; set; }

    public DateTime CreatedAtUtc { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime? RevokedAtUtc { get; set; }
    public string? RevokedBy { get; set; }
    public DateTime? LastUsedAtUtc { get; set; }
}

/// <summary>What an Open311 request brought beyond the item itself: its key, media link, address id and attribute values.</summary>
public sealed class Open311Request
{
    /// <summary>The item created for the request (one row per item that came in over Open311).</summary>
    public long ItemId { get; set; }

    public long? ApiKeyId { get; set; }

    /// <summary>The client's <c>media_url</c>, kept as a link and never fetched.</summary>
    public string? MediaUrl { get; set; }

    public string? AddressId { get; set; }

    /// <summary>The service definition's attribute values as a JSON object, code → list of values.</summary>
    public string? Attributes { get; set; }
}

/// <summary>
/// A routing rule (category × county × the enterprise's industry → department), kept by the
/// administrator. Patterns as <see cref="Domain.PublicVoice.RoutingRule"/> reads them: "*" any, "x*" a
/// prefix, else exact. A specific rule wins over the classifier; a fallback rule (the category's usual
/// department, as seeded) only applies when the classifier is not sure.
/// </summary>
public sealed class VoiceRoutingRule
{
    public long Id { get; set; }

    /// <summary>Rules are tried in this order (then by id); the first match wins.</summary>
    public int Sort { get; set; }

    /// <summary>What the rule is for, shown as the suggestion's reason.</summary>
    public required string Name { get; set; }

    public string Category { get; set; } = "*";
    public string CountyCode { get; set; } = "*";

    /// <summary>GB/T 4754 industry code pattern of the enterprise concerned (e.g. 62* for catering).</summary>
    public string Industry { get; set; } = "*";

    public required string Department { get; set; }

    /// <summary>Applies only after the classifier (the category's usual department).</summary>
    public bool Fallback { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>A routing classifier trained on the bureau's past dispatches, with what it was trained on and how well it did on held-out orders.</summary>
public sealed class VoiceRoutingModel
{
    public long Id { get; set; }
    public DateTime TrainedAtUtc { get; set; }

    /// <summary>Who asked for it: an account, or "nightly".</summary>
    public required string TrainedBy { get; set; }

    /// <summary>Items with a final dispatch department, all used for the stored model.</summary>
    public int Samples { get; set; }

    /// <summary>The deterministic share held out to measure the accuracy (by the tracking code's hash).</summary>
    public int HeldOut { get; set; }

    /// <summary>Accuracy on the held-out items of a model trained on the others; null when too few to hold out.</summary>
    public double? HeldOutAccuracy { get; set; }

    public int Departments { get; set; }

    /// <summary><see cref="Domain.PublicVoice.RoutingClassifier.ToJson"/>.</summary>
    [NotInAuditLog]
    public required string Model { get; set; }
}

/// <summary>
/// A QR poster (码上反映): where it hangs — a place (county, township, address), a department or an
/// enterprise — and the short code its QR and printed address carry, <c>/voice/p/{Code}</c>, which
/// opens the public form pre-filled and tells the intake which poster it came from.
/// </summary>
public sealed class VoicePoster
{
    public long Id { get; set; }

    /// <summary>Eight symbols of the tracking-code alphabet, random: printed under the QR for typing.</summary>
    public required string Code { get; set; }

    /// <summary>place / department / enterprise.</summary>
    public required string Target { get; set; }

    /// <summary>What the poster is for, canonical (target|county|township|address|department|credit code): one poster per target.</summary>
    public required string TargetKey { get; set; }

    public string? CountyCode { get; set; }
    public string? Township { get; set; }
    public string? Address { get; set; }

    /// <summary>The department code, for a department's poster.</summary>
    public string? DepartmentCode { get; set; }

    /// <summary>The enterprise's credit code, for an enterprise's poster.</summary>
    public string? CreditCode { get; set; }

    /// <summary>The category the form starts with, if any.</summary>
    public string? CategoryCode { get; set; }

    public required string CreatedBy { get; set; }
    public DateTime CreatedAtUtc { get; set; }
}

/// <summary>
/// The business-environment satisfaction survey (营商环境满意度测评, VOX-7): questions about
/// departments, sent to a sample of enterprises drawn with QC-DRAW-1. The pool is committed (its
/// digest published) before the seed is known; the seed and the drawn tickets are published after,
/// so anyone can recompute the sample (ADR 0034).
/// </summary>
public sealed class VoiceSurvey
{
    public int Id { get; set; }
    public required string Title { get; set; }
    public int Year { get; set; }

    /// <summary>The question texts as a JSON array of strings, in their order.</summary>
    public required string QuestionsJson { get; set; }

    /// <summary>The department codes rated, as a JSON array of strings, in their order.</summary>
    public required string DepartmentsJson { get; set; }

    /// <summary>How many enterprises the draw takes.</summary>
    public int SampleSize { get; set; }

    /// <summary>The pool file exactly as published: credit codes sorted ordinally, joined by "\n".</summary>
    public required string PoolFile { get; set; }

    /// <summary>SHA-256 of <see cref="PoolFile"/>, published with the commitment before the seed.</summary>
    public required string PoolDigest { get; set; }

    public int PoolSize { get; set; }

    /// <summary>committed → drawn (the seed entered, the sample taken) → closed.</summary>
    public string Status { get; set; } = VoiceSurveyStatus.Committed;

    public string? Seed { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CommittedAtUtc { get; set; }
    public DateTime? DrawnAtUtc { get; set; }
    public string? DrawnBy { get; set; }
}

/// <summary>The life of a survey.</summary>
public static class VoiceSurveyStatus
{
    public const string Committed = "committed";
    public const string Drawn = "drawn";
    public const string Closed = "closed";
}

/// <summary>An enterprise drawn into a survey's sample, with the ticket that placed it.</summary>
public sealed class VoiceSurveySample
{
    public long Id { get; set; }
    public int SurveyId { get; set; }
    public required string CreditCode { get; set; }
    public required string Ticket { get; set; }

    /// <summary>Its place in the draw (1 = lowest ticket).</summary>
    public int Rank { get; set; }
}

/// <summary>
/// That an enterprise account has answered a survey: one per account (unique). It names the account
/// and the enterprise, so it is kept apart from the scores, which do not point back to it.
/// </summary>
public sealed class VoiceSurveyResponse
{
    public long Id { get; set; }
    public int SurveyId { get; set; }
    public required string UserName { get; set; }
    public required string CreditCode { get; set; }
    public DateTime SubmittedAtUtc { get; set; }
}

/// <summary>
/// One score (1–5) of one question about one department, without the respondent: departments read
/// only aggregates of these, never who gave them.
/// </summary>
public sealed class VoiceSurveyScore
{
    public long Id { get; set; }
    public int SurveyId { get; set; }
    public required string Department { get; set; }

    /// <summary>The question's index in the survey (0-based).</summary>
    public int Question { get; set; }

    public int Score { get; set; }
}

/// <summary>
/// A complaint or report the handling department forwarded to the enterprise concerned (VOX-5):
/// the enterprise sees what was reported, never who reported it, and answers once with a statement
/// the department reads. Addressed by its own id, never by the tracking code, which is the
/// submitter's credential (ADR 0033).
/// </summary>
public sealed class VoiceForward
{
    public long Id { get; set; }
    public long ItemId { get; set; }

    /// <summary>The enterprise it was forwarded to (the item's credit code when forwarded).</summary>
    public required string CreditCode { get; set; }

    /// <summary>The department that forwarded it.</summary>
    public string? Department { get; set; }

    /// <summary>What the department asks of the enterprise (optional).</summary>
    public string? Note { get; set; }

    public required string ForwardedBy { get; set; }
    public DateTime ForwardedAtUtc { get; set; }

    /// <summary>The enterprise's statement; set once.</summary>
    public string? Reply { get; set; }

    public string? RepliedBy { get; set; }
    public DateTime? RepliedAtUtc { get; set; }
}

/// <summary>
/// An item marked as a lead (问题线索, VOX-8): misconduct or a business-environment problem, with who
/// follows it up and where it stands. Only the coordinator and the administrator see the ledger.
/// </summary>
public sealed class VoiceLead
{
    public long Id { get; set; }
    public long ItemId { get; set; }

    /// <summary>misconduct / business_environment.</summary>
    public required string Kind { get; set; }

    /// <summary>Who follows it up (a person or a unit, free text).</summary>
    public required string Owner { get; set; }

    /// <summary>open / verifying / closed.</summary>
    public required string Status { get; set; }

    public string? Note { get; set; }
    public required string MarkedBy { get; set; }
    public DateTime MarkedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>
/// The answer to a suggestion (VOX-5): 采纳 / 部分采纳 / 不予采纳 / 留作参考 with a public reason and a
/// staff-written public title, so that the suggestion board never shows the citizen's own words.
/// </summary>
public sealed class VoiceSuggestionOutcome
{
    public long Id { get; set; }
    public long ItemId { get; set; }

    /// <summary>adopted / partly_adopted / not_adopted / for_reference.</summary>
    public required string Outcome { get; set; }

    /// <summary>A title written by the staff for the public board (not the citizen's text).</summary>
    public required string PublicTitle { get; set; }

    public required string PublicReason { get; set; }
    public required string DecidedBy { get; set; }
    public DateTime DecidedAtUtc { get; set; }
}

/// <summary>An adopted (or partly adopted) suggestion made into work: owner department, actions, deadline, status; edited by its owner.</summary>
public sealed class VoicePolicyTask
{
    public long Id { get; set; }
    public long ItemId { get; set; }

    /// <summary>The owner department's code.</summary>
    public required string OwnerDepartment { get; set; }

    public required string Actions { get; set; }
    public DateOnly Deadline { get; set; }

    /// <summary>not_started / in_progress / done; overdue is read from the deadline.</summary>
    public required string Status { get; set; }

    public DateTime CreatedAtUtc { get; set; }
    public DateTime UpdatedAtUtc { get; set; }
    public DateTime? DoneAtUtc { get; set; }
}

/// <summary>
/// What a complaint or report was turned into (VOX-5): verified (counts for the enterprise's risk
/// grade), a case-triggered inspection in the planning log, or a sampling lead for product quality;
/// once each per item, with the other module's id as the reference.
/// </summary>
public sealed class VoiceConversion
{
    public long Id { get; set; }
    public long ItemId { get; set; }

    /// <summary>verified / case_inspection / sampling_lead.</summary>
    public required string Kind { get; set; }

    /// <summary>The enterprise concerned when converted.</summary>
    public required string CreditCode { get; set; }

    /// <summary>The case inspection's or the sampling lead's id in its module; null for verified.</summary>
    public string? Reference { get; set; }

    public string? Note { get; set; }
    public required string By { get; set; }
    public DateTime AtUtc { get; set; }
}
