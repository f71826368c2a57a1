using System.Data.Common;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using QualityCity.Web.Backups;
using QualityCity.Web.Hosting;
using QualityCity.Web.Modules.Audit.Checkpoints;
using QualityCity.Web.Modules.Audit.VerifyAuditLog;

namespace QualityCity.Web.Cli.Verbs;

/// <summary>
/// <c>backup --out PATH</c> and <c>restore --from PATH</c>: the database and the data directory's
/// files in one archive, and back into an empty installation (docs/operations.md, ADR 44). Neither
/// applies migrations first: a backup taken before an upgrade must be of the database as it was.
/// </summary>
internal static class BackupVerbs
{
    /// <summary><c>backup --out PATH</c>: 0 written, 1 refused or failed (nothing is left at PATH then).</summary>
    public static async Task<int> BackupAsync(CliContext cli)
    {
        var path = Path.GetFullPath(cli.Required("out", "PATH"));
        if (File.Exists(path) || Directory.Exists(path))
        {
            await cli.Error.WriteLineAsync($"error: {path} exists: a backup never replaces a file");
            return 1;
        }

        if (!Directory.Exists(Path.GetDirectoryName(path)))
        {
            await cli.Error.WriteLineAsync($"error: the folder {Path.GetDirectoryName(path)} does not exist");
            return 1;
        }

        var settings = cli.Services.GetRequiredService<DatabaseSettings>();
        var configuration = cli.Services.GetRequiredService<IConfiguration>();
        var database = DatabaseCopy.For(settings, configuration);
        var staging = Path.Combine(Path.GetDirectoryName(path)!, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(staging);
            var entries = new List<(string Name, string Source)>();

            // The checkpoint file before the database: every checkpoint in the copy then signs an entry
            // the database copy holds (the log only grows), so the restored log verifies against it.
            var checkpoints = AuditCheckpointStore.FilePathFrom(configuration, settings);
            if (File.Exists(checkpoints))
            {
                var copied = Path.Combine(staging, "checkpoints.jsonl");
                await File.WriteAllTextAsync(copied, await WholeLinesAsync(checkpoints, cli.CancellationToken), cli.CancellationToken);
                entries.Add((BackupArchive.CheckpointsName, copied));
            }

            var databaseFile = Path.Combine(staging, "database");
            List<TableContent> tables = [];
            string? migration = null;
            await database.CopyToAsync(databaseFile, async (connection, transaction) =>
            {
                tables = await TableContents.ReadAsync(connection, transaction, cli.CancellationToken);
                if (tables.Any(t => t.Table == HistoryRepository.DefaultTableName))
                {
                    await using var last = TableContents.Command(connection, transaction,
                        $"SELECT max(\"MigrationId\") FROM \"{HistoryRepository.DefaultTableName}\"");
                    migration = await last.ExecuteScalarAsync(cli.CancellationToken) as string;
                }
            }, cli.CancellationToken);
            if (migration is null)
            {
                await cli.Error.WriteLineAsync("error: the database has no migrations applied: there is nothing to back up");
                return 1;
            }

            entries.Add((database.ArchiveName, databaseFile));

            // The files after the database: the platform stores a file before the row that names it, so
            // every file the copy names is here (a file newer than the copy is carried along unnamed).
            foreach (var folder in BackupArchive.DataFolders.Select(f => Path.Combine(settings.DataDirectory, f)).Where(Directory.Exists))
            {
                foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
                {
                    // An upload still being written (AttachmentStore's temporary name).
                    if (!file.EndsWith(".part", StringComparison.Ordinal))
                    {
                        var name = Path.GetRelativePath(settings.DataDirectory, file).Replace(Path.DirectorySeparatorChar, '/');
                        entries.Add(($"{BackupArchive.DataFolder}/{name}", file));
                    }
                }
            }

            var keys = BackupKeys.Held(cli.Services);
            var createdAt = new DateTimeOffset(cli.Services.GetRequiredService<PlatformClock>().UtcNow);
            var manifest = await BackupArchive.WriteAsync(path, entries,
                files => new BackupManifest(BackupManifest.FormatName, BackupManifest.CurrentVersion, database.Kind, migration, createdAt, keys, tables, files),
                cli.CancellationToken);
            await cli.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"wrote {path}: the {database.Kind} database ({tables.Count} tables, {tables.Sum(t => t.Rows)} rows, migration {migration}) " +
                $"and {Files(manifest.Files.Count - 1)}, {new FileInfo(path).Length / 1048576.0:0.0} MB"));
            return 0;
        }
        catch (Exception ex) when (ex is BackupException or DbException or IOException or UnauthorizedAccessException)
        {
            await cli.Error.WriteLineAsync($"error: {ex.Message}");
            return 1;
        }
        finally
        {
            DeleteFolder(staging);
        }
    }

    /// <summary>
    /// <c>restore --from PATH</c>: 0 restored and verified; 1 refused or failed, the installation as it
    /// was; 2 restored, but the tables or the audit log do not verify.
    /// </summary>
    public static async Task<int> RestoreAsync(CliContext cli)
    {
        var path = Path.GetFullPath(cli.Required("from", "PATH"));
        var settings = cli.Services.GetRequiredService<DatabaseSettings>();
        var configuration = cli.Services.GetRequiredService<IConfiguration>();
        var database = DatabaseCopy.For(settings, configuration);
        // Inside the data directory, so that putting the files in place is a rename.
        var staging = Path.Combine(settings.DataDirectory, $".restore-{Guid.NewGuid():N}");
        try
        {
            if (!File.Exists(path))
            {
                throw new BackupException($"{path}: no such file");
            }

            // Everything is checked before anything is touched.
            var manifest = await BackupArchive.ExtractAsync(path, staging, cli.CancellationToken);
            var targets = await CheckRestoreAsync(cli, manifest, database, settings, configuration);
            await cli.Output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"archive: {manifest.Database} backup of {manifest.CreatedAtUtc:yyyy-MM-dd HH:mm:ss}Z, migration {manifest.Migration}, " +
                $"{manifest.Tables.Count} tables and {Files(targets.Count)}, checked"));

            await PutInPlaceAsync(cli, database, Path.Combine(staging, database.ArchiveName),
                targets.Select(t => (Path.Combine(staging, t.Key), t.Value)).ToList());
            await cli.Output.WriteLineAsync($"restored: the database and {Files(targets.Count)}");
            return await VerifyRestoredAsync(cli, manifest, database);
        }
        catch (Exception ex) when (ex is BackupException or DbException or IOException or UnauthorizedAccessException)
        {
            await cli.Error.WriteLineAsync($"error: {ex.Message}");
            return 1;
        }
        finally
        {
            DeleteFolder(staging);
        }
    }

    /// <summary>
    /// The refusals: another kind of database, a newer version's archive, keys not in place, a database
    /// or data folder that is not empty. Returns where each file of the archive goes.
    /// </summary>
    private static async Task<Dictionary<string, string>> CheckRestoreAsync(CliContext cli, BackupManifest manifest, DatabaseCopy database,
        DatabaseSettings settings, IConfiguration configuration)
    {
        if (manifest.Database != database.Kind)
        {
            throw new BackupException($"the archive is a copy of a {manifest.Database} database; this installation uses {database.Kind} (QC_DATABASE)");
        }

        if (manifest.Files.All(f => f.Path != database.ArchiveName))
        {
            throw new BackupException("not a QualityCity backup: it holds no copy of the database");
        }

        if (!cli.Db.Database.GetMigrations().Contains(manifest.Migration, StringComparer.Ordinal))
        {
            throw new BackupException($"the archive was made by a newer version of QualityCity (its last migration, {manifest.Migration}, is unknown here): " +
                "restore it with that version or a later one");
        }

        var checkpoints = AuditCheckpointStore.FilePathFrom(configuration, settings);
        var targets = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in manifest.Files.Where(f => f.Path != database.ArchiveName))
        {
            var segments = file.Path.Split('/');
            targets[file.Path] = file.Path == BackupArchive.CheckpointsName ? checkpoints
                : segments.Length > 2 && segments[0] == BackupArchive.DataFolder && BackupArchive.DataFolders.Contains(segments[1])
                    ? Path.Combine([settings.DataDirectory, .. segments[1..]])
                : throw new BackupException($"the archive holds {file.Path}, which this version of QualityCity does not restore");
        }

        var missingKeys = BackupKeys.Missing(manifest.Keys, cli.Services);
        if (missingKeys.Count > 0)
        {
            throw new BackupException($"the keys the archive's data were made with are not in place: {string.Join("; ", missingKeys)}. "
                + "Copy them from where the keys are kept, apart from the backups, first (docs/operations.md)");
        }

        if (!await database.IsEmptyAsync(cli.CancellationToken))
        {
            throw new BackupException("the database is not empty: a backup restores only into a new, empty database (docs/operations.md)");
        }

        var occupied = BackupArchive.DataFolders.Select(f => Path.Combine(settings.DataDirectory, f))
            .Where(folder => Directory.Exists(folder) && Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Any())
            .ToList();
        if (File.Exists(checkpoints) && new FileInfo(checkpoints).Length > 0)
        {
            occupied.Add(checkpoints);
        }

        return occupied.Count == 0 ? targets
            : throw new BackupException($"{string.Join(", ", occupied)} already hold{(occupied.Count == 1 ? "s" : "")} files: a backup restores only into an empty data directory");
    }

    /// <summary>
    /// The files first and then the database, whose restore is all or nothing: when it fails, the
    /// files are taken back, and the installation is as it was.
    /// </summary>
    private static async Task PutInPlaceAsync(CliContext cli, DatabaseCopy database, string databaseFile, List<(string From, string To)> files)
    {
        var placed = new List<string>();
        try
        {
            foreach (var (from, to) in files)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(to)!);
                // Overwrites only an empty checkpoint file: anything else there was refused above.
                File.Move(from, to, overwrite: true);
                placed.Add(to);
            }

            await database.RestoreAsync(databaseFile, cli.CancellationToken);
        }
        catch (Exception ex)
        {
            placed.ForEach(File.Delete);
            if (ex is BackupException or DbException or IOException or UnauthorizedAccessException)
            {
                throw new BackupException($"{ex.Message}\nnothing was restored: the files put in place were removed again, and the database is still empty");
            }

            throw;
        }
    }

    /// <summary>Every table against the manifest, then the audit log (after the migrations this version adds, as the server would apply them).</summary>
    private static async Task<int> VerifyRestoredAsync(CliContext cli, BackupManifest manifest, DatabaseCopy database)
    {
        List<TableContent> restored;
        await using (var connection = await database.OpenAsync(cli.CancellationToken))
        {
            restored = await TableContents.ReadAsync(connection, null, cli.CancellationToken);
        }

        var differences = Differences(manifest.Tables, restored);
        if (differences.Count > 0)
        {
            foreach (var difference in differences)
            {
                await cli.Output.WriteLineAsync(difference);
            }

            await cli.Error.WriteLineAsync("error: the restored database differs from the archive: do not serve it; drop it and restore again");
            return 2;
        }

        await cli.Output.WriteLineAsync($"tables: {restored.Count} equal to the archive ({restored.Sum(t => t.Rows)} rows)");
        await cli.MigrateAsync();
        var report = await cli.Services.GetRequiredService<AuditVerifier>().VerifyAsync(cancellationToken: cli.CancellationToken);
        await AuditVerbs.WriteReportAsync(cli.Output, report);
        return report.IsIntact ? 0 : 2;
    }

    /// <summary>One line per table whose rows or content differ from the manifest, or that only one side has.</summary>
    private static List<string> Differences(IReadOnlyList<TableContent> expected, IReadOnlyList<TableContent> actual)
    {
        var found = actual.ToDictionary(t => t.Table, StringComparer.Ordinal);
        return expected.Select(e => !found.TryGetValue(e.Table, out var a) ? $"table {e.Table}: missing"
                : a.Rows != e.Rows ? $"table {e.Table}: {a.Rows} rows, the archive has {e.Rows}"
                : a.Sha256 != e.Sha256 ? $"table {e.Table}: the rows differ from the archive's"
                : null)
            .Concat(actual.Where(a => expected.All(e => e.Table != a.Table)).Select(a => $"table {a.Table}: not in the archive"))
            .OfType<string>().ToList();
    }

    /// <summary>The file's text up to its last line break: a line being appended at this moment is left out.</summary>
    private static async Task<string> WholeLinesAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        var text = await reader.ReadToEndAsync(cancellationToken);
        return text[..(text.LastIndexOf('\n') + 1)];
    }

    private static string Files(int count) => count == 1 ? "1 file" : $"{count} files";

    private static void DeleteFolder(string folder)
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
