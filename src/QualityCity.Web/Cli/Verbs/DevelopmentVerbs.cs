using System.Globalization;
using QualityCity.Domain.Development;
using QualityCity.Web.Modules.Development;
using QualityCity.Web.Modules.Development.Efficiency;
using QualityCity.Web.Modules.Development.Tiers;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Cli.Verbs;

/// <summary>
/// Enterprise development: <c>import efficiency-data</c> brings in yearly figures; <c>efficiency
/// evaluate</c> runs a per-mu formula over a year of them (or of a file); <c>tiers check</c> the tier
/// criteria over enterprises' inputs in a file. Each reports refused rows in <c>FILE.errors.csv</c>
/// beside its input, and exits 1 when the formula or the criteria cannot be used, saying why.
/// </summary>
internal static class DevelopmentVerbs
{
    /// <summary><c>import efficiency-data FILE</c>: the yearly figures into the database; prints <c>inserted=N updated=N unchanged=N rejected=N</c>.</summary>
    public static async Task<int> ImportEfficiencyAsync(CliContext cli)
    {
        var path = cli.RequiredWord("FILE");
        await cli.MigrateAsync();
        try
        {
            var summary = await cli.Services.GetRequiredService<EfficiencyImport>().ImportFileAsync(path, cli.Db.Actor, cancellationToken: cli.CancellationToken);
            await cli.Output.WriteLineAsync(summary.ToString());
            await PrintIssuesAsync(cli, summary.ReportPath, summary.Issues);
            return 0;
        }
        catch (RegistryFileException e)
        {
            await cli.Error.WriteLineAsync($"cannot import {path}: {e.Message}");
            return 2;
        }
    }

    /// <summary>
    /// <c>efficiency evaluate</c>: over the imported figures, or with <c>--data FILE</c> over a file
    /// (no database; its bad rows reported in <c>FILE.errors.csv</c>).
    /// </summary>
    public static async Task<int> EvaluateEfficiencyAsync(CliContext cli)
    {
        var yearText = cli.Required("year", "Y");
        var rulesPath = cli.Required("rules", "RULES.json");
        var outPath = cli.Required("out", "RESULT.csv");
        var dataPath = cli.Options.Value("data");
        if (!int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var year))
        {
            throw new CliUsageException($"--year must be a year, not '{yearText}'");
        }

        try
        {
            var formula = PerMuFormula.Parse(await ReadAsync(rulesPath, cli));
            List<EfficiencyRow> rows;
            var rejected = 0;
            if (dataPath is null)
            {
                await cli.MigrateAsync();
                rows = await cli.Services.GetRequiredService<EfficiencyImport>().RowsAsync(year, cli.CancellationToken);
            }
            else
            {
                List<DevelopmentIssue> issues;
                using (var file = RegistryFileReader.Open(dataPath))
                {
                    List<(long Row, EfficiencyRow Data)> read;
                    (read, issues) = EfficiencyFile.Read(file);
                    rows = [.. read.Select(r => r.Data)];
                }

                await DevelopmentFiles.WriteReportAsync(dataPath + ".errors.csv", issues, cli.CancellationToken);
                await PrintIssuesAsync(cli, dataPath + ".errors.csv", issues);
                rejected = issues.Select(i => i.Row).Distinct().Count();
            }

            var results = PerMuEvaluation.Evaluate(formula, rows, year);
            await DevelopmentFiles.WriteCsvAsync(outPath, EfficiencyFile.ResultHeader(formula), results.Select(r => EfficiencyFile.ResultRow(formula, r)), cli.CancellationToken);
            await cli.Output.WriteLineAsync($"evaluated={results.Count} rejected={rejected} formula={formula.Id} year={year}");
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
            await DevelopmentFiles.WriteReportAsync(dataPath + ".errors.csv", issues, cli.CancellationToken);
            await PrintIssuesAsync(cli, dataPath + ".errors.csv", issues);
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

    /// <summary><c>import tier-data FILE --version V</c>: enterprises' inputs to the criteria into the database; prints <c>inserted=N updated=N rejected=N</c>.</summary>
    public static async Task<int> ImportTierDataAsync(CliContext cli)
    {
        var path = cli.RequiredWord("FILE");
        var version = cli.Required("version", "V");
        await cli.MigrateAsync();
        try
        {
            var criteria = TierViews.Criteria(version);
            var summary = await cli.Services.GetRequiredService<TierProfileImport>().ImportFileAsync(criteria, path, cli.Db.Actor, cli.CancellationToken);
            await DevelopmentFiles.WriteReportAsync(path + ".errors.csv", summary.Issues, cli.CancellationToken);
            await cli.Output.WriteLineAsync(summary.ToString());
            await PrintIssuesAsync(cli, path + ".errors.csv", summary.Issues);
            return 0;
        }
        catch (TierCriteriaException e)
        {
            await cli.Error.WriteLineAsync($"cannot import tier data: {e.Message}");
            return 1;
        }
        catch (RegistryFileException e)
        {
            await cli.Error.WriteLineAsync($"cannot import {path}: {e.Message}");
            return 2;
        }
    }

    private static async Task<string> ReadAsync(string path, CliContext cli) =>
        File.Exists(path) ? await File.ReadAllTextAsync(path, cli.CancellationToken) : throw new CliUsageException($"no such file: {path}");

    /// <summary>Prints the first refused rows and where the whole report is.</summary>
    private static async Task PrintIssuesAsync(CliContext cli, string report, IReadOnlyList<DevelopmentIssue> issues)
    {
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
