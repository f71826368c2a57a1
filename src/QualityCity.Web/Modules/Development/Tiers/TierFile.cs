using QualityCity.Domain.Development;
using QualityCity.Domain.Registry;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Modules.Development.Tiers;

/// <summary>
/// Checks a file of enterprises' inputs against a version of the tier criteria: <c>credit_code</c>
/// and one column per field of the version (README §4 of the reference data; a blank is 否, 0 or
/// <c>none</c>). Each good row gives <c>credit_code,tier,next_tier,unmet</c>; a bad row is reported with
/// its row, column and reason.
/// </summary>
public static class TierFile
{
    /// <summary>The results of the good rows and the refused cells.</summary>
    public static (List<(string CreditCode, TierOutcome Outcome)> Results, List<DevelopmentIssue> Issues) Check(TierCriteria criteria, RegistryFileReader file)
    {
        var (rows, issues) = Read(criteria, file);
        return ([.. rows.Select(r => (r.CreditCode, TierCheck.Check(criteria, r.Input)))], issues);
    }

    /// <summary>The good rows — their code, their cells by field id as given, and the typed inputs — and the refused cells.</summary>
    public static (List<(long Row, string CreditCode, Dictionary<string, string> Cells, TierInput Input)> Rows, List<DevelopmentIssue> Issues) Read(
        TierCriteria criteria, RegistryFileReader file)
    {
        var columns = file.LocateColumns([("credit_code", ["统一社会信用代码"]), .. criteria.Fields.Keys.Select(f => (f, Array.Empty<string>()))]);
        if (!columns.ContainsKey("credit_code"))
        {
            throw new RegistryFileException("缺少必需的列 — required column missing: credit_code");
        }

        var rows = new List<(long, string, Dictionary<string, string>, TierInput)>();
        var issues = new List<DevelopmentIssue>();
        foreach (var raw in file.Rows)
        {
            var cells = raw.CellsBy(columns);
            if (cells.Values.All(string.IsNullOrEmpty))
            {
                continue;
            }

            var code = CreditCode.Check(cells["credit_code"]);
            if (!code.IsAcceptable)
            {
                issues.Add(new DevelopmentIssue(raw.RowNumber, "credit_code", cells["credit_code"], $"{code.ReasonZh} — {code.Reason}"));
                continue;
            }

            try
            {
                var values = cells.Where(c => c.Key != "credit_code").ToDictionary(c => c.Key, c => c.Value, StringComparer.Ordinal);
                rows.Add((raw.RowNumber, code.Code, values, TierInput.Read(criteria, values.ToDictionary(c => c.Key, c => (string?)c.Value, StringComparer.Ordinal))));
            }
            catch (TierCriteriaException e)
            {
                issues.Add(new DevelopmentIssue(raw.RowNumber, e.Key, cells.GetValueOrDefault(e.Key) ?? string.Empty, e.Reason));
            }
        }

        return (rows, issues);
    }
}
