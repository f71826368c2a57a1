using QualityCity.Web.Modules.Registry.Contracts;
using QualityCity.Web.Modules.Services.Standards;

namespace QualityCity.Web.Cli.Verbs;

/// <summary>
/// The standards library's verbs: <c>import standards FILE</c> (prints
/// <c>inserted=N updated=N unchanged=N rejected=N</c>, the row report in <c>FILE.errors.csv</c>),
/// <c>export standards FILE</c> and <c>standards reindex</c>. Imports write the database only; the
/// running server's index catches up by itself before its next search (ADR 0037).
/// </summary>
internal static class StandardsVerbs
{
    public static async Task<int> ImportAsync(CliContext cli)
    {
        var path = cli.RequiredWord("FILE");
        await cli.MigrateAsync();
        var import = cli.Services.GetRequiredService<StandardsImport>();
        try
        {
            var summary = await import.ImportFileAsync(path, cli.Db.Actor, cancellationToken: cli.CancellationToken);
            await cli.Output.WriteLineAsync(summary.ToString());
            foreach (var issue in summary.Issues.Take(20))
            {
                await cli.Output.WriteLineAsync($"row {issue.Row}, {issue.Column}: {issue.Reason} ({issue.Value})");
            }

            if (summary.Issues.Count > 20)
            {
                await cli.Output.WriteLineAsync($"… {summary.Issues.Count - 20} more");
            }

            await cli.Output.WriteLineAsync($"row report: {summary.ReportPath}");
            return 0;
        }
        catch (RegistryFileException ex)
        {
            await cli.Error.WriteLineAsync($"cannot import {path}: {ex.Message}");
            return 2;
        }
    }

    public static async Task<int> ExportAsync(CliContext cli)
    {
        var path = cli.RequiredWord("FILE");
        await cli.MigrateAsync();
        try
        {
            var count = await cli.Services.GetRequiredService<StandardsExport>().ExportAsync(path, cli.CancellationToken);
            await cli.Output.WriteLineAsync($"exported {count} standards to {path}");
            return 0;
        }
        catch (ArgumentException ex)
        {
            await cli.Error.WriteLineAsync($"error: {ex.Message}");
            return 2;
        }
    }

    public static async Task<int> ReindexAsync(CliContext cli)
    {
        await cli.MigrateAsync();
        try
        {
            var documents = await cli.Services.GetRequiredService<StandardsIndex>().RebuildAsync(cli.CancellationToken);
            await cli.Output.WriteLineAsync($"indexed {documents} standards");
            return 0;
        }
        catch (StandardsIndexBusyException ex)
        {
            await cli.Error.WriteLineAsync($"error: {ex.Message}");
            return 1;
        }
    }
}
