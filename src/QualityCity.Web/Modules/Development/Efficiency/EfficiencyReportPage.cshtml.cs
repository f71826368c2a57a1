using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Accounts.Contracts;

namespace QualityCity.Web.Modules.Development.Efficiency;

/// <summary>
/// The ranked per-mu report of a year (DEV-3) for the bureau: filters by county, industry, chain and
/// class; the class shares per county and the score distribution as charts; the D-class improvement
/// list (class D) and the A-class firms marked for resource priority; the filtered rows as Excel.
/// </summary>
[Authorize(Policy = Policies.Supervisors)]
public sealed class EfficiencyReportPageModel(EfficiencyReport report, QualityCityDbContext db) : PageModel
{
    /// <summary>Rows shown on the page; the Excel workbook has them all.</summary>
    public const int RowsShown = 300;

    /// <summary>Bars of the score distribution.</summary>
    public const int Bins = 10;

    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public string? County { get; set; }
    [BindProperty(SupportsGet = true)] public string? Industry { get; set; }
    [BindProperty(SupportsGet = true)] public string? Chain { get; set; }
    [BindProperty(SupportsGet = true)] public string? Class { get; set; }

    public IReadOnlyList<int> Years { get; private set; } = [];
    public EfficiencyYear? Evaluated { get; private set; }
    public IReadOnlyList<EfficiencyReportRow> Rows { get; private set; } = [];
    public IReadOnlyDictionary<string, string> Counties { get; private set; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Industries { get; private set; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Chains { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) =>
        await LoadAsync(cancellationToken) is { } refused ? refused : Page();

    public async Task<IActionResult> OnGetExcelAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refused)
        {
            return refused;
        }

        if (Evaluated?.Formula is null)
        {
            return NotFound();
        }

        var filter = new EfficiencyFilter(County, Industry, Chain, Class);
        return File(EfficiencyReport.Excel(Evaluated, filter.Apply(Evaluated.Rows), Counties), EfficiencyReport.ExcelContentType,
            string.Create(CultureInfo.InvariantCulture, $"efficiency-{Evaluated.Year}.xlsx"));
    }

    /// <summary>Each county's firms per class (the chart's stacked bars), over the filters but the county and the class.</summary>
    public IReadOnlyList<(string County, IReadOnlyDictionary<string, int> Classes)> ClassesByCounty()
    {
        var rows = new EfficiencyFilter(null, Industry, Chain, null).Apply(Evaluated!.Rows);
        return [.. rows.GroupBy(r => r.CountyCode).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => (Counties.GetValueOrDefault(g.Key, g.Key), (IReadOnlyDictionary<string, int>)g.GroupBy(r => r.Result.Class).ToDictionary(c => c.Key, c => c.Count())))];
    }

    /// <summary>The filtered firms' totals in <see cref="Bins"/> equal bars from the lowest to the highest total.</summary>
    public IReadOnlyList<(string Label, int Firms)> Distribution()
    {
        if (Rows.Count == 0)
        {
            return [];
        }

        var totals = new EfficiencyFilter(County, Industry, Chain, Class).Apply(Evaluated!.Rows).Select(r => r.Result.Total).ToList();
        var (min, max) = (totals.Min(), totals.Max());
        var width = max == min ? 1 : (max - min) / Bins;
        var counts = new int[Bins];
        foreach (var total in totals)
        {
            counts[Math.Min(Bins - 1, (int)((total - min) / width))]++;
        }

        return [.. counts.Select((n, i) => (string.Create(CultureInfo.InvariantCulture, $"{min + (i * width):0.#}–{min + ((i + 1) * width):0.#}"), n))];
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        foreach (var (name, value, max) in new[] { ("county", County, 6), ("industry", Industry, 4), ("chain", Chain, 40), ("class", Class, 10) })
        {
            if (value is { Length: > 0 } && value.Length > max)
            {
                ModelState.AddModelError(name, $"{name}: at most {max} characters");
                return BadRequest(new ValidationProblemDetails(ModelState));
            }
        }

        (County, Industry, Chain, Class) = (Clean(County), Clean(Industry), Clean(Chain), Clean(Class));
        Years = await report.YearsAsync(cancellationToken);
        if (Year is { } wanted && !Years.Contains(wanted))
        {
            ModelState.AddModelError("year", "year: no efficiency figures for this year");
            return BadRequest(new ValidationProblemDetails(ModelState));
        }

        Counties = await db.Regions.AsNoTracking().Where(r => r.Level == "county" && r.ParentCode == "3715").OrderBy(r => r.Code)
            .ToDictionaryAsync(r => r.Code, r => r.Name, StringComparer.Ordinal, cancellationToken);
        Chains = await db.IndustryChains.AsNoTracking().OrderBy(c => c.Sort)
            .ToDictionaryAsync(c => c.Code, c => Localization.Text.IsEnglish ? c.NameEn : c.Name, StringComparer.Ordinal, cancellationToken);
        if (Years.Count == 0)
        {
            return null;
        }

        Year ??= Years[0];
        Evaluated = await report.EvaluateAsync(Year.Value, cancellationToken);
        var industries = Evaluated.Rows.Select(r => r.IndustryCode).OfType<string>().Distinct().ToList();
        Industries = await db.Industries.AsNoTracking().Where(i => industries.Contains(i.Code)).OrderBy(i => i.Code)
            .ToDictionaryAsync(i => i.Code, i => Localization.Text.IsEnglish ? i.NameEn : i.Name, StringComparer.Ordinal, cancellationToken);
        Rows = [.. new EfficiencyFilter(County, Industry, Chain, Class).Apply(Evaluated.Rows)];
        return null;
    }

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
