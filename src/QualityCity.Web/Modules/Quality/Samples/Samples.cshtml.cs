using System.Globalization;
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
    /// <summary>Batches on a page: enough to scan at a desk, few enough for a phone.</summary>
    public const int PageSize = 50;

    public SampleFilter Filter { get; private set; } = new(null, null, null, null, null, null, null, null, null);
    public IReadOnlyList<Sample> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public int PageNumber { get; private set; } = 1;
    public bool HasNextPage => PageNumber * PageSize < Total;
    public bool MayManage { get; private set; }
    public IReadOnlyList<BackgroundJob> LabImports { get; private set; } = [];
    public string? Error { get; private set; }
    public IReadOnlyDictionary<string, string> CategoryNames { get; private set; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> CountyNames { get; private set; } = new Dictionary<string, string>();

    /// <summary>Test item names by (category, code), in the user's language.</summary>
    public IReadOnlyDictionary<(string Category, string Code), string> ItemNames { get; private set; } = new Dictionary<(string, string), string>();

    /// <summary>The filters' choices, by name.</summary>
    public IReadOnlyList<(string Code, string Name)> Industries { get; private set; } = [];
    public IReadOnlyList<int> Years { get; private set; } = [];
    public IReadOnlyList<(string Code, string Name)> Counties { get; private set; } = [];
    public IReadOnlyList<(string Code, string Name, string Industry)> Categories { get; private set; } = [];
    public IReadOnlyList<(string Code, string Name)> Items { get; private set; } = [];
    public IReadOnlyList<(int Id, int Year, string Title)> Plans { get; private set; } = [];
    public IReadOnlyList<(int Id, string Name)> Tasks { get; private set; } = [];

    /// <summary>Whether any filter narrows the list (for the empty state's advice).</summary>
    public bool Filtered => Filter with { Skip = null, Take = null } != new SampleFilter(null, null, null, null, null, null, null, null, null);

    public Task OnGetAsync([FromQuery] SampleFilter filter, [FromQuery(Name = "p")] int? pageNumber, CancellationToken cancellationToken) =>
        LoadAsync(filter, pageNumber, cancellationToken);

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

        await LoadAsync(Filter, null, cancellationToken);
        return Page();
    }

    public JobRow LabImportRow(BackgroundJob job) => new(job, text["导入检验结果"], $"/quality/samples?handler=Job&id={job.Id}", LabImportJob.ReportPartial);

    /// <summary>The address of another page of the same list.</summary>
    public string Link(int pageNumber)
    {
        var f = Filter;
        (string, string?)[] fields =
        [
            ("industry", f.Industry), ("year", f.Year?.ToString(CultureInfo.InvariantCulture)), ("county", f.County), ("category", f.Category), ("item", f.Item),
            ("failed", f.Failed == true ? "true" : null), ("result", f.Result), ("plan", f.Plan?.ToString(CultureInfo.InvariantCulture)),
            ("task", f.Task?.ToString(CultureInfo.InvariantCulture)), ("producer", f.Producer), ("p", pageNumber > 1 ? pageNumber.ToString(CultureInfo.InvariantCulture) : null),
        ];
        return "/quality/samples" + QueryString.Create(fields.Where(x => !string.IsNullOrEmpty(x.Item2)).Select(x => KeyValuePair.Create(x.Item1, x.Item2)));
    }

    /// <summary>A test item's name in the user's language; the code only when the reference data do not know it.</summary>
    public string ItemName(string category, string code) =>
        ItemNames.TryGetValue((category, code), out var name) ? name : Items.FirstOrDefault(i => i.Code == code).Name ?? code;

    private async Task LoadAsync(SampleFilter filter, int? pageNumber, CancellationToken cancellationToken)
    {
        // Paging is by page number on the page; a "failed=true" link from the map reads as the conclusion "failed".
        Filter = filter with
        {
            Skip = null, Take = null, Failed = null, Result = filter.Result is { } r && SampleFilter.Results.Contains(r) ? r : filter.Failed == true ? "failed" : null,
        };
        var query = Filter.Apply(db.Samples.AsNoTracking());
        Total = await query.CountAsync(cancellationToken);
        PageNumber = Math.Max(1, pageNumber ?? 1);
        Rows = await query.Include(s => s.Items).OrderByDescending(s => s.SampledOn).ThenBy(s => s.Id)
            .Skip((PageNumber - 1) * PageSize).Take(PageSize).ToListAsync(cancellationToken);
        MayManage = await access.MayManageAsync(User, cancellationToken);
        LabImports = MayManage ? await jobs.LatestAsync(LabImportJob.Kind, 5, cancellationToken) : [];

        var english = Localization.Text.IsEnglish;
        var categories = await db.ProductCategories.AsNoTracking().OrderBy(c => c.Industry).ThenBy(c => c.Code).ToListAsync(cancellationToken);
        CategoryNames = categories.ToDictionary(c => c.Code, c => english ? c.NameEn : c.Name);
        Categories = categories.Select(c => (c.Code, english ? c.NameEn : c.ShortName, c.Industry)).ToList();
        var chains = await db.IndustryChains.AsNoTracking().ToDictionaryAsync(c => c.Code, c => english ? c.NameEn : c.Name, cancellationToken);
        Industries = categories.Select(c => c.Industry).Distinct().Select(code => (code, chains.GetValueOrDefault(code, code))).ToList();
        // The regions hold every county of the country: the filter offers the city's counties (those whose townships are
        // loaded) and any other county a sample names, plus the one chosen.
        var sampledCounties = await db.Samples.AsNoTracking().Select(s => s.CountyCode).Distinct().ToListAsync(cancellationToken);
        if (Filter.County is { } chosen)
        {
            sampledCounties.Add(chosen);
        }
        var counties = await db.Regions.AsNoTracking()
            .Where(r => r.Level == "county" && (sampledCounties.Contains(r.Code) || db.Regions.Any(t => t.Level == "township" && t.ParentCode == r.Code)))
            .OrderBy(r => r.Code).ToListAsync(cancellationToken);
        Counties = counties.Select(r => (r.Code, r.Name)).ToList();
        CountyNames = counties.ToDictionary(r => r.Code, r => r.Name);

        var definitions = await db.TestItemDefinitions.AsNoTracking().ToListAsync(cancellationToken);
        ItemNames = definitions.GroupBy(i => (i.ProductCategory, i.Code)).ToDictionary(g => g.Key, g => english ? g.First().NameEn : g.First().Name);
        var itemCategories = Filter.Category is not null ? new List<string> { Filter.Category }
            : Filter.Industry is not null ? categories.Where(c => c.Industry == Filter.Industry).Select(c => c.Code).ToList()
            : categories.Select(c => c.Code).ToList();
        Items = definitions.Where(i => itemCategories.Contains(i.ProductCategory)).GroupBy(i => i.Code).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (g.Key, english ? g.First().NameEn : g.First().Name)).ToList();

        var first = await db.Samples.AsNoTracking().OrderBy(s => s.SampledOn).Select(s => (DateOnly?)s.SampledOn).FirstOrDefaultAsync(cancellationToken);
        var last = await db.Samples.AsNoTracking().OrderByDescending(s => s.SampledOn).Select(s => (DateOnly?)s.SampledOn).FirstOrDefaultAsync(cancellationToken);
        Years = first is null || last is null ? [] : Enumerable.Range(first.Value.Year, last.Value.Year - first.Value.Year + 1).Reverse().ToList();
        Plans = (await db.SamplingPlans.AsNoTracking().OrderByDescending(p => p.Year).ThenBy(p => p.Id).Select(p => new { p.Id, p.Year, p.Title }).ToListAsync(cancellationToken))
            .Select(p => (p.Id, p.Year, p.Title)).ToList();
        var planOfTask = Filter.Task is { } task ? await db.SamplingTasks.AsNoTracking().Where(t => t.Id == task).Select(t => (int?)t.PlanId).FirstOrDefaultAsync(cancellationToken) : null;
        if ((Filter.Plan ?? planOfTask) is { } plan)
        {
            var tasks = await db.SamplingTasks.AsNoTracking().Where(t => t.PlanId == plan).OrderBy(t => t.Id).ToListAsync(cancellationToken);
            Tasks = tasks.Select(t => (t.Id, $"{CategoryNames.GetValueOrDefault(t.ProductCategory, t.ProductCategory)} · {(t.CountyCode.Length == 0 ? text["全域"] : CountyNames.GetValueOrDefault(t.CountyCode, t.CountyCode))} · {t.Lab}")).ToList();
            Filter = Filter with { Plan = plan };
        }
    }
}
