using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.Audit;
using QualityCity.Web.Data;
using QualityCity.Web.Hosting;

namespace QualityCity.Web.Modules.Audit.Checkpoints;

/// <summary>
/// Writes and reads signed checkpoints of the audit log's head. Each one goes to the table
/// <c>audit_checkpoints</c> and, as a JSON line, to a file outside the database
/// (<c>Audit:CheckpointFilePath</c>, default <c>{data}/audit/checkpoints.jsonl</c>): whoever empties
/// the table to hide removed entries still leaves the file, and whoever keeps an exported copy holds
/// a third.
/// </summary>
public sealed class AuditCheckpointStore(AuditCheckpointKey key, IConfiguration configuration, DatabaseSettings database, TimeProvider time)
{
    // Appends from this process one at a time; other processes are kept out by the file lock.
    private static readonly SemaphoreSlim FileGate = new(1, 1);

    public string FilePath { get; } = FilePathFrom(configuration, database);

    /// <summary>Where this installation keeps the checkpoint file, without making the store (and its key).</summary>
    public static string FilePathFrom(IConfiguration configuration, DatabaseSettings database) =>
        configuration["Audit:CheckpointFilePath"] is { Length: > 0 } configured
            ? configured
            : Path.Combine(database.DataDirectory, "audit", "checkpoints.jsonl");

    /// <summary>
    /// Signs the current head and keeps it in the table and the file. Null when the log is empty,
    /// or, with <paramref name="onlyWhenHeadMoved"/>, when a checkpoint of this head exists already.
    /// </summary>
    public async Task<SignedAuditCheckpoint?> WriteAsync(QualityCityDbContext db, bool onlyWhenHeadMoved, CancellationToken cancellationToken)
    {
        var head = await db.AuditEntries.AsNoTracking()
            .OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash })
            .FirstOrDefaultAsync(cancellationToken);
        if (head is null)
        {
            return null;
        }

        if (onlyWhenHeadMoved && await db.AuditCheckpoints.AnyAsync(c => c.Sequence == head.Sequence && c.HeadHash == head.Hash, cancellationToken))
        {
            return null;
        }

        var checkpoint = key.Sign(head.Sequence, head.Hash, time.GetUtcNow());
        db.AuditCheckpoints.Add(AuditCheckpointRecord.From(checkpoint));
        await db.SaveChangesAsync(cancellationToken);
        await AppendToFileAsync(checkpoint, cancellationToken);
        return checkpoint;
    }

    /// <summary>Every checkpoint of the table and the file, and of <paramref name="exportedFile"/> when given, unchecked.</summary>
    /// <exception cref="AuditCheckpointsUnreadableException">A source cannot be read, or holds a line that is not a checkpoint.</exception>
    public async Task<List<SignedAuditCheckpoint>> ReadAllAsync(QualityCityDbContext db, string? exportedFile, CancellationToken cancellationToken)
    {
        List<AuditCheckpointRecord> rows;
        try
        {
            rows = await db.AuditCheckpoints.AsNoTracking().ToListAsync(cancellationToken);
        }
        catch (DbException ex)
        {
            throw new AuditCheckpointsUnreadableException($"the table audit_checkpoints cannot be read: {ex.Message}");
        }

        var all = rows.Select(r => r.ToSigned()).ToList();
        all.AddRange(await ReadFileAsync(FilePath, mustExist: false, cancellationToken));
        if (exportedFile is not null)
        {
            all.AddRange(await ReadFileAsync(exportedFile, mustExist: true, cancellationToken));
        }

        return all;
    }

    /// <summary>
    /// The checkpoints worth keeping: those of the table and the file whose signature holds, each
    /// once, oldest first.
    /// </summary>
    public async Task<List<SignedAuditCheckpoint>> ExportAsync(QualityCityDbContext db, CancellationToken cancellationToken)
    {
        var all = await ReadAllAsync(db, exportedFile: null, cancellationToken);
        using var publicKey = key.OpenPublicKey();
        return all.Distinct()
            .Where(c => AuditCheckpoints.SignatureProblem(c, publicKey) is null)
            .OrderBy(c => c.Checkpoint.Sequence).ThenBy(c => c.Checkpoint.Time)
            .ToList();
    }

    private static async Task<List<SignedAuditCheckpoint>> ReadFileAsync(string path, bool mustExist, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return mustExist ? throw new AuditCheckpointsUnreadableException($"{path}: file not found") : [];
        }

        string text;
        try
        {
            await using var stream = await OpenWithRetryAsync(() => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite), cancellationToken);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            text = await reader.ReadToEndAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new AuditCheckpointsUnreadableException($"{path}: {ex.Message}");
        }

        var checkpoints = new List<SignedAuditCheckpoint>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Trim().Length == 0)
            {
                continue;
            }

            checkpoints.Add(AuditCheckpoints.FromJsonLine(line, out var problem)
                ?? throw new AuditCheckpointsUnreadableException($"{path} line {i + 1} is not a checkpoint: {problem}"));
        }

        return checkpoints;
    }

    private async Task AppendToFileAsync(SignedAuditCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        var line = Encoding.UTF8.GetBytes(AuditCheckpoints.ToJsonLine(checkpoint) + "\n");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(FilePath))!);
        await FileGate.WaitAsync(cancellationToken);
        try
        {
            // FileShare.None takes an exclusive lock, so a server and a command-line verb appending at
            // the same moment cannot interleave or overwrite each other's lines.
            await using var stream = await OpenWithRetryAsync(() => new FileStream(FilePath, FileMode.Append, FileAccess.Write, FileShare.None), cancellationToken);
            await stream.WriteAsync(line, cancellationToken);
            await stream.FlushAsync(cancellationToken);
            stream.Flush(flushToDisk: true);
        }
        finally
        {
            FileGate.Release();
        }
    }

    // Another process holding the file's lock makes opening fail for a moment; wait for it.
    private static async Task<FileStream> OpenWithRetryAsync(Func<FileStream> open, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return open();
            }
            catch (IOException) when (attempt < 50)
            {
                await Task.Delay(20, cancellationToken);
            }
        }
    }
}

/// <summary>A checkpoint source (the table, the file, an exported copy) that cannot be read.</summary>
public sealed class AuditCheckpointsUnreadableException(string message) : Exception(message);
