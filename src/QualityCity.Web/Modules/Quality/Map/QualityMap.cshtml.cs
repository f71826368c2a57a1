using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using QualityCity.Domain.Common;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.Quality.Map;

/// <summary>
/// 质量图谱 (QLT-3): for one industry, failure rates by test item × county for a year as a heat map,
/// the trend of the most-failed items over the years, the category × item table with drill-down to
/// the batches, and an Excel export — all read from the same cells as <c>GET /api/quality/map</c>.
/// Everyone sees published results; signed-in staff see every result.
/// </summary>
[AllowAnonymous]
[EnableRateLimiting(RateLimits.Public)]
public sealed class QualityMapModel(QualityCityDbContext db) : PageModel
{
    public string Industry { get; private set; } = "cable";
    public int? Year { get; private set; }
    public IReadOnlyList<int> Years { get; private set; } = [];
    public IReadOnlyList<(string Code, string Name)> Industries { get; private set; } = [];
    public IReadOnlyList<MapCell> AllYears { get; private set; } = [];
    public IReadOnlyList<MapCell> Cells { get; private set; } = [];
    public IReadOnlyDictionary<string, string> CategoryNames { get; private set; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> ShortNames { get; private set; } = new Dictionary<string, string>();

    /// <summary>Batches (samples) of the year and how many failed, as the bureau quotes them ("抽检不合格率").</summary>
    public (int Samples, int Failed) Batches { get; private set; }
    public IReadOnlyDictionary<string, string> ItemNames { get; private set; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> CountyNames { get; private set; } = new Dictionary<string, string>();
    public bool Staff => User.IsStaff();

    public async Task<IActionResult> OnGetAsync(string? industry, int? year, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(industry, year, cancellationToken))
        {
            return NotFound();
        }

        return Page();
    }

    public async Task<IActionResult> OnGetExcelAsync(string? industry, int? year, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(industry, year, cancellationToken))
        {
            return NotFound();
        }

        var rows = AllYears.Where(c => Year is null || c.Year == Year).Select(c => new Dictionary<string, object?>
        {
            ["年份 year"] = c.Year, ["产品类别 product_category"] = c.ProductCategory, ["产品 product"] = CategoryNames.GetValueOrDefault(c.ProductCategory),
            ["检验项目 test_item"] = c.TestItem, ["项目 item"] = ItemNames.GetValueOrDefault(c.TestItem), ["区县代码 county"] = c.County,
            ["区县 county_name"] = CountyNames.GetValueOrDefault(c.County, c.County), ["检验批次 tested"] = c.Tested, ["不合格 failed"] = c.Failed,
            ["不合格率 failure_rate"] = Math.Round((double)c.Failed / c.Tested, 4),
        }).ToList();
        var stream = new MemoryStream();
        // Text cells are neutralised like every export's (SpreadsheetCell), though these hold only codes and names today.
        await stream.SaveAsAsync(new Dictionary<string, object> { ["质量图谱 quality map"] = rows.Select(SpreadsheetCell.NeutraliseRow).ToList() },
            cancellationToken: cancellationToken);
        stream.Position = 0;
        return File(stream, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", $"quality-map-{Industry}{(Year is { } y ? $"-{y}" : string.Empty)}.xlsx");
    }

    private async Task<bool> LoadAsync(string? industry, int? year, CancellationToken cancellationToken)
    {
        var categories = await db.ProductCategories.AsNoTracking().ToListAsync(cancellationToken);
        var chains = await db.IndustryChains.AsNoTracking().ToDictionaryAsync(c => c.Code, c => Localization.Text.IsEnglish ? c.NameEn : c.Name, cancellationToken);
        Industries = categories.Select(c => c.Industry).Distinct().Select(code => (code, chains.GetValueOrDefault(code, code))).ToList();
        Industry = industry ?? "cable";
        if (!categories.Any(c => c.Industry == Industry))
        {
            return false;
        }

        CategoryNames = categories.ToDictionary(c => c.Code, c => Localization.Text.IsEnglish ? c.NameEn : c.Name);
        ShortNames = categories.ToDictionary(c => c.Code, c => Localization.Text.IsEnglish ? c.NameEn : c.ShortName);
        ItemNames = (await db.TestItemDefinitions.AsNoTracking().ToListAsync(cancellationToken)).GroupBy(i => i.Code)
            .ToDictionary(g => g.Key, g => Localization.Text.IsEnglish ? g.First().NameEn : g.First().Name);
        AllYears = await QualityMapStore.ReadAsync(db, Industry, null, Staff, cancellationToken);
        Years = AllYears.Select(c => c.Year).Distinct().Order().ToList();
        Year = year ?? (Years.Count > 0 ? Years[^1] : null);
        Cells = AllYears.Where(c => c.Year == Year).ToList();
        if (Year is { } shown)
        {
            var samples = db.Samples.AsNoTracking().Where(s => s.Industry == Industry && s.Passed != null
                && s.SampledOn >= new DateOnly(shown, 1, 1) && s.SampledOn < new DateOnly(shown + 1, 1, 1));
            if (!Staff)
            {
                samples = samples.Where(s => s.PublishedOn != null);
            }

            Batches = (await samples.CountAsync(cancellationToken), await samples.CountAsync(s => s.Passed == false, cancellationToken));
        }

        var counties = AllYears.Select(c => c.County).Distinct().ToList();
        CountyNames = await db.Regions.AsNoTracking().Where(r => counties.Contains(r.Code)).ToDictionaryAsync(r => r.Code, r => r.Name, cancellationToken);
        return true;
    }

    public static string Rate(int failed, int tested) => tested == 0 ? "—" : ((double)failed / tested * 100).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%";
}
