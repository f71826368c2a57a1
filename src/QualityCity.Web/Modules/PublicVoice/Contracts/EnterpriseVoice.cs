namespace QualityCity.Web.Modules.PublicVoice.Contracts;

/// <summary>
/// A complaint or report about an enterprise that is still being handled, as another module may list
/// it: its tracking code, kind, category and state, never the submitter's words or contact.
/// </summary>
public sealed record EnterpriseVoiceItem(string CreditCode, string TrackingCode, string Kind, string Category, string CategoryEn, string State,
    DateOnly ReceivedOn, bool Escalated);

/// <summary>The public voice about enterprises, for the other modules (the chains' problem lists); the PublicVoice module implements it.</summary>
public interface IEnterpriseVoice
{
    /// <summary>The complaints and reports about <paramref name="creditCodes"/> not closed, rejected or merged, the newest first.</summary>
    Task<IReadOnlyList<EnterpriseVoiceItem>> OpenAboutAsync(IReadOnlyCollection<string> creditCodes, CancellationToken cancellationToken);
}
