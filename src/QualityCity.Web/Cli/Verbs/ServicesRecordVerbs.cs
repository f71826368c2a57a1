using QualityCity.Web.Modules.Registry.Contracts;
using QualityCity.Web.Modules.Services.Catalogue;
using QualityCity.Web.Modules.Services.IntellectualProperty;

namespace QualityCity.Web.Cli.Verbs;

/// <summary>
/// <c>import catalogue|patents|trademarks|pledges FILE</c> and <c>export catalogue FILE</c>: the
/// service catalogue and intellectual property (SVC-2, SVC-4) as .csv or .xlsx. An import prints
/// <c>inserted=N updated=N unchanged=N rejected=N</c> and writes the row report to <c>FILE.errors.csv</c>, in English.
/// </summary>
internal static class ServicesRecordVerbs
{
    public static Task<int> ImportCatalogueAsync(CliContext cli) => ImportAsync(cli, CatalogueKind.Instance);

    public static Task<int> ImportPatentsAsync(CliContext cli) => ImportAsync(cli, PatentKind.Instance);

    public static Task<int> ImportTrademarksAsync(CliContext cli) => ImportAsync(cli, TrademarkKind.Instance);

    public static Task<int> ImportPledgesAsync(CliContext cli) => ImportAsync(cli, PledgeKind.Instance);

    public static async Task<int> ExportCatalogueAsync(CliContext cli)
    {
        var path = cli.RequiredWord("FILE");
        await cli.MigrateAsync();
        try
        {
            var count = await cli.Services.GetRequiredService<RecordExport>().ExportAsync(CatalogueKind.Instance, path, cli.CancellationToken);
            await cli.Output.WriteLineAsync($"exported {count} catalogue items to {path}");
            return 0;
        }
        catch (ArgumentException ex)
        {
            await cli.Error.WriteLineAsync($"error: {ex.Message}");
            return 2;
        }
    }

    private static async Task<int> ImportAsync<T>(CliContext cli, RecordKind<T> kind)
        where T : class, IImportedRecord
    {
        var path = cli.RequiredWord("FILE");
        await cli.MigrateAsync();
        var import = cli.Services.GetRequiredService<RecordImport>();
        try
        {
            var summary = await import.ImportFileAsync(kind, path, cli.Db.Actor, cancellationToken: cli.CancellationToken);
            await cli.Output.WriteLineAsync(summary.ToString());
            await cli.Output.WriteLineAsync($"error report: {summary.ReportPath}");
            return 0;
        }
        catch (RegistryFileException ex)
        {
            await cli.Error.WriteLineAsync($"cannot import {path}: {ex.Message}");
            return 2;
        }
    }
}
