using System.Security.Claims;
using QualityCity.Web.Modules.PublicVoice.Contracts;
using QualityCity.Web.Modules.PublicVoice.Oversight;
using QualityCity.Web.Modules.PublicVoice.Survey;

namespace QualityCity.Web.Modules.PublicVoice;

/// <summary>The public voice on the home desks: the escalated items of the coordinator or the department head, the surveys an enterprise account has to answer.</summary>
public sealed class VoiceDesk(VoiceOversight oversight, VoiceSurveys surveys) : IVoiceDesk
{
    public async Task<VoiceDeskSummary> ForAsync(ClaimsPrincipal user, CancellationToken cancellationToken) =>
        new(await oversight.EscalatedCountAsync(user, cancellationToken),
            (await surveys.OpenForAsync(user, cancellationToken)).Select(s => new VoiceDeskSurvey(s.Id, s.Title, s.Year, $"/voice/surveys/{s.Id}/answer")).ToList());
}
