using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.PublicVoice;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Modules.PublicVoice.Outcomes;

/// <summary>
/// The verified complaints and reports the risk grade counts (two in twelve months make an enterprise
/// yellow, INS-3). Each is named in the reason by the first group of its tracking code only: the
/// enterprise reads its own grade's reasons, and the whole code is the submitter's key (ADR 0033).
/// </summary>
internal sealed class VerifiedComplaints(QualityCityDbContext db) : IVerifiedComplaints
{
    public async Task<Dictionary<string, IReadOnlyList<string>>> ByEnterpriseAsync(DateOnly since, string? creditCode, CancellationToken cancellationToken)
    {
        // The day starts in China: 00:00 China time is 16:00 UTC the day before.
        var start = since.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc).AddHours(-8);
        var query = from c in db.VoiceConversions.AsNoTracking()
                    join i in db.VoiceItems.AsNoTracking() on c.ItemId equals i.Id
                    where c.Kind == VoiceConversionKinds.Verified && c.AtUtc >= start
                    select new { c.CreditCode, c.AtUtc, c.Id, i.TrackingCode };
        if (creditCode is not null)
        {
            query = query.Where(x => x.CreditCode == creditCode);
        }

        var rows = await query.OrderBy(x => x.AtUtc).ThenBy(x => x.Id).ToListAsync(cancellationToken);
        return rows.GroupBy(x => x.CreditCode, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.Select(x => Name(x.TrackingCode)).ToList(), StringComparer.Ordinal);
    }

    /// <summary>诉求 ABCD-····-···: enough for the staff to recognise it beside the item, not enough to track or rate it.</summary>
    public static string Name(string trackingCode) => "诉求 " + TrackingCode.Parse(trackingCode).ToString()[..4] + "-····-···";
}

/// <summary>What a complaint or report can be turned into.</summary>
public static class VoiceConversionKinds
{
    public const string Verified = "verified";
    public const string CaseInspection = "case_inspection";
    public const string SamplingLead = "sampling_lead";

    public static readonly IReadOnlyList<string> All = [Verified, CaseInspection, SamplingLead];
}
