using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.Development;
using QualityCity.Web.Data;

namespace QualityCity.Web.Modules.Development.Tiers;

/// <summary>A recorded title as the pages show it.</summary>
public sealed record RecognitionView(string Tier, string TierName, DateOnly RecognisedOn, DateOnly? ValidUntil, string Authority, string Document, bool IsDemo);

/// <summary>
/// An enterprise's place on the ladder: the tier computed from its data (null with <see cref="Refusal"/>
/// when its data cannot be read, or with neither when it has none), and the titles it was recognised
/// with — shown beside the computed tier, never replaced by it.
/// </summary>
public sealed record EnterpriseTier(TierCriteria? Criteria, TierOutcome? Outcome, string? Refusal, IReadOnlyList<RecognitionView> Recognitions)
{
    /// <summary>The stored values by field id, for the form that changes them.</summary>
    public IReadOnlyDictionary<string, string?> Values { get; init; } = new Dictionary<string, string?>();

    /// <summary>When and by whom the values were last given, and whether the enterprise declared them itself.</summary>
    public (DateTime AtUtc, string? By, bool SelfDeclared)? Given { get; init; }
}

/// <summary>A firm one condition short of a tier: which firm, and the condition with what it would take.</summary>
public sealed record PipelineFirm(string CreditCode, string Name, string Condition, IReadOnlyList<string> Why);

/// <summary>One tier of the bureau's pipeline: the firms that meet it as their highest, and those one condition away.</summary>
public sealed record PipelineTier(Tier Tier, int Met, IReadOnlyList<PipelineFirm> OneAway, int FurtherAway);

/// <summary>
/// The tier ladder over the stored profiles (DEV-1): one enterprise's computed tier and titles, and
/// the pipeline — how many firms are one condition from each tier, and which. The criteria are the
/// shipped file's, read once per version.
/// </summary>
public sealed class TierViews(QualityCityDbContext db, QualityCity.Web.Hosting.PlatformClock clock)
{
    /// <summary>Titles that are recorded only: no criteria compute them.</summary>
    public static readonly IReadOnlyDictionary<string, string> RecordedOnly = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["champion"] = "制造业单项冠军", ["chain_master"] = "链主企业",
    };

    private static readonly ConcurrentDictionary<string, TierCriteria> Versions = new(StringComparer.Ordinal);

    private static readonly Lazy<string> Current = new(() =>
        TierCriteria.Versions(File.ReadAllText(DevelopmentFiles.Shipped("tier_criteria.json"))).Last(v => v.Complete).Version);

    /// <summary>
    /// The criteria the pages compute by: the newest complete version of the shipped file. A version
    /// the file marks incomplete (2026: the ministry's changes are announced but not all published) is
    /// never used for a computed tier.
    /// </summary>
    public static string CurrentVersion => Current.Value;

    /// <summary>A complete version of the shipped criteria; throws <see cref="TierCriteriaException"/> for an incomplete one.</summary>
    public static TierCriteria Criteria(string version) =>
        Versions.GetOrAdd(version, v => TierCriteria.Parse(File.ReadAllText(DevelopmentFiles.Shipped("tier_criteria.json")), v));

    /// <summary>The name of a tier id: the criteria's, or a recorded-only title's.</summary>
    public static string TierName(string tier) =>
        RecordedOnly.TryGetValue(tier, out var name) ? name
        : tier == "none" ? "未达到" : Criteria(CurrentVersion).Tiers.FirstOrDefault(t => t.Id == tier)?.Name ?? tier;

    public async Task<EnterpriseTier> ForEnterpriseAsync(string creditCode, CancellationToken cancellationToken)
    {
        var recognitions = await db.TierRecognitions.AsNoTracking().Where(r => r.CreditCode == creditCode).OrderByDescending(r => r.RecognisedOn).ToListAsync(cancellationToken);
        var views = recognitions.Select(r => new RecognitionView(r.Tier, TierName(r.Tier), r.RecognisedOn, r.ValidUntil, r.Authority, r.Document, r.IsDemo)).ToList();
        var profile = await db.TierProfiles.AsNoTracking().FirstOrDefaultAsync(p => p.CreditCode == creditCode, cancellationToken);
        if (profile is null)
        {
            return new EnterpriseTier(null, null, null, views);
        }

        var values = JsonSerializer.Deserialize<Dictionary<string, string?>>(profile.ValuesJson) ?? [];
        var given = (profile.UpdatedAtUtc, profile.UpdatedBy, profile.SelfDeclared);
        try
        {
            var criteria = Criteria(profile.Version);
            return new EnterpriseTier(criteria, TierCheck.Check(criteria, Input(criteria, profile)), null, views) { Values = values, Given = given };
        }
        catch (TierCriteriaException ex)
        {
            return new EnterpriseTier(null, null, ex.Message, views) { Values = values, Given = given };
        }
    }

    /// <summary>
    /// Stores an enterprise's values for the criteria in force from the form, replacing what it had;
    /// refused naming the field whose value cannot be read. Values the enterprise gives itself are kept
    /// marked as self-declared until an official saves them.
    /// </summary>
    public async Task<Commissioners.ServiceChange> SaveProfileAsync(string creditCode, IReadOnlyDictionary<string, string?> given, string actor, bool selfDeclared,
        CancellationToken cancellationToken)
    {
        var criteria = Criteria(CurrentVersion);
        var values = criteria.Fields.Keys.ToDictionary(id => id, id => given.GetValueOrDefault(id)?.Trim() ?? string.Empty, StringComparer.Ordinal);
        var tooLong = values.FirstOrDefault(v => v.Value.Length > 100);
        if (tooLong.Key is not null)
        {
            return Commissioners.ServiceChange.Refused(tooLong.Key, "最多 100 个字符 — at most 100 characters");
        }

        try
        {
            TierInput.Read(criteria, values.ToDictionary(v => v.Key, v => (string?)v.Value, StringComparer.Ordinal));
        }
        catch (TierCriteriaException ex)
        {
            return Commissioners.ServiceChange.Refused(ex.Key, ex.Reason);
        }

        var json = JsonSerializer.Serialize(values);
        var profile = await db.TierProfiles.FirstOrDefaultAsync(p => p.CreditCode == creditCode, cancellationToken);
        if (profile is null)
        {
            db.TierProfiles.Add(new TierProfile
            {
                CreditCode = creditCode, Version = criteria.Version, ValuesJson = json, UpdatedAtUtc = clock.UtcNow, UpdatedBy = actor, SelfDeclared = selfDeclared,
            });
        }
        else
        {
            (profile.Version, profile.ValuesJson, profile.UpdatedAtUtc, profile.UpdatedBy, profile.SelfDeclared) = (criteria.Version, json, clock.UtcNow, actor, selfDeclared);
        }

        await db.SaveChangesAsync(cancellationToken);
        return Commissioners.ServiceChange.Ok;
    }

    /// <summary>The titles that may be recorded: the criteria's tiers and the recorded-only ones.</summary>
    public static IReadOnlyList<string> RecordableTiers => [.. Criteria(CurrentVersion).Tiers.Select(t => t.Id), .. RecordedOnly.Keys];

    /// <summary>Records a recognition; refused naming the field when a value is missing or out of place.</summary>
    public async Task<Commissioners.ServiceChange> RecordAsync(string creditCode, string? tier, DateOnly? recognisedOn, DateOnly? validUntil, string? authority,
        string? document, CancellationToken cancellationToken)
    {
        var (recognition, field, reason) = CheckRecognition(creditCode, tier, recognisedOn, validUntil, authority, document, clock.Today);
        if (recognition is null)
        {
            return Commissioners.ServiceChange.Refused(field!, reason!);
        }

        if (await db.TierRecognitions.AnyAsync(r => r.CreditCode == creditCode && r.Tier == recognition.Tier && r.RecognisedOn == recognition.RecognisedOn, cancellationToken))
        {
            return Commissioners.ServiceChange.Refused("tier", "这一认定已经记录 — this recognition is already recorded");
        }

        db.TierRecognitions.Add(recognition);
        await db.SaveChangesAsync(cancellationToken);
        return Commissioners.ServiceChange.Ok;
    }

    /// <summary>
    /// A recognition from the values given, or the first field refused and why. The title may be given
    /// by its id or by its name (创新型中小企业), as a table the bureau keeps would.
    /// </summary>
    public static (TierRecognition? Recognition, string? Field, string? Reason) CheckRecognition(string creditCode, string? tier, DateOnly? recognisedOn,
        DateOnly? validUntil, string? authority, string? document, DateOnly today)
    {
        tier = tier?.Trim();
        tier = RecordableTiers.FirstOrDefault(t => t == tier || TierName(t) == tier);
        if (tier is null)
        {
            return (null, "tier", "请选择称号 — choose a title");
        }

        if (recognisedOn is not { } day || day > today)
        {
            return (null, "recognisedOn", "认定日期必填，不晚于今天 — the date is required, not after today");
        }

        if (validUntil is { } until && until <= day)
        {
            return (null, "validUntil", "有效期应晚于认定日期 — the end of validity must be after the date");
        }

        (authority, document) = (authority?.Trim(), document?.Trim());
        if (string.IsNullOrEmpty(authority) || authority.Length > 100)
        {
            return (null, "authority", "认定机关必填，最多 100 字 — the authority is required, at most 100 characters");
        }

        if (string.IsNullOrEmpty(document) || document.Length > 100)
        {
            return (null, "document", "文号必填，最多 100 字 — the document number is required, at most 100 characters");
        }

        return (new TierRecognition
        {
            CreditCode = creditCode, Tier = tier, RecognisedOn = day, ValidUntil = validUntil, Authority = authority, Document = document,
        }, null, null);
    }

    /// <summary>Every tier of a version with the firms that meet it and those one condition short; unreadable profiles are left out.</summary>
    public async Task<IReadOnlyList<PipelineTier>> PipelineAsync(string version, CancellationToken cancellationToken)
    {
        var criteria = Criteria(version);
        var profiles = await db.TierProfiles.AsNoTracking().Where(p => p.Version == version).ToListAsync(cancellationToken);
        var outcomes = new List<(string Code, TierOutcome Outcome)>(profiles.Count);
        foreach (var profile in profiles)
        {
            try
            {
                outcomes.Add((profile.CreditCode, TierCheck.Check(criteria, Input(criteria, profile))));
            }
            catch (TierCriteriaException)
            {
                // Shown on the enterprise's own page with its reason; the pipeline counts what it can read.
            }
        }

        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var wanted = outcomes.Where(o => o.Outcome.Unmet.Count == 1).Select(o => o.Code).ToList();
        foreach (var chunk in wanted.Chunk(1000))
        {
            foreach (var e in await db.MarketEntities.AsNoTracking().Where(e => chunk.Contains(e.CreditCode)).Select(e => new { e.CreditCode, e.Name }).ToListAsync(cancellationToken))
            {
                names[e.CreditCode] = e.Name;
            }
        }

        return [.. criteria.Tiers.Select(tier =>
        {
            var next = outcomes.Where(o => o.Outcome.NextTier == tier.Id).ToList();
            var oneAway = next.Where(o => o.Outcome.Unmet.Count == 1)
                .Select(o => new PipelineFirm(o.Code, names.GetValueOrDefault(o.Code, o.Code), o.Outcome.Unmet[0].Id,
                    o.Outcome.Why.GetValueOrDefault(o.Outcome.Unmet[0].Id) ?? []))
                .OrderBy(f => f.Condition, StringComparer.Ordinal).ThenBy(f => f.CreditCode, StringComparer.Ordinal).ToList();
            return new PipelineTier(tier, outcomes.Count(o => o.Outcome.Tier == tier.Id), oneAway, next.Count - oneAway.Count);
        })];
    }

    private static TierInput Input(TierCriteria criteria, TierProfile profile)
    {
        var values = JsonSerializer.Deserialize<Dictionary<string, string?>>(profile.ValuesJson) ?? [];
        return TierInput.Read(criteria, values);
    }
}
