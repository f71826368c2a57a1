using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Jobs.Contracts;

namespace QualityCity.Web.Modules.Quality.Samples;

/// <summary>
/// One sample and its workflow (QLT-2): the test items against their clauses, then the steps the
/// regulator records — notice received, objection, re-test, publication, announcement — with the
/// deadlines each step sets. The same <see cref="SampleWorkflow"/> as the API refuses a step out of order or late.
/// A step that involves a failure re-grades the producer in the background; its row shows the progress.
/// </summary>
[Authorize(Roles = Roles.Staff)]
public sealed class SampleDetailModel(QualityCityDbContext db, SamplingAccess access, SampleWorkflow workflow, JobScheduler jobs, Localization.Text text) : PageModel
{
    public Sample Sample { get; private set; } = null!;
    public IReadOnlyDictionary<string, string> ItemNames { get; private set; } = new Dictionary<string, string>();
    public string CategoryName { get; private set; } = string.Empty;
    public IReadOnlyDictionary<string, string> CountyNames { get; private set; } = new Dictionary<string, string>();

    /// <summary>A county by its name; the code only when the reference data do not know it.</summary>
    public string CountyName(string code) => CountyNames.GetValueOrDefault(code, code);
    public bool MayManage { get; private set; }
    public string? Message { get; private set; }
    public string? Error { get; private set; }

    /// <summary>The re-grading of the producer the last step queued, if any.</summary>
    public BackgroundJob? Regrade { get; private set; }

    [BindProperty] public DateOnly? On { get; set; }
    [BindProperty] public string? Reason { get; set; }
    [BindProperty] public List<string> Overturned { get; set; } = [];

    public async Task<IActionResult> OnGetAsync(long id, CancellationToken cancellationToken) => await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    /// <summary>The row of a re-grading a step queued, polled while it runs; under the same rule as the steps.</summary>
    public async Task<IActionResult> OnGetJobAsync(long id, Guid job, CancellationToken cancellationToken)
    {
        if (!await access.MayManageAsync(User, cancellationToken))
        {
            return Forbid();
        }

        var found = await jobs.FindAsync(job, [ProducerRegradeJob.Kind], cancellationToken);
        return found is null ? NotFound() : Partial(JobRow.Partial, RegradeRow(id, found));
    }

    public JobRow RegradeRow(long sampleId, BackgroundJob job) => new(job, text["重新评定生产者的风险等级"], $"/quality/samples/{sampleId}?handler=Job&job={job.Id}");

    public Task<IActionResult> OnPostNoticeAsync(long id, CancellationToken cancellationToken) =>
        StepAsync(id, workflow.NotifyAsync(id, new NoticeRequest(On), User, cancellationToken), "已登记送达", cancellationToken);

    public Task<IActionResult> OnPostObjectionAsync(long id, CancellationToken cancellationToken) =>
        StepAsync(id, workflow.ObjectAsync(id, new ObjectionRequest(On, Reason), User, cancellationToken), "已受理异议", cancellationToken);

    public async Task<IActionResult> OnPostRetestAsync(long id, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        // The failed items are re-tested; those ticked as overturned pass on the backup sample.
        var items = Sample.Items.Where(i => !i.Passed).Select(i => new SampleItemRequest(i.ItemCode, null, null, null, Overturned.Contains(i.ItemCode))).ToList();
        return await StepAsync(id, workflow.RetestAsync(id, new RetestRequest(On, items), User, cancellationToken), "已登记复检结论", cancellationToken);
    }

    public Task<IActionResult> OnPostPublishAsync(long id, CancellationToken cancellationToken) =>
        StepAsync(id, workflow.PublishAsync(id, new DateRequest(On), User, cancellationToken), "已公布", cancellationToken);

    public Task<IActionResult> OnPostAnnounceAsync(long id, CancellationToken cancellationToken) =>
        StepAsync(id, workflow.AnnounceAsync(id, new DateRequest(On), User, cancellationToken), "已公告", cancellationToken);

    private async Task<IActionResult> StepAsync(long id, Task<SampleChange> step, string done, CancellationToken cancellationToken)
    {
        var (result, regrade) = await step;
        Regrade = regrade;
        if (result.Succeeded)
        {
            Message = done;
        }
        else
        {
            Error = result.Describe(text);
        }

        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(long id, CancellationToken cancellationToken)
    {
        var sample = await db.Samples.AsNoTracking().Include(s => s.Items).FirstOrDefaultAsync(s => s.Id == id, cancellationToken);
        if (sample is null)
        {
            return false;
        }

        Sample = sample;
        CategoryName = await db.ProductCategories.Where(c => c.Code == sample.ProductCategory).Select(c => Localization.Text.IsEnglish ? c.NameEn : c.Name).FirstAsync(cancellationToken);
        ItemNames = await db.TestItemDefinitions.AsNoTracking().Where(i => i.ProductCategory == sample.ProductCategory)
            .ToDictionaryAsync(i => i.Code, i => Localization.Text.IsEnglish ? i.NameEn : i.Name, cancellationToken);
        var counties = new[] { sample.CountyCode, sample.MadeInCounty ?? string.Empty };
        CountyNames = await db.Regions.AsNoTracking().Where(r => counties.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r.Name, cancellationToken);
        MayManage = await access.MayManageAsync(User, cancellationToken);
        return true;
    }
}
