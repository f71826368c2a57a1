using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Demo;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.ReferenceData;

namespace QualityCity.Web.Cli.Verbs;

/// <summary>The <c>demo</c> verb's two forms: load the demo city, or write its registry as a CSV file.</summary>
internal static class DemoVerb
{
    /// <summary><c>demo [--enterprises N] [--seed S]</c>: loads the demo city, only into an empty registry.</summary>
    public static async Task<int> LoadAsync(CliContext cli)
    {
        await cli.MigrateAsync();
        await cli.Services.GetRequiredService<ReferenceDataLoader>().LoadAsync(cli.CancellationToken);
        if (await cli.Db.MarketEntities.AnyAsync(cli.CancellationToken))
        {
            await cli.Error.WriteLineAsync("error: the registry is not empty; the demo city loads only into an empty database");
            return 1;
        }

        // Progress and the summary in the console's language (Console:Language), as the server prints them.
        var console = new StartupConsole(cli.Output, StartupConsole.LanguageOf(cli.Services.GetRequiredService<IConfiguration>()),
            cli.Services.GetRequiredService<Localization.Text>());
        await cli.Services.GetRequiredService<DemoCity>()
            .LoadAsync(cli.Options.Int("enterprises", 20_000), cli.Options.Value("seed") ?? "liaocheng", console, cli.CancellationToken);
        console.Write(console.Say("演示账号（密码 {0}）：{1}", DemoCity.DemoPassword, string.Join(", ", DemoCity.Accounts.Select(a => a.UserName))));
        return 0;
    }

    /// <summary><c>demo --csv FILE [--enterprises N] [--seed S]</c>: streams a registry CSV of synthetic entities; no database.</summary>
    public static async Task<int> WriteCsvAsync(CliContext cli)
    {
        var path = cli.Options.Value("csv")!;
        long written;
        try
        {
            written = await DemoCsv.WriteAsync(path, cli.Options.Int("enterprises", 1_000_000), cli.Options.Value("seed") ?? "liaocheng", cli.CancellationToken,
                cli.Options.Value("province"));
        }
        catch (ArgumentException ex)
        {
            throw new CliUsageException(ex.Message);
        }

        await cli.Output.WriteLineAsync($"wrote {written} rows to {path}");
        return 0;
    }
}
