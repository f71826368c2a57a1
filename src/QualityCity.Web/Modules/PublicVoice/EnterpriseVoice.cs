using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.PublicVoice;
using QualityCity.Web.Data;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.PublicVoice.Contracts;

namespace QualityCity.Web.Modules.PublicVoice;

internal sealed class EnterpriseVoice(QualityCityDbContext db) : IEnterpriseVoice
{
    private static readonly string[] Kinds = ["complaint", "report"];

    private static readonly string[] Finished =
        [VoiceCodes.StateCode(VoiceItemState.Closed), VoiceCodes.StateCode(VoiceItemState.Rejected), VoiceCodes.StateCode(VoiceItemState.Merged)];

    public async Task<IReadOnlyList<EnterpriseVoiceItem>> OpenAboutAsync(IReadOnlyCollection<string> creditCodes, CancellationToken cancellationToken)
    {
        var categories = await db.VoiceCategories.AsNoTracking().ToDictionaryAsync(c => c.Code, c => (c.Name, c.NameEn), StringComparer.Ordinal, cancellationToken);
        var items = new List<EnterpriseVoiceItem>();
        foreach (var chunk in creditCodes.Distinct(StringComparer.Ordinal).Chunk(1000))
        {
            var rows = await db.VoiceItems.AsNoTracking()
                .Where(i => i.CreditCode != null && chunk.Contains(i.CreditCode) && Kinds.Contains(i.Kind) && !Finished.Contains(i.State))
                .Select(i => new { i.CreditCode, i.TrackingCode, i.Kind, i.CategoryCode, i.State, i.ReceivedAtUtc, Escalated = i.DeadlineUtc != null && i.EscalatedDeadlineUtc == i.DeadlineUtc })
                .ToListAsync(cancellationToken);
            items.AddRange(rows.Select(i =>
            {
                var (name, nameEn) = categories.GetValueOrDefault(i.CategoryCode, (i.CategoryCode, i.CategoryCode));
                return new EnterpriseVoiceItem(i.CreditCode!, i.TrackingCode, i.Kind, name, nameEn, i.State,
                    DateOnly.FromDateTime(ChinaTime.FromUtc(i.ReceivedAtUtc)), i.Escalated);
            }));
        }

        return [.. items.OrderByDescending(i => i.ReceivedOn).ThenBy(i => i.TrackingCode, StringComparer.Ordinal)];
    }
}
