using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using QualityCity.Domain.Common;
using QualityCity.Domain.Development;
using QualityCity.Web.Data;

namespace QualityCity.Web.Modules.Development.Efficiency;

/// <summary>One evaluated firm of the ranked report, with what the filters read from the registry.</summary>
public sealed record EfficiencyReportRow(string CreditCode, string Name, string CountyCode, string? IndustryCode, string? ChainCode, EfficiencyResult Result);

/// <summary>A year's evaluation: the formula chosen for it (or why there is none), and the ranked firms.</summary>
public sealed record EfficiencyYear(int Year, PerMuFormula? Formula, EfficiencyFormulaChoice? Choice, string? Refusal, IReadOnlyList<EfficiencyReportRow> Rows)
{
    /// <summary>The rows of one class, in rank order.</summary>
    public IEnumerable<EfficiencyReportRow> OfClass(string @class) => Rows.Where(r => r.Result.Class == @class);
}

/// <summary>The report's filters: county, industry class, chain and class; each optional.</summary>
public sealed record EfficiencyFilter(string? County, string? Industry, string? Chain, string? Class)
{
    public IEnumerable<EfficiencyReportRow> Apply(IEnumerable<EfficiencyReportRow> rows) => rows
        .Where(r => County is null || r.CountyCode == County)
        .Where(r => Industry is null || r.IndustryCode == Industry)
        .Where(r => Chain is null || r.ChainCode == Chain)
        .Where(r => Class is null || r.Result.Class == Class);
}

/// <summary>A published formula shipped with the platform: its id, name and JSON; <see cref="Refusal"/> says why it cannot be computed, when it cannot.</summary>
public sealed record ShippedFormula(string Id, string Name, string Json, string? Refusal);

/// <summary>
/// The per-mu evaluation over the stored figures (DEV-3): the formula the city chose for the year,
/// the ranked firms with their county, industry and chain for the filters, one firm explained, and the
/// Excel workbook. Evaluated on each request: a city's few thousand firms take milliseconds, and a
/// re-import or a new formula shows at once without a stored result to go stale.
/// </summary>
public sealed class EfficiencyReport(QualityCityDbContext db, EfficiencyImport import)
{
    public const string ExcelContentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    /// <summary>The years with figures, newest first.</summary>
    public async Task<IReadOnlyList<int>> YearsAsync(CancellationToken cancellationToken) =>
        await db.EfficiencyFigures.AsNoTracking().Select(f => f.Year).Distinct().OrderByDescending(y => y).ToListAsync(cancellationToken);

    /// <summary>The published formulas of the shipped reference file, each parsed to say whether it can be computed.</summary>
    public static IReadOnlyList<ShippedFormula> Shipped()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(DevelopmentFiles.Shipped("per_mu_formulas.json")));
        var formulas = new List<ShippedFormula>();
        foreach (var entry in document.RootElement.GetProperty("formulas").EnumerateArray())
        {
            var json = entry.GetRawText();
            string? refusal = null;
            try
            {
                PerMuFormula.Parse(json);
            }
            catch (PerMuFormulaException ex)
            {
                refusal = ex.Message;
            }

            formulas.Add(new ShippedFormula(entry.GetProperty("id").GetString()!, entry.TryGetProperty("name", out var name) ? name.GetString() ?? string.Empty : string.Empty,
                json, refusal));
        }

        return formulas;
    }

    /// <summary>Evaluates <paramref name="year"/> by the formula chosen for it.</summary>
    public async Task<EfficiencyYear> EvaluateAsync(int year, CancellationToken cancellationToken)
    {
        var choice = await db.EfficiencyFormulaChoices.AsNoTracking().FirstOrDefaultAsync(c => c.Year == year, cancellationToken);
        if (choice is null)
        {
            return new EfficiencyYear(year, null, null, "未为该年选定评价办法 — no formula has been chosen for this year", []);
        }

        var (formula, data, refusal) = await ReadAsync(choice, year, cancellationToken);
        if (formula is null)
        {
            return new EfficiencyYear(year, null, choice, refusal, []);
        }

        IReadOnlyList<EfficiencyResult> results;
        try
        {
            results = PerMuEvaluation.Evaluate(formula, data, year);
        }
        catch (PerMuFormulaException ex)
        {
            return new EfficiencyYear(year, formula, choice, ex.Message, []);
        }

        var codes = results.Select(r => r.CreditCode).ToList();
        var entities = new Dictionary<string, (string Name, string County, string? Industry, string? Chain)>(StringComparer.Ordinal);
        foreach (var chunk in codes.Chunk(1000))
        {
            foreach (var e in await db.MarketEntities.AsNoTracking().Where(e => chunk.Contains(e.CreditCode))
                         .Select(e => new { e.CreditCode, e.Name, e.CountyCode, e.IndustryCode, e.ChainCode }).ToListAsync(cancellationToken))
            {
                entities[e.CreditCode] = (e.Name, e.CountyCode, e.IndustryCode, e.ChainCode);
            }
        }

        return new EfficiencyYear(year, formula, choice, null, [.. results.Select(r =>
        {
            var e = entities.GetValueOrDefault(r.CreditCode, (r.CreditCode, string.Empty, null, null));
            return new EfficiencyReportRow(r.CreditCode, e.Name, e.County, e.Industry, e.Chain, r);
        })]);
    }

    /// <summary>One firm's result explained for <paramref name="year"/>, or null when it was not evaluated that year.</summary>
    public async Task<(EfficiencyExplanation Explanation, PerMuFormula Formula, int Firms)?> ExplainAsync(string creditCode, int year, CancellationToken cancellationToken)
    {
        var choice = await db.EfficiencyFormulaChoices.AsNoTracking().FirstOrDefaultAsync(c => c.Year == year, cancellationToken);
        if (choice is null)
        {
            return null;
        }

        var (formula, data, _) = await ReadAsync(choice, year, cancellationToken);
        if (formula is null || data.FirstOrDefault(r => r.Year == year && r.CreditCode == creditCode) is not { } row)
        {
            return null;
        }

        try
        {
            var results = PerMuEvaluation.Evaluate(formula, data, year);
            var explanation = PerMuExplanation.Explain(formula, results, PerMuExplanation.Scales(formula, data, year), row);
            return explanation is null ? null : (explanation, formula, results.Count);
        }
        catch (PerMuFormulaException)
        {
            return null;
        }
    }

    /// <summary>The ranked firms of the filter as a workbook, one column per indicator; text cells neutralised against formulas.</summary>
    public static MemoryStream Excel(EfficiencyYear evaluated, IEnumerable<EfficiencyReportRow> rows, IReadOnlyDictionary<string, string> counties)
    {
        var formula = evaluated.Formula!;
        var sheet = rows.Select(r =>
        {
            var row = new Dictionary<string, object?>
            {
                ["排名 rank"] = r.Result.Rank, ["类别 class"] = r.Result.Class, ["统一社会信用代码 credit code"] = r.CreditCode, ["企业名称 name"] = r.Name,
                ["县（市、区） county"] = counties.GetValueOrDefault(r.CountyCode, r.CountyCode), ["行业 industry"] = r.IndustryCode, ["产业链 chain"] = r.ChainCode,
                ["总分 total score"] = r.Result.Total,
            };
            foreach (var indicator in formula.Indicators)
            {
                row[$"{indicator.Name} {indicator.Id}"] = PerMuEvaluation.Round2(r.Result.Points[indicator.Id]);
            }

            return SpreadsheetCell.NeutraliseRow(row);
        }).ToList();
        var stream = new MemoryStream();
        stream.SaveAs(new Dictionary<string, object>
        {
            [string.Create(CultureInfo.InvariantCulture, $"{evaluated.Year} 亩均效益评价")] = sheet,
        });
        stream.Position = 0;
        return stream;
    }

    private async Task<(PerMuFormula? Formula, List<EfficiencyRow> Data, string? Refusal)> ReadAsync(EfficiencyFormulaChoice choice, int year, CancellationToken cancellationToken)
    {
        PerMuFormula formula;
        try
        {
            formula = PerMuFormula.Parse(choice.Json);
        }
        catch (PerMuFormulaException ex)
        {
            return (null, [], ex.Message);
        }

        return (formula, await import.RowsAsync(year, cancellationToken), null);
    }
}
