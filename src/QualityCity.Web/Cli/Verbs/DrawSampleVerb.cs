using QualityCity.Domain.Planning;

namespace QualityCity.Web.Cli.Verbs;

/// <summary>
/// <c>draw sample --seed S --k K --pool FILE</c>: QC-DRAW-1 on a pool file, so that anyone can
/// re-run a published draw (INS-9); no database.
/// </summary>
internal static class DrawSampleVerb
{
    public static async Task<int> RunAsync(CliContext cli)
    {
        var seed = cli.Required("seed", "S");
        _ = cli.Required("k", "K");
        var k = cli.Options.Int("k", 1);
        var poolPath = cli.Required("pool", "FILE");
        if (!File.Exists(poolPath))
        {
            await cli.Error.WriteLineAsync($"cannot read {poolPath}: file not found");
            return 2;
        }

        // One id per line; a trailing newline or Windows line ends do not make ids of their own.
        var ids = (await File.ReadAllLinesAsync(poolPath, cli.CancellationToken)).Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0);
        try
        {
            foreach (var drawn in DrawTickets.Sample(seed, ids, k))
            {
                await cli.Output.WriteLineAsync($"{drawn.Id} {drawn.Ticket}");
            }
        }
        catch (ArgumentException ex)
        {
            await cli.Error.WriteLineAsync($"invalid pool {poolPath}: {ex.Message}");
            return 2;
        }

        return 0;
    }
}
