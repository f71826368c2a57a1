using System.Security.Claims;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QualityCity.Domain.Quality;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Jobs.Contracts;
using QualityCity.Web.Modules.ReferenceData.Contracts;

namespace QualityCity.Web.Modules.Quality.Samples;

/// <summary>
/// The workflow of a sample (QLT-2), a state machine: tested → notified (the objection period runs)
/// → objection → final (re-tested) → published, with the announcement of a published failure; each
/// step refuses a sample in the wrong state or a date out of its period. Every step refreshes the
/// sample's map cells in the same transaction, which also queues the re-grading of the producer
/// when a failure is involved (<see cref="ProducerRegradeJob"/>).
/// </summary>
public sealed class SampleWorkflow(QualityCityDbContext db, SamplingAccess access, IOptions<QualityOptions> options, JobScheduler jobs, Text text,
    PlatformClock clock)
{
    private DateOnly Today() => clock.Today;

    /// <summary>The producer received the result notice: the objection period starts.</summary>
    public async Task<SampleChange> NotifyAsync(long id, NoticeRequest request, ClaimsPrincipal user, CancellationToken ct) =>
        await ChangeAsync(id, user, async sample =>
        {
            if (sample.Status != SampleStatus.Tested)
            {
                return WorkResult.Refused(StatusCodes.Status409Conflict, text["只有已检验、尚未通知的样品可以登记结果送达"]);
            }

            if (request.ReceivedOn is not { } received || received < sample.SampledOn || received > Today())
            {
                return WorkResult.Invalid("receivedOn", text["送达日期必填，不能早于抽样日期，也不能是将来的日期"]);
            }

            var calendar = await WorkingCalendar.LoadAsync(db, ct);
            sample.NoticeReceivedOn = received;
            sample.ObjectionDue = SamplingDeadlines.ObjectionDue(received, options.Value.Periods(), calendar);
            sample.Status = SampleStatus.Notified;
            return null;
        }, ct);

    /// <summary>An objection (and re-test request on the backup sample) within the period from receipt.</summary>
    public async Task<SampleChange> ObjectAsync(long id, ObjectionRequest request, ClaimsPrincipal user, CancellationToken ct) =>
        await ChangeAsync(id, user, async sample =>
        {
            if (sample.Status != SampleStatus.Notified || sample.NoticeReceivedOn is not { } received)
            {
                return WorkResult.Refused(StatusCodes.Status409Conflict, text["只有已送达检验结果、尚未处理异议的样品可以提出异议"]);
            }

            if (string.IsNullOrWhiteSpace(request.Reason))
            {
                return WorkResult.Invalid("reason", text["请写明异议理由"]);
            }

            var filed = request.FiledOn ?? Today();
            var calendar = await WorkingCalendar.LoadAsync(db, ct);
            if (SamplingDeadlines.RefuseObjection(received, filed, options.Value.Periods(), calendar) is not null)
            {
                return WorkResult.Invalid("filedOn", filed < received
                    ? text.Format("异议日期 {0:yyyy-MM-dd} 早于收到检验结果的日期 {1:yyyy-MM-dd}", filed, received)
                    : text.Format("异议期已过：收到检验结果之日（{0:yyyy-MM-dd}）起 {1} 日内，即 {2:yyyy-MM-dd} 前提出",
                        received, options.Value.ObjectionDays, SamplingDeadlines.ObjectionDue(received, options.Value.Periods(), calendar)));
            }

            sample.ObjectionFiledOn = filed;
            sample.ObjectionReason = request.Reason.Trim();
            sample.Status = SampleStatus.Objection;
            return null;
        }, ct);

    /// <summary>The re-test on the backup sample: its conclusions replace the first test's and are final.</summary>
    public async Task<SampleChange> RetestAsync(long id, RetestRequest request, ClaimsPrincipal user, CancellationToken ct) =>
        await ChangeAsync(id, user, sample =>
        {
            if (sample.Status != SampleStatus.Objection)
            {
                return Task.FromResult<WorkResult?>(WorkResult.Refused(StatusCodes.Status409Conflict, text["只有提出异议的样品可以复检"]));
            }

            if (request.RetestOn is not { } on || on < sample.ObjectionFiledOn || on > Today())
            {
                return Task.FromResult<WorkResult?>(WorkResult.Invalid("retestOn", text["复检日期必填，不能早于异议日期，也不能是将来的日期"]));
            }

            var items = request.Items ?? [];
            var unknown = items.Where(i => i.Passed is null || sample.Items.All(r => r.ItemCode != i.Item)).Select(i => i.Item ?? "（空）").ToList();
            if (items.Count == 0 || unknown.Count > 0)
            {
                return Task.FromResult<WorkResult?>(WorkResult.Invalid("items", text.Format("复检只针对原检验项目，且须给出判定：{0}", string.Join(", ", unknown))));
            }

            foreach (var retest in items)
            {
                var result = sample.Items.First(r => r.ItemCode == retest.Item);
                result.FirstPassed ??= result.Passed;
                result.Passed = retest.Passed!.Value;
                result.RetestMeasured = retest.Measured?.Trim();
            }

            sample.RetestOn = on;
            sample.Passed = sample.Items.All(r => r.Passed);
            sample.FinalOn = on;
            sample.Status = SampleStatus.Final;
            return Task.FromResult<WorkResult?>(null);
        }, ct);

    /// <summary>
    /// Publication: a pass once tested; a failure once final (objection period over without an
    /// objection, or re-tested). A published failure gets its follow-up deadlines.
    /// </summary>
    public async Task<SampleChange> PublishAsync(long id, DateRequest request, ClaimsPrincipal user, CancellationToken ct) =>
        await ChangeAsync(id, user, async sample =>
        {
            var on = request.On ?? Today();
            if (sample.PublishedOn is not null)
            {
                return WorkResult.Refused(StatusCodes.Status409Conflict, text["已经公布"]);
            }

            if (sample.Passed is null)
            {
                return WorkResult.Refused(StatusCodes.Status409Conflict, text["尚无检验结论，不能公布"]);
            }

            if (sample.Passed == false)
            {
                if (sample.Status == SampleStatus.Tested)
                {
                    return WorkResult.Refused(StatusCodes.Status409Conflict, text["不合格结果须先送达生产者，异议期满或复检后才能公布"]);
                }

                if (sample.Status == SampleStatus.Objection)
                {
                    return WorkResult.Refused(StatusCodes.Status409Conflict, text["异议正在处理，复检结论作出后才能公布"]);
                }

                if (sample.Status == SampleStatus.Notified && on <= sample.ObjectionDue)
                {
                    return WorkResult.Invalid("on", text.Format("异议期至 {0:yyyy-MM-dd} 届满，届满后才能公布", sample.ObjectionDue));
                }

                var calendar = await WorkingCalendar.LoadAsync(db, ct);
                sample.FinalOn ??= sample.ObjectionDue!.Value.AddDays(1);
                var follow = SamplingDeadlines.FollowUp(sample.FinalOn.Value, options.Value.Periods(), calendar);
                sample.CorrectionDue = follow.CorrectionDue;
                sample.ReinspectionDue = follow.ReinspectionDue;
            }

            sample.FinalOn ??= on;
            sample.PublishedOn = on;
            sample.Status = SampleStatus.Published;
            return null;
        }, ct);

    /// <summary>The failure is announced publicly: the second re-inspection falls 60–90 days after.</summary>
    public async Task<SampleChange> AnnounceAsync(long id, DateRequest request, ClaimsPrincipal user, CancellationToken ct) =>
        await ChangeAsync(id, user, async sample =>
        {
            if (sample.Passed != false || sample.PublishedOn is null)
            {
                return WorkResult.Refused(StatusCodes.Status409Conflict, text["只有已公布的不合格样品需要公告"]);
            }

            var on = request.On ?? Today();
            var calendar = await WorkingCalendar.LoadAsync(db, ct);
            var (from, to) = SamplingDeadlines.SecondReinspection(on, options.Value.Periods(), calendar);
            sample.AnnouncedOn = on;
            sample.SecondReinspectionFrom = from;
            sample.SecondReinspectionTo = to;
            return null;
        }, ct);

    /// <summary>One step: refused unless the user may manage sampling; the change returns a refusal, or null to save.</summary>
    private async Task<SampleChange> ChangeAsync(long id, ClaimsPrincipal user, Func<Sample, Task<WorkResult?>> change, CancellationToken ct)
    {
        if (!await access.MayManageAsync(user, ct))
        {
            return new SampleChange(WorkResult.Refused(StatusCodes.Status403Forbidden, SamplingAccess.Refusal(text)));
        }

        var sample = await db.Samples.Include(s => s.Items).FirstOrDefaultAsync(s => s.Id == id, ct);
        if (sample is null)
        {
            return new SampleChange(WorkResult.NotFound);
        }

        var wasFailed = sample.Passed == false;
        if (await change(sample) is { } refused)
        {
            return new SampleChange(refused);
        }

        sample.StampItems();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var regrade = wasFailed || sample.Passed == false ? ProducerRegradeJob.Add(jobs, [sample.ProducerCreditCode], user.ActorName()) : null;
        await db.SaveChangesAsync(ct);
        await QualityMapStore.RefreshAsync(db, [QualityMapStore.KeyOf(sample)], ct);
        await transaction.CommitAsync(ct);
        if (regrade is not null)
        {
            jobs.Wake();
        }

        return new SampleChange(WorkResult.Ok(SampleView.Of(sample)), regrade);
    }
}
