using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Accounts;
using QualityCity.Web.Modules.Quality.LabImport;

namespace QualityCity.Web.Modules.Quality.Samples;

/// <summary>
/// The batches behind the map (QLT-1, drill-down of QLT-3): filtered by industry, year, county,
/// category, item and failure; and the import of a lab's results with the report of every refused row.
/// </summary>
[Authorize(Roles = Roles.Staff)]
[RequestSizeLimit(RequestLimits.UploadBytes)]
public sealed class SamplesModel(QualityCityDbContext db, SamplingAccess access, SampleImport import, DatabaseSettings settings, IOptions<QualityOptions> options,
    Localization.Text text) : PageModel
{
    public SampleFilter Filter { get; private set; } = new(null, null, null, null, null, null, null, null, null);
    public IReadOnlyList<Sample> Rows { get; private set; } = [];
    public int Total { get; private set; }
    public bool MayManage { get; private set; }
    public SampleImportReport? Report { get; private set; }
    public string? Error { get; private set; }
    public IReadOnlyDictionary<string, string> CategoryNames { get; private set; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> CountyNames { get; private set; } = new Dictionary<string, string>();

    public Task OnGetAsync([FromQuery] SampleFilter filter, CancellationToken cancellationToken) => LoadAsync(filter, cancellationToken);

    public async Task OnPostImportAsync(IFormFile? file, CancellationToken cancellationToken)
    {
        if (await access.MayManageAsync(User, cancellationToken))
        {
            (Report, Error) = await LabImportEndpoints.ImportUploadAsync(file, import, settings, options.Value, User.ActorName(), text, cancellationToken);
        }
        else
        {
            Error = text["产品抽查由市场监管部门登记"];
        }

        await LoadAsync(Filter, cancellationToken);
    }

    private async Task LoadAsync(SampleFilter filter, CancellationToken cancellationToken)
    {
        Filter = filter;
        var query = filter.Apply(db.Samples.AsNoTracking());
        Total = await query.CountAsync(cancellationToken);
        Rows = await query.Include(s => s.Items).OrderByDescending(s => s.SampledOn).ThenBy(s => s.Id).Skip(Math.Max(0, filter.Skip ?? 0)).Take(100).ToListAsync(cancellationToken);
        MayManage = await access.MayManageAsync(User, cancellationToken);
        CategoryNames = await db.ProductCategories.AsNoTracking().ToDictionaryAsync(c => c.Code, c => Localization.Text.IsEnglish ? c.NameEn : c.Name, cancellationToken);
        var counties = Rows.Select(r => r.CountyCode).Distinct().ToList();
        CountyNames = await db.Regions.AsNoTracking().Where(r => counties.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r.Name, cancellationToken);
    }
}
