using System.Text;
using QualityCity.Domain.Audit;
using QualityCity.Web.Modules.Audit.Checkpoints;
using QualityCity.Web.Modules.Audit.VerifyAuditLog;

namespace QualityCity.Web.Cli.Verbs;

/// <summary>The <c>audit</c> verbs of the command line (docs/cli.md, docs/audit.md).</summary>
internal static class AuditVerbs
{
    /// <summary>
    /// <c>audit verify [--checkpoints FILE]</c>: <c>intact: N entries</c> (exit 0), then what the
    /// checkpoints showed; or <c>broken at entry N: why</c> (exit 1); 2 when checkpoints cannot be read.
    /// </summary>
    public static async Task<int> VerifyAsync(CliContext cli)
    {
        await cli.MigrateAsync();
        AuditLogReport report;
        try
        {
            report = await cli.Services.GetRequiredService<AuditVerifier>().VerifyAsync(cli.Options.Value("checkpoints"), cli.CancellationToken);
        }
        catch (AuditCheckpointsUnreadableException ex)
        {
            await cli.Error.WriteLineAsync($"error: cannot read checkpoints: {ex.Message}");
            return 2;
        }

        await WriteReportAsync(cli.Output, report);
        return report.IsIntact ? 0 : 1;
    }

    /// <summary>A verification's outcome as <c>audit verify</c> prints it (also after a restore).</summary>
    public static async Task WriteReportAsync(TextWriter output, AuditLogReport report)
    {
        if (!report.IsIntact)
        {
            await output.WriteLineAsync($"broken at entry {report.Break!.Sequence}: {report.Break.Reason}");
            return;
        }

        await output.WriteLineAsync($"intact: {report.EntriesChecked} entries");
        await output.WriteLineAsync(report.LatestCheckpoint is { } latest
            ? $"checkpoints: {report.CheckpointsVerified} verified, latest at entry {latest}"
            : "checkpoints: none");
        if (report.LegacyEntries > 0)
        {
            await output.WriteLineAsync($"legacy: entries 1-{report.LegacyEntries} are plain SHA-256, written before the chain was keyed");
        }
    }

    /// <summary><c>audit checkpoint</c>: signs the head now and prints the checkpoint as a JSON line.</summary>
    public static async Task<int> CheckpointAsync(CliContext cli)
    {
        await cli.MigrateAsync();
        var written = await cli.Services.GetRequiredService<AuditCheckpointStore>().WriteAsync(cli.Db, onlyWhenHeadMoved: false, cli.CancellationToken);
        if (written is null)
        {
            await cli.Error.WriteLineAsync("error: the audit log is empty: there is no head to sign");
            return 1;
        }

        await cli.Output.WriteLineAsync(AuditCheckpoints.ToJsonLine(written));
        return 0;
    }

    /// <summary><c>audit checkpoints [--out FILE]</c>: every valid checkpoint as JSON lines, oldest first.</summary>
    public static async Task<int> ExportCheckpointsAsync(CliContext cli)
    {
        await cli.MigrateAsync();
        var path = cli.Options.Value("out");
        List<SignedAuditCheckpoint> checkpoints;
        try
        {
            checkpoints = await cli.Services.GetRequiredService<AuditCheckpointStore>().ExportAsync(cli.Db, cli.CancellationToken);
        }
        catch (AuditCheckpointsUnreadableException ex)
        {
            await cli.Error.WriteLineAsync($"error: cannot read checkpoints: {ex.Message}");
            return 2;
        }

        var lines = checkpoints.Select(AuditCheckpoints.ToJsonLine).ToList();
        if (path is null)
        {
            foreach (var line in lines)
            {
                await cli.Output.WriteLineAsync(line);
            }

            return 0;
        }

        // "\n" whatever the platform: the file is read line by line by jq, openssl recipes and this verb.
        await File.WriteAllTextAsync(path, string.Concat(lines.Select(l => l + "\n")), new UTF8Encoding(false), cli.CancellationToken);
        await cli.Output.WriteLineAsync($"exported {lines.Count} checkpoints to {path}");
        return 0;
    }
}
