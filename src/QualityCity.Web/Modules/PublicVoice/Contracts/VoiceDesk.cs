using System.Security.Claims;

namespace QualityCity.Web.Modules.PublicVoice.Contracts;

/// <summary>What the public voice puts on a reader's home desk: escalated items to chase, surveys to answer.</summary>
/// <param name="Escalated">Items overdue and escalated (超期督办) for the reader: every one for the coordinator and the administrator, the department's for its head.</param>
/// <param name="SurveysToAnswer">Surveys the reader's enterprise was drawn for and the account has not answered yet.</param>
public sealed record VoiceDeskSummary(int Escalated, IReadOnlyList<VoiceDeskSurvey> SurveysToAnswer);

/// <summary>A survey waiting for an enterprise account's answer, and where to answer it.</summary>
public sealed record VoiceDeskSurvey(int Id, string Title, int Year, string Url);

/// <summary>The public voice's part of the home desks; the PublicVoice module implements it.</summary>
public interface IVoiceDesk
{
    Task<VoiceDeskSummary> ForAsync(ClaimsPrincipal user, CancellationToken cancellationToken);
}
