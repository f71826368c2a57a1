using QualityCity.Web.Modules.Planning.DrawPlan;

namespace QualityCity.Web.Cli.Verbs;

/// <summary>
/// <c>plan draw --commitment FILE --seed S --out DIR [--reason TEXT]</c>: draws with the public seed
/// and writes the draw record and the plan.
/// </summary>
internal static class PlanDrawVerb
{
    public static async Task<int> RunAsync(CliContext cli)
    {
        var commitment = cli.Required("commitment", "FILE");
        var seed = cli.Required("seed", "S");
        var outDirectory = cli.Required("out", "DIR");
        if (seed.Count(char.IsAsciiDigit) < 20)
        {
            await cli.Error.WriteLineAsync("note: a public seed should have at least 20 decimal digits (e.g. from dice rolled at the draw meeting)");
        }

        await cli.MigrateAsync();
        try
        {
            var (draw, plan, _) = await cli.Services.GetRequiredService<PlanDraw>()
                .RunFromFilesAsync(commitment, seed, outDirectory, cli.Db.Actor, cli.Options.Value("reason"), cli.CancellationToken);
            await cli.Output.WriteLineAsync($"drew {draw.Strata.Sum(s => s.Selected.Count)} enterprises in {draw.Strata.Count} strata; " +
                $"{plan.Totals.Obligations} obligations, {plan.Totals.VisitsIfSeparate} visits if separate, {plan.Totals.VisitsMerged} merged; " +
                $"{plan.Totals.Recognised} recognised, {plan.Totals.CapViolations} over a cap, {plan.Totals.Understaffed} understaffed, " +
                $"{plan.Totals.MovedForCapacity} moved for capacity");
            await cli.Output.WriteLineAsync($"wrote {Path.Combine(outDirectory, "draw.json")} and {Path.Combine(outDirectory, "plan.json")}");
            return 0;
        }
        catch (DrawRefusedException ex)
        {
            await cli.Error.WriteLineAsync($"refused: {ex.Message}");
            return 1;
        }
    }
}
