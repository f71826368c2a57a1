using System.Globalization;
using QualityCity.Web.Modules.ReferenceData;
using QualityCity.Web.Modules.Registry.Partitions;

namespace QualityCity.Web.Cli.Verbs;

/// <summary>
/// <c>registry partitions</c>, <c>registry partition --city C</c> and <c>registry shard --city C --to CONN</c>:
/// the registry's partitions by city on PostgreSQL, with the samples' and the inspections' (ADR 0047, ADR 0050, ADR 0051).
/// </summary>
internal static class RegistryPartitionVerbs
{
    public static Task<int> ListAsync(CliContext cli) => RunAsync(cli, async partitions =>
    {
        foreach (var partition in await partitions.ListAsync(cli.CancellationToken))
        {
            var where = partition.Server is null ? "local" : "on " + partition.Server;
            await cli.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{partition.Name}\t{partition.City ?? "default"}\t{where}\t{partition.Rows} {partition.What}"));
        }
    });

    public static Task<int> CarveAsync(CliContext cli)
    {
        var city = cli.Required("city", "CITY");
        return RunAsync(cli, async partitions =>
        {
            var carved = await partitions.CarveCityAsync(city, cli.CancellationToken);
            if (carved.Count == 0)
            {
                await cli.Output.WriteLineAsync($"city {city} has its partition already");
            }

            foreach (var partition in carved)
            {
                await cli.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"partition {partition.Name}: {partition.Rows} {partition.What} moved from the default partition"));
            }
        });
    }

    public static Task<int> ShardAsync(CliContext cli)
    {
        var city = cli.Required("city", "CITY");
        var to = cli.Required("to", "CONNECTION");
        return RunAsync(cli, async partitions =>
        {
            foreach (var partition in await partitions.MoveCityToShardAsync(city, to, cli.CancellationToken))
            {
                await cli.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"partition {partition.Name}: {partition.Rows} {partition.What} moved to the shard, read and written there through postgres_fdw"));
            }
        });
    }

    private static async Task<int> RunAsync(CliContext cli, Func<RegistryPartitions, Task> work)
    {
        await cli.MigrateAsync();
        // A city is checked against the regions, which a new database has only once they are loaded.
        await cli.Services.GetRequiredService<ReferenceDataLoader>().LoadAsync(cli.CancellationToken);
        try
        {
            await work(new RegistryPartitions(cli.Db));
            return 0;
        }
        catch (RegistryPartitionException ex)
        {
            await cli.Error.WriteLineAsync($"error: {ex.Message}");
            return 2;
        }
    }
}
