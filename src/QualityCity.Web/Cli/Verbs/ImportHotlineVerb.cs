using QualityCity.Web.Modules.PublicVoice.Hotline;
using QualityCity.Web.Modules.ReferenceData;
using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Cli.Verbs;

/// <summary>
/// <c>import hotline FILE</c>: imports a 12345 hotline export (.csv or .xlsx); prints
/// <c>inserted=N unchanged=N rejected=N</c> and writes the row report to <c>FILE.errors.csv</c>, in English.
/// </summary>
internal static class ImportHotlineVerb
{
    public static async Task<int> RunAsync(CliContext cli)
    {
        var path = cli.RequiredWord("FILE");
        await cli.MigrateAsync();
        await cli.Services.GetRequiredService<ReferenceDataLoader>().LoadAsync(cli.CancellationToken);
        var import = ActivatorUtilities.CreateInstance<HotlineImport>(cli.Services);
        try
        {
            var summary = await import.ImportFileAsync(path, cli.Db.Actor, cancellationToken: cli.CancellationToken);
            await cli.Output.WriteLineAsync(summary.ToString());
            await cli.Output.WriteLineAsync($"dispatched={summary.Dispatched} warnings={summary.Warnings}");
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
