using System.Globalization;
using System.Text;
using QualityCity.Domain.Common;
using QualityCity.Web.Modules.Jobs.Contracts;
using QualityCity.Web.Modules.Quality.LabImport;
using QualityCity.Web.Modules.ReferenceData;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Cli.Verbs;

/// <summary>
/// <c>import lab FILE</c>: imports a lab's results file (.csv or .xlsx, QLT-1) as the lab page's
/// upload does; prints <c>samples=N items=N rows=N rejected=N</c> and writes the refused rows to
/// <c>FILE.errors.csv</c>, in English. The samples are saved in one transaction at the end, so a run
/// stopped at any point has saved all of them or none, and a second run refuses the saved ones as
/// already recorded.
/// </summary>
internal static class ImportLabVerb
{
    public static async Task<int> RunAsync(CliContext cli)
    {
        var path = cli.RequiredWord("FILE");
        await cli.MigrateAsync();
        await cli.Services.GetRequiredService<ReferenceDataLoader>().LoadAsync(cli.CancellationToken);
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
        var import = cli.Services.GetRequiredService<SampleImport>();
        try
        {
            var report = await import.ImportAsync(path, cli.Db.Actor, new ProgressLines(cli.Error), cli.CancellationToken);
            var reportPath = path + ".errors.csv";
            await using (var errors = new StreamWriter(reportPath, false, new UTF8Encoding(true)))
            {
                await errors.WriteLineAsync("row,sample_no,column,reason");
                foreach (var error in report.Errors)
                {
                    await errors.WriteLineAsync(string.Join(",", error.Row.ToString(CultureInfo.InvariantCulture),
                        SpreadsheetCell.CsvField(error.SampleNo), SpreadsheetCell.CsvField(error.Field), SpreadsheetCell.CsvField(error.Reason)));
                }
            }

            var rejected = report.Errors.Select(e => e.Row).Distinct().Count();
            await cli.Output.WriteLineAsync($"samples={report.Samples} items={report.Items} rows={report.RowsRead} rejected={rejected}");
            await cli.Output.WriteLineAsync($"error report: {reportPath}");
            return 0;
        }
        catch (RegistryFileException ex)
        {
            await cli.Error.WriteLineAsync($"cannot import {path}: {ex.Message}");
            return 2;
        }
    }

    /// <summary>A line on standard error at each hundredth of the rows checked, and at the end.</summary>
    private sealed class ProgressLines(TextWriter error) : IProgress<JobProgress>
    {
        private long _printedAt = -1;

        public void Report(JobProgress value)
        {
            var step = Math.Max(1, (value.Total ?? 0) / 100);
            if (_printedAt < 0 || value.Done - _printedAt >= step || value.Done == value.Total)
            {
                _printedAt = value.Done;
                error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  checked {value.Done} of {value.Total} rows, {value.Failed} refused"));
            }
        }
    }
}
