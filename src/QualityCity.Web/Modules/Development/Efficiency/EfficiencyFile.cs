using System.Globalization;
using QualityCity.Domain.Development;
using QualityCity.Domain.Registry;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Modules.Development.Efficiency;

/// <summary>
/// Reads a file of yearly efficiency data (CSV or XLSX): <c>credit_code, year, land_mu, revenue, tax,
/// value_added, energy_tce, emissions_t, employees, rd_spend, above_scale</c>, in the units of
/// <c>per_mu_formulas.json</c> (万元, 亩, 吨标准煤, 吨, 人). Every figure is required and at least 0, but
/// 工业增加值 may be negative; 规上 is 是 or 否. A bad row is refused with each bad cell reported; the
/// good rows are kept. A second row of one enterprise and year is refused naming the first.
/// </summary>
public static class EfficiencyFile
{
    public static readonly IReadOnlyList<(string Column, string[] Headers)> Columns =
    [
        ("credit_code", ["统一社会信用代码", "信用代码"]), ("year", ["年度", "年份"]), ("land_mu", ["用地面积", "用地面积(亩)"]),
        ("revenue", ["营业收入"]), ("tax", ["实缴税金", "税收"]), ("value_added", ["工业增加值"]), ("energy_tce", ["综合能耗"]),
        ("emissions_t", ["主要污染物排放量", "排放量"]), ("employees", ["年平均职工人数", "职工人数"]), ("rd_spend", ["R&D经费支出", "研发经费"]),
        ("above_scale", ["是否规上", "规上"]),
    ];

    /// <summary>The good rows with their row numbers, and the refused cells.</summary>
    public static (List<(long Row, EfficiencyRow Data)> Rows, List<DevelopmentIssue> Issues) Read(RegistryFileReader file)
    {
        var columns = file.LocateColumns(Columns);
        var missing = Columns.Select(c => c.Column).Where(c => !columns.ContainsKey(c)).ToList();
        if (missing.Count > 0)
        {
            throw new RegistryFileException($"缺少必需的列 — required columns missing: {string.Join(", ", missing)}");
        }

        var rows = new List<(long, EfficiencyRow)>();
        var issues = new List<DevelopmentIssue>();
        var first = new Dictionary<(string, int), long>();
        foreach (var raw in file.Rows)
        {
            var cells = raw.CellsBy(columns);
            if (cells.Values.All(string.IsNullOrEmpty))
            {
                continue;
            }

            var rowIssues = new List<DevelopmentIssue>();
            void Refuse(string column, string reason) => rowIssues.Add(new DevelopmentIssue(raw.RowNumber, column, cells[column], reason));

            var code = CreditCode.Check(cells["credit_code"]);
            if (!code.IsAcceptable)
            {
                Refuse("credit_code", $"{code.ReasonZh} — {code.Reason}");
            }

            var year = int.TryParse(cells["year"], NumberStyles.None, CultureInfo.InvariantCulture, out var y) && y is >= 1990 and <= 2100 ? y : 0;
            if (year == 0)
            {
                Refuse("year", "应为 1990 到 2100 之间的年份 — must be a year from 1990 to 2100");
            }

            decimal Figure(string column)
            {
                var text = cells[column];
                if (text.Length == 0)
                {
                    Refuse(column, "必填（没有的填 0） — required (0 when there is none)");
                    return 0;
                }

                if (!decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    Refuse(column, "应为数字 — must be a number");
                    return 0;
                }

                if (value < 0 && column != "value_added")
                {
                    Refuse(column, "不能为负（只有工业增加值可以为负） — cannot be negative (only value_added can)");
                }

                return value;
            }

            var figures = EfficiencyRow.Fields.ToDictionary(c => c, Figure);
            bool? aboveScale = cells["above_scale"] switch
            {
                "是" or "yes" or "Yes" or "Y" or "true" => true,
                "否" or "no" or "No" or "N" or "false" => false,
                _ => null,
            };
            if (aboveScale is null)
            {
                Refuse("above_scale", "应为 是 或 否 — must be 是 or 否");
            }

            if (rowIssues.Count == 0 && first.TryGetValue((code.Code, year), out var earlier))
            {
                Refuse("credit_code", $"同一企业同一年度的第二行，第一行在第 {earlier} 行 — a second row for this enterprise and year; the first is row {earlier}");
            }

            if (rowIssues.Count > 0)
            {
                issues.AddRange(rowIssues);
                continue;
            }

            first[(code.Code, year)] = raw.RowNumber;
            rows.Add((raw.RowNumber, new EfficiencyRow(code.Code, year, figures["land_mu"], figures["revenue"], figures["tax"], figures["value_added"],
                figures["energy_tce"], figures["emissions_t"], figures["employees"], figures["rd_spend"], aboveScale!.Value)));
        }

        return (rows, issues);
    }

    /// <summary>The result file's columns: <c>credit_code,total_score,class,rank</c> and each indicator's points, 2 decimals.</summary>
    public static IReadOnlyList<string> ResultHeader(PerMuFormula formula) => ["credit_code", "total_score", "class", "rank", .. formula.Indicators.Select(i => i.Id)];

    public static IReadOnlyList<string> ResultRow(PerMuFormula formula, EfficiencyResult result) =>
    [
        result.CreditCode, Two(result.Total), result.Class, result.Rank.ToString(CultureInfo.InvariantCulture),
        .. formula.Indicators.Select(i => Two(PerMuEvaluation.Round2(result.Points[i.Id]))),
    ];

    private static string Two(decimal value) => value.ToString("0.00", CultureInfo.InvariantCulture);
}
