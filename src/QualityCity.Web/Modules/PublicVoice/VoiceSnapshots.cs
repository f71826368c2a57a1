using QualityCity.Domain.PublicVoice;

namespace QualityCity.Web.Modules.PublicVoice;

/// <summary>The stored item as the workflow sees it, and back.</summary>
internal static class VoiceSnapshots
{
    public static VoiceItemSnapshot Of(VoiceItem item) => new()
    {
        Id = item.TrackingCode,
        State = VoiceCodes.ParseState(item.State),
        AssignedDepartment = item.AssignedDepartment,
        ReturnedBy = item.ReturnedBy.Split(',', StringSplitOptions.RemoveEmptyEntries),
        LastReason = item.LastReason,
        Extension = item.Extension switch { "requested" => ExtensionStatus.Requested, "approved" => ExtensionStatus.Approved, _ => ExtensionStatus.None },
        ExtensionReason = item.ExtensionReason,
        PublicAnswer = item.PublicAnswer,
        LastFollowUp = item.FollowUpMethod is { } method && item.FollowUpBy is { } by && item.FollowUpResult is { } result
            ? new VoiceFollowUp(method == "visit" ? FollowUpMethod.Visit : FollowUpMethod.Call, by, result)
            : null,
        Rating = VoiceCodes.ParseRating(item.Rating),
        ReopenCount = item.ReopenCount,
        MergedInto = item.MergedInto,
    };

    public static void Store(VoiceItemSnapshot snapshot, VoiceItem item)
    {
        item.State = VoiceCodes.StateCode(snapshot.State);
        item.AssignedDepartment = snapshot.AssignedDepartment;
        item.ReturnedBy = string.Join(',', snapshot.ReturnedBy);
        item.LastReason = snapshot.LastReason;
        item.Extension = VoiceCodes.Snake(snapshot.Extension.ToString());
        item.ExtensionReason = snapshot.ExtensionReason;
        item.PublicAnswer = snapshot.PublicAnswer;
        item.FollowUpMethod = snapshot.LastFollowUp is { } followUp ? VoiceCodes.Snake(followUp.Method.ToString()) : null;
        item.FollowUpBy = snapshot.LastFollowUp?.By;
        item.FollowUpResult = snapshot.LastFollowUp?.Result;
        item.Rating = snapshot.Rating is { } rating ? VoiceCodes.RatingCode(rating) : null;
        item.ReopenCount = snapshot.ReopenCount;
        item.MergedInto = snapshot.MergedInto;
    }
}
