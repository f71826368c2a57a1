using System.Diagnostics;
using System.Globalization;
using QualityCity.Web.Modules.Audit;
using QualityCity.Web.Modules.ReferenceData;
using QualityCity.Web.Modules.Registry.Contracts;
using QualityCity.Web.Modules.Registry.ImportRegistry;

namespace QualityCity.Web.Cli.Verbs;

/// <summary>
/// <c>import registry FILE [--batch N] [--progress SECONDS]</c>: imports a .csv or .xlsx registry file
/// (REG-3), with a progress line on standard error every two seconds, or as often as asked: 0 prints
/// one after every committed batch, for a supervisor that follows the import batch by batch.
/// </summary>
internal static class ImportRegistryVerb
{
    public static async Task<int> RunAsync(CliContext cli)
    {
        var path = cli.RequiredWord("FILE");
        await cli.MigrateAsync();
        await cli.Services.GetRequiredService<ReferenceDataLoader>().LoadAsync(cli.CancellationToken);
        var db = cli.Db;
        var clock = cli.Services.GetRequiredService<TimeProvider>();
        var lastPrinted = DateTimeOffset.MinValue;
        var every = TimeSpan.FromSeconds(cli.Options.Int("progress", 2, minimum: 0));
        var lastRows = -1L;
        var importer = new RegistryImporter(db, cli.Services.GetRequiredService<AuditLog>())
        {
            BatchSize = cli.Options.Value("batch") is null ? null : cli.Options.Int("batch", 2000),
            Progress = job =>
            {
                // A batch of no rows (the file ended on a batch boundary) has nothing new to print.
                if (clock.GetUtcNow() - lastPrinted >= every && job.RowsRead != lastRows)
                {
                    lastPrinted = clock.GetUtcNow();
                    lastRows = job.RowsRead;
                    var percent = job.BytesTotal > 0 ? 100.0 * job.BytesRead / job.BytesTotal : 0;
                    cli.Error.WriteLine($"  {percent,5:0.0}%  rows={job.RowsRead} inserted={job.Inserted} updated={job.Updated} unchanged={job.Unchanged} rejected={job.Rejected}");
                }
            },
        };
        try
        {
            var stopwatch = Stopwatch.StartNew();
            var summary = await importer.ImportAsync(path, db.Actor, cancellationToken: cli.CancellationToken);
            stopwatch.Stop();
            var rows = summary.Inserted + summary.Updated + summary.Unchanged + summary.Rejected;
            await cli.Output.WriteLineAsync(summary.ToString());
            await cli.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"elapsed: {stopwatch.Elapsed.TotalSeconds:0.00} s ({rows / Math.Max(stopwatch.Elapsed.TotalSeconds, 0.001):0} rows/s)"));
            await cli.Output.WriteLineAsync($"error report: {summary.ErrorReportPath}");
            return 0;
        }
        catch (RegistryFileException ex)
        {
            await cli.Error.WriteLineAsync($"cannot read {path}: {ex.Message}");
            return 2;
        }
    }
}
