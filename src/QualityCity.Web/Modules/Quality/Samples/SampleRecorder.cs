using System.Security.Claims;
using QualityCity.Web.Data;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts;
using QualityCity.Web.Modules.Inspections.RecordResults;
using QualityCity.Web.Modules.Registry.GradeEntities;

namespace QualityCity.Web.Modules.Quality.Samples;

/// <summary>
/// Records new samples (QLT-1): each is checked by <see cref="SampleValidator"/>; saving refreshes
/// the quality map's cells of the samples in the same transaction and re-grades the producers of
/// failed ones.
/// </summary>
public sealed class SampleRecorder(QualityCityDbContext db, SamplingAccess access, SampleValidator validator, RiskGradingService grading, Text text)
{
    public async Task<WorkResult> RecordAsync(SampleRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!await access.MayManageAsync(user, ct))
        {
            return WorkResult.Refused(StatusCodes.Status403Forbidden, SamplingAccess.Refusal(text));
        }

        var (sample, errors) = await validator.ValidateAsync(request, ct);
        if (sample is null)
        {
            return WorkResult.Invalid(errors);
        }

        sample.CreatedBy = user.ActorName();
        await SaveAsync([sample], ct);
        return WorkResult.Ok(SampleView.Of(sample));
    }

    /// <summary>Saves new samples, refreshes their map cells and re-grades their producers, in one transaction.</summary>
    public async Task SaveAsync(IReadOnlyList<Sample> samples, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var sample in samples)
        {
            sample.StampItems();
        }

        db.Samples.AddRange(samples);
        await db.SaveChangesAsync(ct);
        await QualityMapStore.RefreshAsync(db, samples.Select(QualityMapStore.KeyOf), ct);
        await transaction.CommitAsync(ct);
        foreach (var producer in samples.Where(s => s.Passed == false).Select(s => s.ProducerCreditCode).Distinct())
        {
            await grading.RegradeAsync(producer, ct);
        }
    }
}
