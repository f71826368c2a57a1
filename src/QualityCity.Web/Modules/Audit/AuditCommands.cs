using System.Text;
using QualityCity.Domain.Audit;
using QualityCity.Web.Data;
using QualityCity.Web.Modules.Audit.Checkpoints;
using QualityCity.Web.Modules.Audit.VerifyAuditLog;

namespace QualityCity.Web.Modules.Audit;

/// <summary>The <c>audit</c> verbs of the command line (docs/cli.md, docs/audit.md).</summary>
internal static class AuditCommands
{
    /// <summary>
    /// <c>audit verify [--checkpoints FILE]</c>: <c>intact: N entries</c> (exit 0), then what the
    /// checkpoints showed; or <c>broken at entry N: why</c> (exit 1); 2 when checkpoints cannot be read.
    /// </summary>
    public static async Task<int> VerifyAsync(IServiceProvider services, string? exportedCheckpoints, TextWriter output, TextWriter error,
        CancellationToken cancellationToken)
    {
        AuditLogReport report;
        try
        {
            report = await services.GetRequiredService<AuditVerifier>().VerifyAsync(exportedCheckpoints, cancellationToken);
        }
        catch (AuditCheckpointsUnreadableException ex)
        {
            await error.WriteLineAsync($"error: cannot read checkpoints: {ex.Message}");
            return 2;
        }

        if (!report.IsIntact)
        {
            await output.WriteLineAsync($"broken at entry {report.Break!.Sequence}: {report.Break.Reason}");
            return 1;
        }

        await output.WriteLineAsync($"intact: {report.EntriesChecked} entries");
        await output.WriteLineAsync(report.LatestCheckpoint is { } latest
            ? $"checkpoints: {report.CheckpointsVerified} verified, latest at entry {latest}"
            : "checkpoints: none");
        if (report.LegacyEntries > 0)
        {
            await output.WriteLineAsync($"legacy: entries 1-{report.LegacyEntries} are plain SHA-256, written before the chain was keyed");
        }

        return 0;
    }

    /// <summary><c>audit checkpoint</c>: signs the head now and prints the checkpoint as a JSON line.</summary>
    public static async Task<int> CheckpointAsync(IServiceProvider services, QualityCityDbContext db, TextWriter output, TextWriter error,
        CancellationToken cancellationToken)
    {
        var written = await services.GetRequiredService<AuditCheckpointStore>().WriteAsync(db, onlyWhenHeadMoved: false, cancellationToken);
        if (written is null)
        {
            await error.WriteLineAsync("error: the audit log is empty: there is no head to sign");
            return 1;
        }

        await output.WriteLineAsync(AuditCheckpoints.ToJsonLine(written));
        return 0;
    }

    /// <summary><c>audit checkpoints [--out FILE]</c>: every valid checkpoint as JSON lines, oldest first.</summary>
    public static async Task<int> ExportCheckpointsAsync(IServiceProvider services, QualityCityDbContext db, string? path, TextWriter output,
        TextWriter error, CancellationToken cancellationToken)
    {
        List<SignedAuditCheckpoint> checkpoints;
        try
        {
            checkpoints = await services.GetRequiredService<AuditCheckpointStore>().ExportAsync(db, cancellationToken);
        }
        catch (AuditCheckpointsUnreadableException ex)
        {
            await error.WriteLineAsync($"error: cannot read checkpoints: {ex.Message}");
            return 2;
        }

        var lines = checkpoints.Select(AuditCheckpoints.ToJsonLine).ToList();
        if (path is null)
        {
            foreach (var line in lines)
            {
                await output.WriteLineAsync(line);
            }

            return 0;
        }

        // "\n" whatever the platform: the file is read line by line by jq, openssl recipes and this verb.
        await File.WriteAllTextAsync(path, string.Concat(lines.Select(l => l + "\n")), new UTF8Encoding(false), cancellationToken);
        await output.WriteLineAsync($"exported {lines.Count} checkpoints to {path}");
        return 0;
    }
}
