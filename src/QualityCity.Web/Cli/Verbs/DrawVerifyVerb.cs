using QualityCity.Web.Modules.Planning.DrawPlan;

namespace QualityCity.Web.Cli.Verbs;

/// <summary><c>draw verify --record FILE --pools DIR</c>: recomputes a published draw record from its pool files; no database.</summary>
internal static class DrawVerifyVerb
{
    public static async Task<int> RunAsync(CliContext cli)
    {
        var record = cli.Required("record", "FILE");
        var pools = cli.Required("pools", "DIR");
        var difference = await DrawVerifier.VerifyAsync(record, pools, cli.CancellationToken);
        await cli.Output.WriteLineAsync(difference is null ? "match" : $"mismatch: {difference}");
        return difference is null ? 0 : 1;
    }
}
