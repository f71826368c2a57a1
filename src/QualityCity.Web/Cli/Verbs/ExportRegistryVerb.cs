using QualityCity.Web.Modules.Registry.ExportRegistry;

namespace QualityCity.Web.Cli.Verbs;

/// <summary><c>export registry FILE</c>: the registry as .csv or .xlsx.</summary>
internal static class ExportRegistryVerb
{
    public static async Task<int> RunAsync(CliContext cli)
    {
        var path = cli.RequiredWord("FILE");
        await cli.MigrateAsync();
        try
        {
            var count = await cli.Services.GetRequiredService<RegistryExporter>().ExportAsync(path, cancellationToken: cli.CancellationToken);
            await cli.Output.WriteLineAsync($"exported {count} entities to {path}");
            return 0;
        }
        catch (ArgumentException ex)
        {
            await cli.Error.WriteLineAsync($"error: {ex.Message}");
            return 2;
        }
    }
}
