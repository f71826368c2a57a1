using System.Security.Claims;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Jobs.Contracts;

namespace QualityCity.Web.Modules.Quality.Samples;

/// <summary>
/// Records new samples (QLT-1): each is checked by <see cref="SampleValidator"/>; saving refreshes
/// the quality map's cells of the samples in the same transaction and queues the re-grading of the
/// producers of failed ones (<see cref="ProducerRegradeJob"/>).
/// </summary>
public sealed class SampleRecorder(QualityCityDbContext db, SamplingAccess access, SampleValidator validator, JobScheduler jobs, Text text)
{
    public async Task<SampleChange> RecordAsync(SampleRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        if (!await access.MayManageAsync(user, ct))
        {
            return new SampleChange(WorkResult.Refused(StatusCodes.Status403Forbidden, SamplingAccess.Refusal(text)));
        }

        var (sample, errors) = await validator.ValidateAsync(request, ct);
        if (sample is null)
        {
            return new SampleChange(WorkResult.Invalid(errors));
        }

        sample.CreatedBy = user.ActorName();
        var regrade = await SaveAsync([sample], sample.CreatedBy, ct);
        return new SampleChange(WorkResult.Ok(SampleView.Of(sample)), regrade);
    }

    /// <summary>
    /// Saves new samples and refreshes their map cells in one transaction, which also queues the
    /// re-grading of the producers of failed samples; returns that job, if any.
    /// </summary>
    public async Task<BackgroundJob?> SaveAsync(IReadOnlyList<Sample> samples, string actor, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        foreach (var sample in samples)
        {
            sample.StampItems();
        }

        db.Samples.AddRange(samples);
        var regrade = ProducerRegradeJob.Add(jobs, samples.Where(s => s.Passed == false).Select(s => s.ProducerCreditCode), actor);
        await db.SaveChangesAsync(ct);
        await QualityMapStore.RefreshAsync(db, samples.Select(QualityMapStore.KeyOf), ct);
        await transaction.CommitAsync(ct);
        if (regrade is not null)
        {
            jobs.Wake();
        }

        return regrade;
    }
}
