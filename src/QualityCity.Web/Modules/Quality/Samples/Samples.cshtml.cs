using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Accounts.Contracts;
using QualityCity.Web.Modules.Jobs.Contracts;
using QualityCity.Web.Modules.Quality.LabImport;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Modules.Quality.Samples;

/// <summary>
/// The batches behind the map (QLT-1, drill-down of QLT-3): filtered by industry, year, county,
/// category, item and failure; and the import of a lab's results, run in the background: the latest
/// imports are listed with their progress, and each finished one with the report of every refused row.
/// </summary>
[Authorize(Roles = Roles.Staff)]
[RequestSizeLimit(RequestLimits.UploadBytes)]
public sealed class SamplesModel(QualityCityDbContext db, SamplingAccess access, JobScheduler jobs, DatabaseSettings settings, IOptions<QualityOptions> options,
    Localization.Text text) : PageModel
{
    public SampleFilter Filter { get; private set; } = new(null, null, null, null, null, null, null, null, null);
    public IReadOnlyList<Sample> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public bool MayManage { get; private set; }
    public IReadOnlyList<BackgroundJob> LabImports { get; private set; } = [];
    public string? Error { get; private set; }
    public IReadOnlyDictionary<string, string> CategoryNames { get; private set; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> CountyNames { get; private set; } = new Dictionary<string, string>();

    public Task OnGetAsync([FromQuery] SampleFilter filter, CancellationToken cancellationToken) => LoadAsync(filter, cancellationToken);

    /// <summary>A lab import's row, polled while it runs; under the same rule as the import itself.</summary>
    public async Task<IActionResult> OnGetJobAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await access.MayManageAsync(User, cancellationToken))
        {
            return Forbid();
        }

        var job = await jobs.FindAsync(id, [LabImportJob.Kind], cancellationToken);
        return job is null ? NotFound() : Partial(JobRow.Partial, LabImportRow(job));
    }

    public async Task<IActionResult> OnPostImportAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (!await access.MayManageAsync(User, cancellationToken))
        {
            Error = SamplingAccess.Refusal(text);
        }
        else
        {
            var (path, error) = await UploadedTableFile.SaveAsync(file, settings, options.Value.MaxImportMegabytes, "lab", text, cancellationToken);
            if (path is not null)
            {
                await LabImportJob.EnqueueAsync(jobs, path, file!.FileName, User.ActorName(), cancellationToken);
                return RedirectToPage(pageName: null, pageHandler: null, routeValues: null, fragment: "import");
            }

            Error = error;
        }

        await LoadAsync(Filter, cancellationToken);
        return Page();
    }

    public JobRow LabImportRow(BackgroundJob job) => new(job, text["导入检验结果"], $"/quality/samples?handler=Job&id={job.Id}", LabImportJob.ReportPartial);

    private async Task LoadAsync(SampleFilter filter, CancellationToken cancellationToken)
    {
        Filter = filter;
        var query = filter.Apply(db.Samples.AsNoTracking());
        Total = await query.CountAsync(cancellationToken);
        Rows = await query.Include(s => s.Items).OrderByDescending(s => s.SampledOn).ThenBy(s => s.Id).Skip(Math.Max(0, filter.Skip ?? 0)).Take(100).ToListAsync(cancellationToken);
        MayManage = await access.MayManageAsync(User, cancellationToken);
        LabImports = MayManage ? await jobs.LatestAsync(LabImportJob.Kind, 5, cancellationToken) : [];
        CategoryNames = await db.ProductCategories.AsNoTracking().ToDictionaryAsync(c => c.Code, c => Localization.Text.IsEnglish ? c.NameEn : c.Name, cancellationToken);
        var counties = Rows.Select(r => r.CountyCode).Distinct().ToList();
        CountyNames = await db.Regions.AsNoTracking().Where(r => counties.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r.Name, cancellationToken);
    }
}
