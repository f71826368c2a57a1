namespace QualityCity.Domain.PublicVoice;

/// <summary>What a citizen's item is; the kind decides some deadlines (a consultation is answered sooner, a suggestion later).</summary>
public enum VoiceItemKind
{
    /// <summary>投诉: a consumer complaint about a dispute with a business, asking for mediation.</summary>
    Complaint,

    /// <summary>举报: a report of a suspected violation, asking the bureau to investigate.</summary>
    Report,

    /// <summary>建议: a suggestion about the bureau's work or the market.</summary>
    Suggestion,

    /// <summary>咨询: a question about rules or procedures.</summary>
    Consultation,

    /// <summary>求助: a request for help.</summary>
    HelpRequest,
}
