using System.Globalization;
using QualityCity.Domain.Development;
using QualityCity.Web.Modules.Development;
using QualityCity.Web.Modules.Development.Efficiency;
using QualityCity.Web.Modules.Development.Tiers;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Cli.Verbs;

/// <summary>
/// Enterprise development on files, no database: <c>efficiency evaluate</c> runs a per-mu formula over
/// a year of efficiency data, <c>tiers check</c> the tier criteria over enterprises' inputs. Each writes
/// its result file, reports refused rows in <c>FILE.errors.csv</c> beside the input, and exits 1 when
/// the formula or the criteria cannot be used, saying why.
/// </summary>
internal static class DevelopmentVerbs
{
    public static async Task<int> EvaluateEfficiencyAsync(CliContext cli)
    {
        var yearText = cli.Required("year", "Y");
        var rulesPath = cli.Required("rules", "RULES.json");
        var dataPath = cli.Required("data", "FILE");
        var outPath = cli.Required("out", "RESULT.csv");
        if (!int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            throw new CliUsageException($"--year must be a year, not '{yearText}'");
        }

        try
        {
            var formula = PerMuFormula.Parse(await ReadAsync(rulesPath, cli));
            List<(long Row, EfficiencyRow Data)> rows;
            List<DevelopmentIssue> issues;
            using (var file = RegistryFileReader.Open(dataPath))
            {
                (rows, issues) = EfficiencyFile.Read(file);
            }

            var results = PerMuEvaluation.Evaluate(formula, rows.Select(r => r.Data), year);
            await DevelopmentFiles.WriteCsvAsync(outPath, EfficiencyFile.ResultHeader(formula), results.Select(r => EfficiencyFile.ResultRow(formula, r)), cli.CancellationToken);
            await ReportAsync(cli, dataPath, issues);
            await cli.Output.WriteLineAsync($"evaluated={results.Count} rejected={issues.Select(i => i.Row).Distinct().Count()} formula={formula.Id} year={year}");
            return 0;
        }
        catch (PerMuFormulaException e)
        {
            await cli.Error.WriteLineAsync($"cannot evaluate: {e.Message}");
            return 1;
        }
        catch (RegistryFileException e)
        {
            await cli.Error.WriteLineAsync($"cannot read {dataPath}: {e.Message}");
            return 2;
        }
    }

    public static async Task<int> CheckTiersAsync(CliContext cli)
    {
        var dataPath = cli.Required("data", "FILE");
        var version = cli.Required("version", "V");
        var outPath = cli.Required("out", "RESULT.csv");
        var criteriaPath = cli.Options.Value("criteria") ?? DevelopmentFiles.Shipped("tier_criteria.json");
        try
        {
            var criteria = TierCriteria.Parse(await ReadAsync(criteriaPath, cli), version);
            List<(string CreditCode, TierOutcome Outcome)> results;
            List<DevelopmentIssue> issues;
            using (var file = RegistryFileReader.Open(dataPath))
            {
                (results, issues) = TierFile.Check(criteria, file);
            }

            await DevelopmentFiles.WriteCsvAsync(outPath, ["credit_code", "tier", "next_tier", "unmet"],
                results.Select(r => (IReadOnlyList<string>)[r.CreditCode, r.Outcome.Tier, r.Outcome.NextTier, string.Join(";", r.Outcome.Unmet.Select(c => c.Id))]),
                cli.CancellationToken);
            await ReportAsync(cli, dataPath, issues);
            await cli.Output.WriteLineAsync($"checked={results.Count} rejected={issues.Count} version={version}");
            return 0;
        }
        catch (TierCriteriaException e)
        {
            await cli.Error.WriteLineAsync($"cannot check tiers: {e.Message}");
            return 1;
        }
        catch (RegistryFileException e)
        {
            await cli.Error.WriteLineAsync($"cannot read {dataPath}: {e.Message}");
            return 2;
        }
    }

    private static async Task<string> ReadAsync(string path, CliContext cli) =>
        File.Exists(path) ? await File.ReadAllTextAsync(path, cli.CancellationToken) : throw new CliUsageException($"no such file: {path}");

    private static async Task ReportAsync(CliContext cli, string dataPath, List<DevelopmentIssue> issues)
    {
        var report = dataPath + ".errors.csv";
        await DevelopmentFiles.WriteReportAsync(report, issues, cli.CancellationToken);
        foreach (var issue in issues.Take(20))
        {
            await cli.Output.WriteLineAsync($"row {issue.Row}, {issue.Column}: {issue.Reason} ({issue.Value})");
        }

        if (issues.Count > 20)
        {
            await cli.Output.WriteLineAsync($"… {issues.Count - 20} more");
        }

        await cli.Output.WriteLineAsync($"row report: {report}");
    }
}
