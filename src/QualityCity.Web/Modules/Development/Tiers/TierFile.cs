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
        var columns = file.LocateColumns([("credit_code", ["统一社会信用代码"]), .. criteria.Fields.Keys.Select(f => (f, Array.Empty<string>()))]);
        if (!columns.ContainsKey("credit_code"))
        {
            throw new RegistryFileException("缺少必需的列 — required column missing: credit_code");
        }

        var results = new List<(string, TierOutcome)>();
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
                var input = TierInput.Read(criteria, cells.ToDictionary(c => c.Key, c => (string?)c.Value, StringComparer.Ordinal));
                results.Add((code.Code, TierCheck.Check(criteria, input)));
            }
            catch (TierCriteriaException e)
            {
                issues.Add(new DevelopmentIssue(raw.RowNumber, e.Key, cells.GetValueOrDefault(e.Key) ?? string.Empty, e.Reason));
            }
        }

        return (results, issues);
    }
}
