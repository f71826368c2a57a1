using QualityCity.Domain.PublicVoice;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.ReferenceData.Contracts;

namespace QualityCity.Web.Modules.PublicVoice;

/// <summary>
/// Which deadline an item is under after each step, on the official calendar (VOX-4): a complaint
/// waits for its acceptance decision (7 working days), any other item for dispatch (half a working
/// day); a dispatched item for its answer; a returned one for redispatch. Answered and final items
/// have none.
/// </summary>
public static class VoiceSchedule
{
    /// <summary>The deadlines on the stored calendar with the rules in force (<see cref="VoiceDeadlineOptions"/>).</summary>
    public static async Task<VoiceDeadlines> LoadAsync(QualityCityDbContext db, VoiceDeadlineRules rules, CancellationToken cancellationToken) =>
        new(await WorkingCalendar.LoadAsync(db, cancellationToken), rules);

    /// <summary>The deadline when an item is received.</summary>
    public static (string Step, VoiceDeadline Deadline) OnReceipt(VoiceDeadlines deadlines, VoiceItemKind kind, DateTimeOffset received) =>
        kind == VoiceItemKind.Complaint ? ("acceptance", deadlines.AcceptanceDecision(received)) : ("dispatch", deadlines.Dispatch(received));

    /// <summary>Sets the item's deadline after <paramref name="action"/> moved it to <paramref name="state"/>.</summary>
    public static void AfterAction(VoiceDeadlines deadlines, VoiceItem item, VoiceItemAction action, VoiceItemState state, DateTimeOffset now)
    {
        var kind = VoiceCodes.ParseKind(item.Kind) ?? VoiceItemKind.Complaint;
        switch (state)
        {
            case VoiceItemState.Accepted:
                Set(item, "dispatch", deadlines.Dispatch(now));
                break;
            case VoiceItemState.Dispatched:
                Set(item, "answer", deadlines.Answer(kind, now));
                break;
            case VoiceItemState.Returned:
                Set(item, "redispatch", deadlines.Redispatch(now));
                break;
            case VoiceItemState.InProgress when action == VoiceItemAction.ApproveExtension && Current(item) is { } current:
                Set(item, "answer", deadlines.ExtendedAnswer(current));
                break;
            case VoiceItemState.InProgress when action == VoiceItemAction.Rate:
                // Handled again after a dissatisfied rating: a new answer period from now.
                Set(item, "answer", deadlines.Answer(kind, now));
                break;
            case VoiceItemState.InProgress:
                break; // starting, asking for or being denied an extension keeps the answer deadline
            default:
                item.DeadlineUtc = null;
                item.DeadlineDate = null;
                item.DeadlineUnit = null;
                item.DeadlineStep = null;
                item.DeadlineProvisional = false;
                break;
        }
    }

    public static void Set(VoiceItem item, string step, VoiceDeadline deadline)
    {
        item.DeadlineStep = step;
        item.DeadlineUtc = deadline.DueAt.UtcDateTime;
        item.DeadlineDate = deadline.DueDate;
        item.DeadlineUnit = VoiceCodes.Snake(deadline.Unit.ToString());
        item.DeadlineProvisional = deadline.IsProvisional;
    }

    /// <summary>The item's stored deadline, or null when none is running.</summary>
    public static VoiceDeadline? Current(VoiceItem item) =>
        item.DeadlineUtc is { } due && item.DeadlineDate is { } date
            ? new VoiceDeadline(new DateTimeOffset(DateTime.SpecifyKind(due, DateTimeKind.Utc)).ToOffset(VoiceDeadlines.ChinaOffset), date, item.DeadlineProvisional,
                Enum.GetValues<VoicePeriodUnit>().FirstOrDefault(u => VoiceCodes.Snake(u.ToString()) == item.DeadlineUnit))
            : null;
}
