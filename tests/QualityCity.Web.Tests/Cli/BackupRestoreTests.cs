using System.Data.Common;
using System.Formats.Tar;
using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using QualityCity.Domain.Execution;
using QualityCity.Web.Backups;
using QualityCity.Web.Data;
using QualityCity.Web.Localization;
using QualityCity.Web.Modules.Audit;
using QualityCity.Web.Modules.Inspections.Attachments;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.Cli;

/// <summary>
/// <c>backup</c> and <c>restore</c> (docs/operations.md, ADR 44) on both databases: the demo city with
/// uploaded files and a signed checkpoint, backed up while the server runs and restored into an empty
/// database and data directory, comes back with every table's rows and content equal, the files
/// byte for byte and the audit log intact; and a restore that cannot be trusted is refused before it
/// changes anything.
/// </summary>
public abstract partial class BackupRestoreTests(QualityCityFactory factory) : PlatformTest(factory)
{
    /// <summary>The first bytes of a JPEG (SOI, APP0 "JFIF"): what the upload check reads.</summary>
    private static readonly byte[] JpegHeader = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x4A, 0x46, 0x49, 0x46, 0x00, 0x01];

    private static readonly byte[] NotAnArchive = [1, 2, 3];

    [GeneratedRegex(@"^tables: (\d+) equal to the archive \((\d+) rows\)\nintact: (\d+) entries\ncheckpoints: (\d+) verified, latest at entry (\d+)\n", RegexOptions.Multiline)]
    private static partial Regex Verified();

    [SkippableFact]
    public async Task A_backup_restores_into_an_empty_installation_with_equal_tables_and_files_and_an_intact_audit_log()
    {
        SkipIfUnavailable();
        var files = await StoreFilesAsync();
        Assert.Equal(0, (await RunCliAsync("audit", "checkpoint")).ExitCode);
        var archive = await BackupAsync();
        var source = await ContentsAsync(Factory.Settings);
        var checkpoints = await File.ReadAllBytesAsync(Path.Combine(Factory.DataDirectory, "audit", "checkpoints.jsonl"));
        Assert.Equal(source, BackupManifest.Parse(Entry(archive, BackupArchive.ManifestName)!).Tables);

        await using var fresh = await FreshInstallation.CreateAsync(Factory);
        CopyKeys(fresh);
        var (exit, output, error) = await RunCliAsync(fresh.Settings, "restore", "--from", archive);

        Assert.True(exit == 0, output + error);
        var verified = Verified().Match(output.ReplaceLineEndings("\n"));
        Assert.True(verified.Success, output);
        Assert.Equal(source.Count.ToString(System.Globalization.CultureInfo.InvariantCulture), verified.Groups[1].Value);
        Assert.Equal(verified.Groups[3].Value, verified.Groups[5].Value); // the latest checkpoint signs the restored head
        Assert.Equal(source, await ContentsAsync(fresh.Settings));
        Assert.Contains(source, t => t.Table == "audit_log" && t.Rows > 0);

        // Read independently of the hashes: the log, the registry and the accounts, row by row.
        var auditLog = Factory.Services.GetRequiredService<AuditLog>();
        await using (var original = OpenDb())
        await using (var restored = fresh.OpenDb(auditLog))
        {
            Assert.Equal(await original.Db.AuditEntries.OrderBy(e => e.Sequence).Select(e => new { e.Sequence, e.Hash, e.KeyId, e.After }).ToListAsync(),
                await restored.AuditEntries.OrderBy(e => e.Sequence).Select(e => new { e.Sequence, e.Hash, e.KeyId, e.After }).ToListAsync());
            Assert.Equal(await original.Db.MarketEntities.OrderBy(e => e.Id).Select(e => new { e.Id, e.CreditCode, e.Name }).ToListAsync(),
                await restored.MarketEntities.OrderBy(e => e.Id).Select(e => new { e.Id, e.CreditCode, e.Name }).ToListAsync());
            Assert.Equal(await original.Db.Users.OrderBy(u => u.UserName).Select(u => new { u.UserName, u.PasswordHash }).ToListAsync(),
                await restored.Users.OrderBy(u => u.UserName).Select(u => new { u.UserName, u.PasswordHash }).ToListAsync());
        }

        foreach (var (path, bytes) in files)
        {
            Assert.Equal(bytes, await File.ReadAllBytesAsync(Path.Combine(fresh.DataDirectory, path)));
        }

        Assert.Equal(checkpoints, await File.ReadAllBytesAsync(Path.Combine(fresh.DataDirectory, "audit", "checkpoints.jsonl")));
        Assert.Empty(Directory.GetDirectories(fresh.DataDirectory, ".restore-*"));
        Assert.Equal(0, (await RunCliAsync(fresh.Settings, "audit", "verify")).ExitCode);
    }

    [SkippableFact]
    public async Task A_restore_is_refused_and_changes_nothing_into_a_database_that_is_not_empty_without_the_keys_or_from_a_changed_or_foreign_archive()
    {
        SkipIfUnavailable();
        await StoreFilesAsync();
        var archive = await BackupAsync();

        // The fixture's own database holds the demo city.
        var before = await ContentsAsync(Factory.Settings);
        var uploads = Directory.GetFiles(Path.Combine(Factory.DataDirectory, "uploads"), "*", SearchOption.AllDirectories).Length;
        var (exit, _, error) = await RunCliAsync("restore", "--from", archive);
        Assert.Equal(1, exit);
        Assert.Contains("error: the database is not empty", error, StringComparison.Ordinal);
        Assert.Equal(before, await ContentsAsync(Factory.Settings));
        Assert.Equal(uploads, Directory.GetFiles(Path.Combine(Factory.DataDirectory, "uploads"), "*", SearchOption.AllDirectories).Length);

        // An empty installation without the keys: refused, and no new key is made in their place.
        await using var fresh = await FreshInstallation.CreateAsync(Factory);
        var (noKeys, _, noKeysError) = await RunCliAsync(fresh.Settings, "restore", "--from", archive);
        Assert.Equal(1, noKeys);
        Assert.Contains("error: the keys the archive's data were made with are not in place: the audit chain key", noKeysError, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(fresh.DataDirectory, "keys")), string.Join(",", Directory.GetFileSystemEntries(fresh.DataDirectory, "*", SearchOption.AllDirectories)));

        CopyKeys(fresh);
        var (kind, otherKind) = Factory.Kind == DatabaseKind.Postgres ? ("postgres", "sqlite") : ("sqlite", "postgres");
        var refusals = new (string Archive, string Error)[]
        {
            (Rewrite(archive, "changed-upload", (name, bytes) => name.StartsWith("data/uploads/", StringComparison.Ordinal) ? [.. bytes[..^1], (byte)(bytes[^1] ^ 1)] : bytes),
                "error: the archive is damaged or was changed: data/uploads/"),
            (Rewrite(archive, "other-kind", (name, bytes) => name == BackupArchive.ManifestName
                    ? Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes).Replace($"\"database\": \"{kind}\"", $"\"database\": \"{otherKind}\"", StringComparison.Ordinal))
                    : bytes),
                $"error: the archive is a copy of a {otherKind} database; this installation uses {kind}"),
            (Rewrite(archive, "no-manifest", (name, bytes) => name == BackupArchive.ManifestName ? null : bytes),
                "error: not a QualityCity backup: it has no manifest.json"),
            (WriteFile("not-a-backup.tar.gz", Encoding.UTF8.GetBytes("credit_code,name\n")), "error: not a QualityCity backup, or a damaged one"),
        };
        foreach (var (refused, expected) in refusals)
        {
            var (refusedExit, _, refusedError) = await RunCliAsync(fresh.Settings, "restore", "--from", refused);
            Assert.Equal(1, refusedExit);
            Assert.StartsWith(expected, refusedError, StringComparison.Ordinal);
        }

        Assert.Empty(await ContentsAsync(fresh.Settings));
        Assert.Equal("keys", Assert.Single(Directory.GetFileSystemEntries(fresh.DataDirectory).Select(Path.GetFileName), n => n != "qc.db"));
    }

    [SkippableFact]
    public async Task A_backup_never_replaces_a_file_and_needs_out()
    {
        SkipIfUnavailable();
        var existing = WriteFile("existing.tar.gz", NotAnArchive);

        var (exit, _, error) = await RunCliAsync("backup", "--out", existing);

        Assert.Equal(1, exit);
        Assert.Contains("exists: a backup never replaces a file", error, StringComparison.Ordinal);
        Assert.Equal(NotAnArchive, await File.ReadAllBytesAsync(existing));
        Assert.Equal(64, (await RunCliAsync("backup")).ExitCode);
        Assert.Equal(64, (await RunCliAsync("restore")).ExitCode);
    }

    // ---- helpers -----------------------------------------------------------------------------------

    /// <summary>Two photos through the platform's upload store, and a capacity-exit photo and an import report where the platform keeps them; their paths under the data directory and bytes.</summary>
    protected async Task<List<(string Path, byte[] Bytes)>> StoreFilesAsync()
    {
        var store = Factory.Services.GetRequiredService<AttachmentStore>();
        var text = Factory.Services.GetRequiredService<Text>();
        var files = new List<(string, byte[])>();
        for (var i = 0; i < 2; i++)
        {
            byte[] bytes = [.. JpegHeader, .. Guid.NewGuid().ToByteArray(), 0xFF, 0xD9];
            using var stream = new MemoryStream(bytes);
            var (stored, refused) = await store.SaveAsync(new FormFile(stream, 0, bytes.Length, "file", "现场.jpg"), [FileKind.Jpeg], 1 << 20, text, CancellationToken.None);
            Assert.Null(refused);
            files.Add(($"uploads/{stored!.Sha256[..2]}/{stored.Sha256}", bytes));
        }

        foreach (var path in new[] { $"capacity/1/{Guid.NewGuid():N}.png", $"imports/{Guid.NewGuid():N}.csv.errors.csv" })
        {
            var bytes = Guid.NewGuid().ToByteArray();
            Directory.CreateDirectory(Path.GetDirectoryName(Path.Combine(Factory.DataDirectory, path))!);
            await File.WriteAllBytesAsync(Path.Combine(Factory.DataDirectory, path), bytes);
            files.Add((path, bytes));
        }

        return files;
    }

    protected async Task<string> BackupAsync()
    {
        var archive = TempFile("backup.tar.gz");
        var (exit, output, error) = await RunCliAsync("backup", "--out", archive);
        Assert.True(exit == 0, error);
        Assert.StartsWith($"wrote {archive}: the {(Factory.Kind == DatabaseKind.Postgres ? "postgres" : "sqlite")} database (", output, StringComparison.Ordinal);
        return archive;
    }

    /// <summary>The keys, copied from where they are kept apart from the backups (here: the fixture's own).</summary>
    protected void CopyKeys(FreshInstallation fresh)
    {
        var keys = Path.Combine(fresh.DataDirectory, "keys");
        Directory.CreateDirectory(keys);
        foreach (var key in Directory.GetFiles(Path.Combine(Factory.DataDirectory, "keys")))
        {
            File.Copy(key, Path.Combine(keys, Path.GetFileName(key)));
        }
    }

    protected static async Task<List<TableContent>> ContentsAsync(IReadOnlyDictionary<string, string?> settings)
    {
        await using DbConnection connection = settings["QC_DATABASE"] == "postgres"
            ? new NpgsqlConnection(settings["ConnectionStrings:Postgres"])
            : new Microsoft.Data.Sqlite.SqliteConnection(settings["ConnectionStrings:Sqlite"]);
        await connection.OpenAsync();
        return await TableContents.ReadAsync(connection, null, CancellationToken.None);
    }

    /// <summary>An entry's bytes, or null when the archive has none of that name.</summary>
    private static byte[]? Entry(string archive, string name)
    {
        using var tar = new TarReader(new GZipStream(File.OpenRead(archive), CompressionMode.Decompress));
        while (tar.GetNextEntry() is { } entry)
        {
            if (entry.Name == name)
            {
                using var bytes = new MemoryStream();
                entry.DataStream!.CopyTo(bytes);
                return bytes.ToArray();
            }
        }

        return null;
    }

    /// <summary>A copy of the archive with each entry's bytes passed through <paramref name="change"/> (null leaves the entry out).</summary>
    private string Rewrite(string archive, string name, Func<string, byte[], byte[]?> change)
    {
        var path = TempFile(name + ".tar.gz");
        using var reader = new TarReader(new GZipStream(File.OpenRead(archive), CompressionMode.Decompress));
        using var writer = new TarWriter(new GZipStream(File.Create(path), CompressionLevel.Fastest), TarEntryFormat.Pax);
        while (reader.GetNextEntry() is { } entry)
        {
            using var bytes = new MemoryStream();
            entry.DataStream!.CopyTo(bytes);
            if (change(entry.Name, bytes.ToArray()) is { } changed)
            {
                writer.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, entry.Name) { DataStream = new MemoryStream(changed) });
            }
        }

        return path;
    }

    private string WriteFile(string name, byte[] bytes)
    {
        var path = TempFile(name);
        File.WriteAllBytes(path, bytes);
        return path;
    }
}

public sealed class SqliteBackupRestoreTests(SqliteFactory factory) : BackupRestoreTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresBackupRestoreTests(PostgresFactory factory) : BackupRestoreTests(factory), IClassFixture<PostgresFactory>
{
    [SkippableFact]
    public async Task A_restore_that_fails_in_the_database_takes_its_files_back_and_leaves_the_database_as_it_was()
    {
        SkipIfUnavailable();
        await StoreFilesAsync();
        var archive = await BackupAsync();
        await using var fresh = await FreshInstallation.CreateAsync(Factory);
        CopyKeys(fresh);
        // Not a table, so the database counts as empty; but no table audit_log can be made beside a type of that name.
        await using (var connection = new NpgsqlConnection(fresh.Settings["ConnectionStrings:Postgres"]))
        {
            await connection.OpenAsync();
            await using var type = new NpgsqlCommand("CREATE TYPE audit_log AS ENUM ('left over')", connection);
            await type.ExecuteNonQueryAsync();
        }

        var (exit, output, error) = await RunCliAsync(fresh.Settings, "restore", "--from", archive);

        Assert.Equal(1, exit);
        Assert.StartsWith("error: pg_restore failed (exit code 1): ", error, StringComparison.Ordinal);
        Assert.Contains("\"audit_log\" already exists", error, StringComparison.Ordinal);
        Assert.Contains("nothing was restored: the files put in place were removed again, and the database is still empty", error, StringComparison.Ordinal);
        Assert.DoesNotContain("restored:", output, StringComparison.Ordinal);
        Assert.Empty(await ContentsAsync(fresh.Settings));
        Assert.DoesNotContain(Directory.EnumerateFiles(fresh.DataDirectory, "*", SearchOption.AllDirectories),
            f => !f.StartsWith(Path.Combine(fresh.DataDirectory, "keys"), StringComparison.Ordinal));
    }
}
