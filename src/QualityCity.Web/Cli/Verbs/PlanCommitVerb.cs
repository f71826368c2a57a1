using System.Globalization;
using QualityCity.Web.Modules.Planning.CommitPlan;

namespace QualityCity.Web.Cli.Verbs;

/// <summary><c>plan commit --year Y --out DIR</c>: freezes the year's pools and prints the commitment digest (INS-9).</summary>
internal static class PlanCommitVerb
{
    public static async Task<int> RunAsync(CliContext cli)
    {
        var yearText = cli.Required("year", "Y");
        if (!int.TryParse(yearText, CultureInfo.InvariantCulture, out var year) || year is < 2000 or > 2100)
        {
            throw new CliUsageException($"--year must be a year such as 2027, not '{yearText}'");
        }

        var outDirectory = cli.Required("out", "DIR");
        await cli.MigrateAsync();
        var (document, digest) = await cli.Services.GetRequiredService<PlanPools>().CommitAsync(year, outDirectory, cli.Db.Actor, cli.CancellationToken);
        await cli.Output.WriteLineAsync($"committed {document.Pools.Count} pools for {year} ({document.Pools.Sum(p => p.PoolSize)} pool entries)");
        await cli.Output.WriteLineAsync($"commitment digest: {digest}");
        return 0;
    }
}
