using Microsoft.EntityFrameworkCore;
using QualityCity.Web.Modules.Inspections;

namespace QualityCity.Web.Cli.Verbs;

/// <summary><c>visit code VISITKEY</c>: the current signed code of a registered visit (EXE-1).</summary>
internal static class VisitCodeVerb
{
    public static async Task<int> RunAsync(CliContext cli)
    {
        var visitKey = cli.RequiredWord("VISITKEY");
        await cli.MigrateAsync();
        var visit = await cli.Db.Visits.AsNoTracking().Where(v => v.VisitKey == visitKey)
            .OrderByDescending(v => v.Status == VisitStatus.Registered).ThenByDescending(v => v.Id).FirstOrDefaultAsync(cli.CancellationToken);
        if (visit is null)
        {
            await cli.Error.WriteLineAsync($"no registered visit {visitKey}");
            return 1;
        }

        if (visit.Status != VisitStatus.Registered)
        {
            await cli.Error.WriteLineAsync($"visit {visitKey} is {visit.Status}: {visit.CancelReason}");
            return 1;
        }

        await cli.Output.WriteLineAsync(visit.Code);
        return 0;
    }
}
