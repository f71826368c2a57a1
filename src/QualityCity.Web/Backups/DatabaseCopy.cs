using System.Data;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;
using QualityCity.Web.Hosting;

namespace QualityCity.Web.Backups;

/// <summary>
/// A copy of the configured database in one file, made while the server runs, and the way back into
/// an empty database: SQLite's online backup API, or <c>pg_dump</c> and <c>pg_restore</c> (ADR 44).
/// </summary>
public abstract class DatabaseCopy
{
    /// <summary>The copy of the database this installation is configured for.</summary>
    public static DatabaseCopy For(DatabaseSettings settings, IConfiguration configuration) =>
        settings.IsPostgres ? new PostgresCopy(settings.ConnectionString, configuration) : new SqliteCopy(settings.ConnectionString);

    /// <summary><c>sqlite</c> or <c>postgres</c>, as <c>QC_DATABASE</c> names it.</summary>
    public abstract string Kind { get; }

    /// <summary>The copy's name in the archive.</summary>
    public abstract string ArchiveName { get; }

    /// <summary>
    /// Writes a consistent copy of the database to <paramref name="file"/>, and hands
    /// <paramref name="readCopy"/> a connection that sees exactly the rows copied: the copy itself
    /// (SQLite), or a transaction in the snapshot the dump was made in (PostgreSQL).
    /// </summary>
    public abstract Task CopyToAsync(string file, Func<DbConnection, DbTransaction?, Task> readCopy, CancellationToken cancellationToken);

    /// <summary>
    /// Whether the database holds nothing: no table, view or sequence outside PostgreSQL's own
    /// schemas, or a SQLite file that is missing or has an empty schema. A database the server or a
    /// verb has started on is not empty (the migrations made its tables).
    /// </summary>
    public abstract Task<bool> IsEmptyAsync(CancellationToken cancellationToken);

    /// <summary>Fills the empty database from a copy, all or nothing: when it fails, the database is left empty.</summary>
    public abstract Task RestoreAsync(string file, CancellationToken cancellationToken);

    /// <summary>A connection to the configured database, opened, for reading it after a restore.</summary>
    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    private sealed class SqliteCopy(string connectionString) : DatabaseCopy
    {
        public override string Kind => "sqlite";

        public override string ArchiveName => "database/qualitycity.db";

        private string DatabaseFile => new SqliteConnectionStringBuilder(connectionString).DataSource;

        public override async Task CopyToAsync(string file, Func<DbConnection, DbTransaction?, Task> readCopy, CancellationToken cancellationToken)
        {
            if (!File.Exists(DatabaseFile))
            {
                throw new BackupException($"{DatabaseFile} does not exist: there is no database to back up");
            }

            await using (var source = new SqliteConnection(Unpooled(null, SqliteOpenMode.ReadWrite)))
            await using (var copy = new SqliteConnection(Unpooled(file, SqliteOpenMode.ReadWriteCreate)))
            {
                await source.OpenAsync(cancellationToken);
                await copy.OpenAsync(cancellationToken);
                // One step: a read transaction on the source for the whole copy, so writers of the
                // running server (WAL) go on and the copy is of one moment.
                source.BackupDatabase(copy);
                // The copy stands alone in its file, with no write-ahead log beside it.
                await TableContents.ExecuteAsync(copy, null, "PRAGMA journal_mode=DELETE", cancellationToken);
            }

            await using var read = new SqliteConnection(Unpooled(file, SqliteOpenMode.ReadOnly));
            await read.OpenAsync(cancellationToken);
            await readCopy(read, null);
        }

        public override async Task<bool> IsEmptyAsync(CancellationToken cancellationToken)
        {
            if (!File.Exists(DatabaseFile))
            {
                return true;
            }

            await using var connection = await OpenAsync(cancellationToken);
            await using var command = TableContents.Command(connection, null, "SELECT count(*) FROM sqlite_master");
            return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 0;
        }

        public override async Task RestoreAsync(string file, CancellationToken cancellationToken)
        {
            await using var copy = new SqliteConnection(Unpooled(file, SqliteOpenMode.ReadOnly));
            await using var target = new SqliteConnection(Unpooled(null, SqliteOpenMode.ReadWriteCreate));
            await copy.OpenAsync(cancellationToken);
            await target.OpenAsync(cancellationToken);
            // The backup API writes the whole copy in one transaction of the target: all or nothing.
            copy.BackupDatabase(target);
        }

        public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
        {
            // Not read-only: a database in WAL mode whose log files are gone cannot be opened read-only.
            var connection = new SqliteConnection(Unpooled(null, SqliteOpenMode.ReadWrite));
            await connection.OpenAsync(cancellationToken);
            return connection;
        }

        /// <summary>
        /// The configured database, or <paramref name="file"/>, without pooling: a pooled connection
        /// would keep a copy open after it is moved into the archive, and see a schema of before the restore.
        /// </summary>
        private string Unpooled(string? file, SqliteOpenMode mode)
        {
            var builder = new SqliteConnectionStringBuilder(file is null ? connectionString : string.Empty) { Pooling = false, Mode = mode };
            if (file is not null)
            {
                builder.DataSource = file;
            }

            return builder.ConnectionString;
        }
    }

    private sealed class PostgresCopy(string connectionString, IConfiguration configuration) : DatabaseCopy
    {
        public override string Kind => "postgres";

        public override string ArchiveName => "database/qualitycity.dump";

        public override async Task CopyToAsync(string file, Func<DbConnection, DbTransaction?, Task> readCopy, CancellationToken cancellationToken)
        {
            await using var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            await using var snapshot = await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken);
            // pg_dump reads in the snapshot this transaction holds, so the counts and hashes read here
            // describe exactly the rows it dumps, whatever the server writes meanwhile.
            await using var export = TableContents.Command(connection, snapshot, "SELECT pg_export_snapshot()");
            var snapshotId = (string)(await export.ExecuteScalarAsync(cancellationToken))!;
            var dump = RunAsync("pg_dump", ["--format=custom", $"--snapshot={snapshotId}", $"--file={file}"], cancellationToken);
            try
            {
                await readCopy(connection, snapshot);
            }
            finally
            {
                // The snapshot must stay open until pg_dump has finished taking it up.
                await dump;
            }

            await snapshot.RollbackAsync(cancellationToken);
        }

        public override async Task<bool> IsEmptyAsync(CancellationToken cancellationToken)
        {
            await using var connection = await OpenAsync(cancellationToken);
            await using var command = TableContents.Command(connection, null,
                "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace " +
                $"WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND {TableContents.PostgresUserSchema}");
            return (long)(await command.ExecuteScalarAsync(cancellationToken))! == 0;
        }

        public override Task RestoreAsync(string file, CancellationToken cancellationToken) =>
            // One transaction that stops at the first error: a failed restore leaves the database empty.
            // Owners and grants are this installation's, not those of the server the dump came from.
            // The schema has no comments of its own; an extension the administrator installed (postgres_fdw
            // for a shard, ADR 47) has one, which only the extension's owner may set again.
            RunAsync("pg_restore",
                ["--single-transaction", "--exit-on-error", "--no-owner", "--no-privileges", "--no-comments", $"--dbname={Connection.Database ?? Connection.Username}", file],
                cancellationToken);

        public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
        {
            var connection = new NpgsqlConnection(connectionString);
            await connection.OpenAsync(cancellationToken);
            return connection;
        }

        private NpgsqlConnectionStringBuilder Connection => new(connectionString);

        /// <summary>
        /// Runs a PostgreSQL client tool against the configured database. Where to connect goes in the
        /// child's environment (PGHOST, PGPASSWORD, …), never on its command line, where any user of
        /// the machine could read the password; the tool's own error text is passed on (libpq never
        /// prints a password).
        /// </summary>
        private async Task RunAsync(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
        {
            var start = new ProcessStartInfo(ToolPath(tool))
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
            };
            foreach (var argument in arguments)
            {
                start.ArgumentList.Add(argument);
            }

            var connection = Connection;
            SetOrRemove(start, "PGHOST", connection.Host);
            SetOrRemove(start, "PGPORT", connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            SetOrRemove(start, "PGUSER", connection.Username);
            SetOrRemove(start, "PGPASSWORD", connection.Password);
            SetOrRemove(start, "PGDATABASE", connection.Database);
            SetOrRemove(start, "PGSSLMODE", connection.SslMode switch
            {
                SslMode.Disable => "disable",
                SslMode.Allow => "allow",
                SslMode.Require => "require",
                SslMode.VerifyCA => "verify-ca",
                SslMode.VerifyFull => "verify-full",
                _ => "prefer",
            });
            start.Environment["PGAPPNAME"] = "qualitycity-" + tool;

            Process process;
            try
            {
                process = Process.Start(start) ?? throw new BackupException($"{tool} could not be started");
            }
            catch (System.ComponentModel.Win32Exception ex)
            {
                throw new BackupException($"{start.FileName} could not be started: {ex.Message}");
            }

            using var running = process;
            var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
            try
            {
                await process.WaitForExitAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            await output;
            if (process.ExitCode != 0)
            {
                throw new BackupException($"{tool} failed (exit code {process.ExitCode}): {(await error).Trim()}");
            }
        }

        private static void SetOrRemove(ProcessStartInfo start, string name, string? value)
        {
            if (string.IsNullOrEmpty(value))
            {
                start.Environment.Remove(name);
            }
            else
            {
                start.Environment[name] = value;
            }
        }

        /// <summary>
        /// The tool in <c>Backup:PostgresBinDirectory</c>, else the one on the PATH, else that of the
        /// newest PostgreSQL under /usr/lib/postgresql (Debian's layout). It must be of the server's
        /// major version or newer; pg_dump refuses an older one itself.
        /// </summary>
        private string ToolPath(string tool)
        {
            if (configuration["Backup:PostgresBinDirectory"] is { Length: > 0 } configured)
            {
                return Path.Combine(configured, tool);
            }

            var onPath = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
                .Select(folder => Path.Combine(folder, tool)).FirstOrDefault(File.Exists);
            if (onPath is not null)
            {
                return onPath;
            }

            const string Debian = "/usr/lib/postgresql";
            var newest = Directory.Exists(Debian)
                ? Directory.EnumerateDirectories(Debian)
                    .Select(folder => (Folder: folder, Version: int.TryParse(Path.GetFileName(folder), out var version) ? version : 0))
                    .Where(v => File.Exists(Path.Combine(v.Folder, "bin", tool)))
                    .OrderByDescending(v => v.Version).Select(v => Path.Combine(v.Folder, "bin", tool)).FirstOrDefault()
                : null;
            return newest ?? throw new BackupException(
                $"{tool} was not found: install the PostgreSQL client tools or set Backup__PostgresBinDirectory to the folder that holds them");
        }
    }
}

/// <summary>A backup or restore that cannot go on; the message says why, for the operator.</summary>
public sealed class BackupException(string message) : Exception(message);
