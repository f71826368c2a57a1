using System.Text.Json;
using QualityCity.Domain.PublicVoice;

namespace QualityCity.Web.Modules.PublicVoice;

/// <summary>
/// The stored and API spelling of the workflow's enums: lower snake case of their names
/// (in_progress, request_extension), and the five kinds as the issue names them (help for a help request).
/// </summary>
public static class VoiceCodes
{
    public static readonly IReadOnlyList<string> Kinds = ["complaint", "report", "suggestion", "consultation", "help"];

    public static string KindCode(VoiceItemKind kind) => kind == VoiceItemKind.HelpRequest ? "help" : Snake(kind.ToString());

    public static VoiceItemKind? ParseKind(string? code) => code?.Trim().ToLowerInvariant() switch
    {
        "complaint" => VoiceItemKind.Complaint,
        "report" => VoiceItemKind.Report,
        "suggestion" => VoiceItemKind.Suggestion,
        "consultation" => VoiceItemKind.Consultation,
        "help" => VoiceItemKind.HelpRequest,
        _ => null,
    };

    public static string StateCode(VoiceItemState state) => Snake(state.ToString());

    public static VoiceItemState ParseState(string code) => Parse<VoiceItemState>(code) ?? throw new InvalidOperationException($"unknown state '{code}'");

    public static VoiceItemState? TryParseState(string? code) => Parse<VoiceItemState>(code);

    public static string ActionCode(VoiceItemAction action) => Snake(action.ToString());

    public static VoiceItemAction? ParseAction(string? code) => Parse<VoiceItemAction>(code);

    public static string RatingCode(SatisfactionRating rating) => Snake(rating.ToString());

    public static SatisfactionRating? ParseRating(string? code) => Parse<SatisfactionRating>(code);

    public static string Snake(string name) => JsonNamingPolicy.SnakeCaseLower.ConvertName(name);

    /// <summary>The enum value whose snake-case name is <paramref name="code"/>; numbers are not names.</summary>
    private static T? Parse<T>(string? code) where T : struct, Enum
    {
        var key = code?.Trim().ToLowerInvariant();
        return Enum.GetValues<T>().Where(v => Snake(v.ToString()) == key).Select(v => (T?)v).FirstOrDefault();
    }
}
