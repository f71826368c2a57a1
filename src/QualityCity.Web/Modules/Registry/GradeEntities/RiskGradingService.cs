using System.Collections.Concurrent;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.Planning;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Audit.Contracts;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Modules.Registry.GradeEntities;

/// <summary>A stored reason, as the entity page and the API show it.</summary>
public sealed record StoredRiskReason(string Grade, string Rule, string Text, string TextEn);

/// <summary>
/// Applies the INS-3 rules (<see cref="RiskGrading"/>) to the registry and stores each grade with its
/// reasons, so an enterprise can see why it is red. Facts come from the registry (credit class,
/// abnormal operations list, hazardous industry) and from product sampling (failed samples of the
/// last twelve months, named) and public voice (complaints and reports verified in the last twelve
/// months, named); penalties join them when that module records them.
/// </summary>
public sealed class RiskGradingService(QualityCityDbContext db, IAuditTrail auditLog, PlatformClock clock, IFailedSamples failedSamples,
    IVerifiedComplaints verifiedComplaints) : IRiskGrading
{
    /// <summary>Industry divisions graded as hazardous by default: petroleum and coal processing (25), chemicals (26).</summary>
    public static readonly IReadOnlySet<string> HazardousDivisions = new HashSet<string>(StringComparer.Ordinal) { "25", "26" };

    private static readonly RiskRules Rules = new();

    /// <summary>Re-grades every entity; returns how many grades or reasons changed. Pages through the registry by id.</summary>
    public async Task<int> RegradeAllAsync(string actor, CancellationToken cancellationToken = default)
    {
        const int page = 5000;
        long after = 0;
        var changed = 0;
        db.AuditChanges = false; // one summary entry below instead of one per row
        var failed = await FailedSamplesAsync(null, cancellationToken);
        var complaints = await VerifiedComplaintsAsync(null, cancellationToken);
        try
        {
            while (true)
            {
                var batch = await db.MarketEntities.Where(e => e.Id > after).OrderBy(e => e.Id).Take(page).ToListAsync(cancellationToken);
                if (batch.Count == 0)
                {
                    break;
                }

                foreach (var entity in batch)
                {
                    var before = entity.RiskGrade;
                    if (Regrade(entity, failed.GetValueOrDefault(entity.CreditCode), complaints.GetValueOrDefault(entity.CreditCode)))
                    {
                        changed++;
                        RecordChange(entity, before, GradeChangeKinds.Rules, null, actor);
                    }
                }

                await db.SaveChangesAsync(cancellationToken);
                db.ChangeTracker.Clear();
                after = batch[^1].Id;
            }
        }
        finally
        {
            db.AuditChanges = true;
        }

        await auditLog.AppendAsync(db, actor, [new AuditDraft("risk.regrade", "MarketEntity:*", string.Empty, $"{{\"changed\":{changed}}}")], cancellationToken);
        return changed;
    }

    /// <summary>
    /// Sets or clears a manual grade (audited with before and after through the normal save) and
    /// notes it in the grade's history. <paramref name="save"/> false leaves the saving to a caller
    /// that changes more in the same save (an objection's answer).
    /// </summary>
    public async Task<MarketEntity?> OverrideAsync(string creditCode, RiskGrade? grade, string? reason, string by, CancellationToken cancellationToken,
        string kind = GradeChangeKinds.Override, bool save = true)
    {
        var entity = await db.MarketEntities.FirstOrDefaultAsync(e => e.CreditCode == creditCode, cancellationToken);
        if (entity is null)
        {
            return null;
        }

        var before = entity.RiskGrade;
        entity.RiskOverrideGrade = grade?.ToString().ToLowerInvariant();
        entity.RiskOverrideReason = grade is null ? null : reason!.Trim();
        entity.RiskOverrideBy = grade is null ? null : by;
        Regrade(entity, (await FailedSamplesAsync(creditCode, cancellationToken)).GetValueOrDefault(creditCode),
            (await VerifiedComplaintsAsync(creditCode, cancellationToken)).GetValueOrDefault(creditCode));
        // A person's decision is history even when the grade stays the same: the reason changed.
        RecordChange(entity, before, grade is null ? GradeChangeKinds.OverrideLifted : kind, entity.RiskOverrideReason, by);
        if (save)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return entity;
    }

    private void RecordChange(MarketEntity entity, string? before, string kind, string? reason, string by)
    {
        if (kind == GradeChangeKinds.Rules && (before is null || before == entity.RiskGrade))
        {
            return; // a first grade is the starting point, and a change of reasons alone is not a change of grade
        }

        db.GradeChanges.Add(new GradeChange
        {
            CreditCode = entity.CreditCode, FromGrade = before, ToGrade = entity.RiskGrade ?? RiskGrades.Green, Kind = kind, Reason = reason, By = by, AtUtc = clock.UtcNow,
        });
    }

    /// <summary>
    /// Registry-only facts take few distinct values (credit class × list × hazard), so their outcome
    /// is computed once per combination: the import grades a million rows without re-serialising.
    /// </summary>
    private static readonly ConcurrentDictionary<(string? CreditClass, bool Abnormal, bool Hazardous), (string Grade, string Reasons)> RegistryOnly = new();

    /// <summary>Re-grades one entity after its sampling record changed (QLT-5: a failed sample raises the grade, naming the sample).</summary>
    public async Task RegradeAsync(string creditCode, CancellationToken cancellationToken)
    {
        var entity = await db.MarketEntities.FirstOrDefaultAsync(e => e.CreditCode == creditCode, cancellationToken);
        var before = entity?.RiskGrade;
        if (entity is not null && Regrade(entity, (await FailedSamplesAsync(creditCode, cancellationToken)).GetValueOrDefault(creditCode),
                (await VerifiedComplaintsAsync(creditCode, cancellationToken)).GetValueOrDefault(creditCode)))
        {
            RecordChange(entity, before, GradeChangeKinds.Rules, null, db.Actor);
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>The failed samples of the last twelve months by producer (one producer, or all).</summary>
    private Task<Dictionary<string, IReadOnlyList<string>>> FailedSamplesAsync(string? creditCode, CancellationToken cancellationToken) =>
        failedSamples.ByProducerAsync(clock.Today.AddMonths(-12), creditCode, cancellationToken);

    /// <summary>The complaints verified in the last twelve months by enterprise (one, or all), as the reasons name them.</summary>
    private Task<Dictionary<string, IReadOnlyList<string>>> VerifiedComplaintsAsync(string? creditCode, CancellationToken cancellationToken) =>
        verifiedComplaints.ByEnterpriseAsync(clock.Today.AddMonths(-12), creditCode, cancellationToken);

    /// <summary>Applies the rules to one entity; true when its grade or reasons changed.</summary>
    public static bool Regrade(MarketEntity entity, IReadOnlyList<string>? failedSamples = null, IReadOnlyList<string>? verifiedComplaints = null)
    {
        var division = entity.IndustryCode is { Length: >= 2 } code ? code[..2] : string.Empty;
        var hazardous = HazardousDivisions.Contains(division);
        var manual = entity.RiskOverrideGrade is { } overrideGrade && Enum.TryParse<RiskGrade>(overrideGrade, ignoreCase: true, out var parsed)
            ? new RiskOverride(parsed, entity.RiskOverrideReason ?? string.Empty, entity.RiskOverrideBy ?? string.Empty)
            : null;
        var (grade, reasons) = manual is null && failedSamples is not { Count: > 0 } && verifiedComplaints is not { Count: > 0 }
            ? RegistryOnly.GetOrAdd((entity.CreditClass, entity.OnAbnormalList, hazardous),
                key => Outcome(new RiskFacts(key.CreditClass, [], 0, 0, key.Abnormal, key.Hazardous)))
            : Outcome(new RiskFacts(entity.CreditClass, failedSamples ?? [], verifiedComplaints?.Count ?? 0, 0, entity.OnAbnormalList, hazardous, manual, verifiedComplaints));
        if (entity.RiskGrade == grade && entity.RiskReasons == reasons)
        {
            return false;
        }

        entity.RiskGrade = grade;
        entity.RiskReasons = reasons;
        return true;
    }

    private static (string Grade, string Reasons) Outcome(RiskFacts facts)
    {
        var assessment = RiskGrading.Assess(facts, Rules);
        return (assessment.Grade.ToString().ToLowerInvariant(), JsonSerializer.Serialize(assessment.Reasons.Select(r =>
            new StoredRiskReason(r.Grade.ToString().ToLowerInvariant(), r.Rule, r.Text, r.TextEn)), AuditJson.Options));
    }

    /// <summary>The stored reasons of an entity.</summary>
    public static IReadOnlyList<StoredRiskReason> ReasonsOf(MarketEntity entity) =>
        string.IsNullOrEmpty(entity.RiskReasons) ? [] : JsonSerializer.Deserialize<List<StoredRiskReason>>(entity.RiskReasons, AuditJson.Options) ?? [];
}
