using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using QualityCity.Domain.Audit;
using QualityCity.Domain.Registry;
using QualityCity.Web.Modules.Audit;
using QualityCity.Web.Modules.Audit.Checkpoints;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.Audit;

/// <summary>
/// The audit log one can trust: entries keyed with a chain key kept outside the database, signed
/// checkpoints of the head kept in the database, in a file and by anyone who exports them, and
/// <c>audit verify</c> catching a changed row, a re-hashed tail (without the key, with another key,
/// with the right key) and removed newest entries. Each test puts back what it tampered with.
/// </summary>
public abstract partial class AuditTrustTests(QualityCityFactory factory) : PlatformTest(factory)
{
    private string ChainKeyPath => Path.Combine(Factory.DataDirectory, "keys", AuditChainKeyRing.DefaultFileName);
    private string CheckpointKeyPath => Path.Combine(Factory.DataDirectory, "keys", AuditCheckpointKey.DefaultFileName);
    private string CheckpointFile => Path.Combine(Factory.DataDirectory, "audit", "checkpoints.jsonl");

    [GeneratedRegex(@"^intact: (\d+) entries\ncheckpoints: (\d+) verified, latest at entry (\d+)\n$")]
    private static partial Regex IntactWithCheckpoints();

    [SkippableFact]
    public async Task An_untouched_log_passes_with_its_checkpoints_by_the_verb_and_the_api()
    {
        SkipIfUnavailable();
        var admin = await Factory.SignedInClientAsync("admin");
        var (checkpointExit, line, _) = await RunCliAsync("audit", "checkpoint");
        Assert.Equal(0, checkpointExit);
        var checkpoint = AuditCheckpoints.FromJsonLine(line.Trim(), out _);
        Assert.NotNull(checkpoint);
        var head = await HeadAsync();
        Assert.Equal((head.Sequence, head.Hash), (checkpoint.Checkpoint.Sequence, checkpoint.Checkpoint.HeadHash));

        var (exit, output, _) = await RunCliAsync("audit", "verify");

        Assert.Equal(0, exit);
        var match = IntactWithCheckpoints().Match(output.ReplaceLineEndings("\n"));
        Assert.True(match.Success, output);
        Assert.Equal(head.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), match.Groups[1].Value);
        Assert.Equal(head.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture), match.Groups[3].Value);
        var api = await admin.GetFromJsonAsync<JsonElement>("/api/audit/verify");
        Assert.True(api.GetProperty("intact").GetBoolean());
        Assert.Equal(head.Sequence, api.GetProperty("entriesChecked").GetInt64());
        Assert.Equal(JsonValueKind.Null, api.GetProperty("brokenAt").ValueKind);
        Assert.True(api.GetProperty("checkpointsVerified").GetInt32() >= 1);
        Assert.Equal(head.Sequence, api.GetProperty("latestCheckpoint").GetInt64());
        Assert.Equal(0, api.GetProperty("legacyEntries").GetInt64());
    }

    [SkippableFact]
    public async Task Entries_carry_the_id_of_the_chain_key_kept_in_a_private_file_outside_the_database()
    {
        SkipIfUnavailable();
        _ = await Factory.SignedInClientAsync("admin");
        await using var scope = OpenDb();
        var keyIds = await scope.Db.AuditEntries.AsNoTracking().Select(e => e.KeyId).Distinct().ToListAsync();

        Assert.Equal(AuditChain.KeyIdOf(ReadChainKey()), Assert.Single(keyIds));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(ChainKeyPath));
            _ = await RunCliAsync("audit", "checkpoint");
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(CheckpointKeyPath));
        }
    }

    [SkippableFact]
    public async Task A_changed_row_is_detected_at_that_row()
    {
        SkipIfUnavailable();
        var admin = await Factory.SignedInClientAsync("admin");
        var target = (await HeadAsync()).Sequence - 3;
        var originals = await RewriteTailAsync(target, rehash: null);
        try
        {
            var (exit, output, _) = await RunCliAsync("audit", "verify");
            Assert.Equal(1, exit);
            Assert.StartsWith($"broken at entry {target}: content does not match its keyed hash", output, StringComparison.Ordinal);
            var api = await admin.GetFromJsonAsync<JsonElement>("/api/audit/verify");
            Assert.False(api.GetProperty("intact").GetBoolean());
            Assert.Equal(target, api.GetProperty("brokenAt").GetInt64());
        }
        finally
        {
            await RestoreAsync(originals);
        }

        Assert.Equal(0, (await RunCliAsync("audit", "verify")).ExitCode);
    }

    [SkippableFact]
    public async Task A_changed_row_with_the_whole_tail_rehashed_in_plain_SHA256_is_detected_at_that_row()
    {
        SkipIfUnavailable();
        var target = (await HeadAsync()).Sequence - 4;
        var originals = await RewriteTailAsync(target, (previous, facts) => (AuditChain.ComputeHash(previous, facts), null));
        try
        {
            var (exit, output, _) = await RunCliAsync("audit", "verify");
            Assert.Equal(1, exit);
            Assert.StartsWith($"broken at entry {target}: plain SHA-256 entry after keyed entries", output, StringComparison.Ordinal);
        }
        finally
        {
            await RestoreAsync(originals);
        }

        Assert.Equal(0, (await RunCliAsync("audit", "verify")).ExitCode);
    }

    [SkippableFact]
    public async Task A_tail_rehashed_with_another_key_is_detected_at_the_changed_row()
    {
        SkipIfUnavailable();
        var otherKey = RandomNumberGenerator.GetBytes(32);
        var target = (await HeadAsync()).Sequence - 4;
        var originals = await RewriteTailAsync(target, (previous, facts) =>
            (AuditChain.ComputeKeyedHash(otherKey, previous, facts), AuditChain.KeyIdOf(otherKey)));
        try
        {
            var (exit, output, _) = await RunCliAsync("audit", "verify");
            Assert.Equal(1, exit);
            Assert.StartsWith($"broken at entry {target}: hashed with chain key {AuditChain.KeyIdOf(otherKey)}, which this installation does not hold",
                output, StringComparison.Ordinal);
        }
        finally
        {
            await RestoreAsync(originals);
        }

        Assert.Equal(0, (await RunCliAsync("audit", "verify")).ExitCode);
    }

    [SkippableFact]
    public async Task A_tail_rehashed_with_the_chain_key_is_caught_by_a_signed_checkpoint_and_by_an_exported_copy_when_the_others_are_gone()
    {
        SkipIfUnavailable();
        Assert.Equal(0, (await RunCliAsync("audit", "checkpoint")).ExitCode);
        var exported = TempFile("checkpoints.jsonl");
        Assert.Equal(0, (await RunCliAsync("audit", "checkpoints", "--out", exported)).ExitCode);
        var head = (await HeadAsync()).Sequence;
        var chainKey = ReadChainKey(); // the intruder holds the chain key
        var originals = await RewriteTailAsync(head - 4, (previous, facts) =>
            (AuditChain.ComputeKeyedHash(chainKey, previous, facts), AuditChain.KeyIdOf(chainKey)));
        List<AuditCheckpointRecord> rows = [];
        var fileAside = CheckpointFile + ".aside";
        try
        {
            // The first checkpoint at or after the changed row catches it (this one, or an earlier test's).
            var (exit, output, _) = await RunCliAsync("audit", "verify");
            Assert.Equal(1, exit);
            Assert.InRange(BrokenAt(output, "hash differs from the checkpoint signed at"), head - 4, head);

            // The intruder also empties the table and removes the file: only the exported copy remains.
            rows = await RemoveCheckpointRowsAsync();
            File.Move(CheckpointFile, fileAside);
            Assert.Equal(0, (await RunCliAsync("audit", "verify")).ExitCode);
            var (exportedExit, exportedOutput, _) = await RunCliAsync("audit", "verify", "--checkpoints", exported);
            Assert.Equal(1, exportedExit);
            Assert.InRange(BrokenAt(exportedOutput, "hash differs from the checkpoint signed at"), head - 4, head);
        }
        finally
        {
            await RestoreAsync(originals);
            await RestoreCheckpointRowsAsync(rows);
            if (File.Exists(fileAside))
            {
                File.Move(fileAside, CheckpointFile);
            }
        }

        Assert.Equal(0, (await RunCliAsync("audit", "verify", "--checkpoints", exported)).ExitCode);
    }

    [SkippableFact]
    public async Task Deleted_newest_entries_are_detected_up_to_the_last_checkpoint_even_with_the_table_emptied()
    {
        SkipIfUnavailable();
        Assert.Equal(0, (await RunCliAsync("audit", "checkpoint")).ExitCode);
        var head = (await HeadAsync()).Sequence;
        List<AuditEntry> removed;
        await using (var scope = OpenDb())
        {
            removed = await scope.Db.AuditEntries.AsNoTracking().Where(e => e.Sequence > head - 3).ToListAsync();
            await scope.Db.Database.ExecuteSqlInterpolatedAsync($"DELETE FROM audit_log WHERE \"Sequence\" > {head - 3}");
        }

        List<AuditCheckpointRecord> rows = [];
        try
        {
            var (exit, output, _) = await RunCliAsync("audit", "verify");
            Assert.Equal(1, exit);
            Assert.StartsWith($"broken at entry {head - 2}: entries after {head - 3} were removed (the checkpoint signed at ", output, StringComparison.Ordinal);
            Assert.Contains($"covers entry {head})", output, StringComparison.Ordinal);

            // Emptying the table does not hide it: the checkpoint file outside the database remains.
            rows = await RemoveCheckpointRowsAsync();
            var (exitWithoutTable, outputWithoutTable, _) = await RunCliAsync("audit", "verify");
            Assert.Equal(1, exitWithoutTable);
            Assert.StartsWith($"broken at entry {head - 2}: entries after {head - 3} were removed", outputWithoutTable, StringComparison.Ordinal);
        }
        finally
        {
            await using var scope = OpenDb();
            scope.Db.AuditEntries.AddRange(removed);
            await scope.Db.SaveChangesAsync();
            await RestoreCheckpointRowsAsync(rows);
        }

        Assert.Equal(0, (await RunCliAsync("audit", "verify")).ExitCode);
    }

    [SkippableFact]
    public async Task A_forged_checkpoint_is_reported_and_an_unreadable_checkpoint_file_stops_the_verb()
    {
        SkipIfUnavailable();
        var (_, line, _) = await RunCliAsync("audit", "checkpoint");
        var genuine = AuditCheckpoints.FromJsonLine(line.Trim(), out _)!;
        var earlier = genuine.Checkpoint.Sequence - 1;
        var forged = genuine with { Checkpoint = genuine.Checkpoint with { Sequence = earlier } };
        var original = await File.ReadAllTextAsync(CheckpointFile);
        try
        {
            await File.AppendAllTextAsync(CheckpointFile, AuditCheckpoints.ToJsonLine(forged) + "\n");
            var (exit, output, _) = await RunCliAsync("audit", "verify");
            Assert.Equal(1, exit);
            Assert.StartsWith($"broken at entry {earlier}: the signature of the checkpoint of entry {earlier}", output, StringComparison.Ordinal);

            await File.AppendAllTextAsync(CheckpointFile, "{\"sequence\":\n");
            var (unreadableExit, _, error) = await RunCliAsync("audit", "verify");
            Assert.Equal(2, unreadableExit);
            Assert.Contains($"error: cannot read checkpoints: {CheckpointFile} line ", error, StringComparison.Ordinal);
        }
        finally
        {
            await File.WriteAllTextAsync(CheckpointFile, original);
        }

        Assert.Equal(0, (await RunCliAsync("audit", "verify")).ExitCode);
    }

    [SkippableFact]
    public async Task Checkpoints_are_written_on_demand_by_the_administrator_only()
    {
        SkipIfUnavailable();
        var admin = await Factory.SignedInClientAsync("admin");
        var coordinator = await Factory.SignedInClientAsync("coordinator");
        var head = await HeadAsync();

        var response = await admin.PostAsync("/api/audit/checkpoints", null);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var written = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(head.Sequence, written.GetProperty("sequence").GetInt64());
        Assert.Equal(head.Hash, written.GetProperty("head").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.PostAsync("/api/audit/checkpoints", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await coordinator.GetAsync("/api/audit/checkpoints")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Factory.AnonymousClient().GetAsync("/api/audit/checkpoints")).StatusCode);
        await using var scope = OpenDb();
        Assert.True(await scope.Db.AuditCheckpoints.AnyAsync(c => c.Sequence == head.Sequence && c.HeadHash == head.Hash));
        Assert.Contains($"\"head\":\"{head.Hash}\"", await File.ReadAllTextAsync(CheckpointFile), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_scheduled_checkpoint_is_written_only_when_the_head_has_moved()
    {
        SkipIfUnavailable();
        var store = Factory.Services.GetRequiredService<AuditCheckpointStore>();
        await using (var scope = OpenDb())
        {
            await store.WriteAsync(scope.Db, onlyWhenHeadMoved: true, CancellationToken.None);
            Assert.Null(await store.WriteAsync(scope.Db, onlyWhenHeadMoved: true, CancellationToken.None));
        }

        await using (var scope = OpenDb())
        {
            scope.Db.Actor = "tester";
            var inspector = await scope.Db.Inspectors.OrderBy(i => i.Id).FirstAsync();
            inspector.MonthlyCapacity += 1;
            await scope.Db.SaveChangesAsync();
        }

        await using (var scope = OpenDb())
        {
            var written = await store.WriteAsync(scope.Db, onlyWhenHeadMoved: true, CancellationToken.None);
            Assert.NotNull(written);
            Assert.Equal((await HeadAsync()).Sequence, written.Checkpoint.Sequence);
        }
    }

    [SkippableFact]
    public async Task Exported_checkpoints_verify_with_openssl_and_the_public_key_served_to_anyone()
    {
        SkipIfUnavailable();
        var admin = await Factory.SignedInClientAsync("admin");
        Assert.Equal(0, (await RunCliAsync("audit", "checkpoint")).ExitCode);
        var keyResponse = await Factory.AnonymousClient().GetAsync("/.well-known/qualitycity/audit-checkpoint-key.pem");
        Assert.Equal(HttpStatusCode.OK, keyResponse.StatusCode);
        var publicKeyPem = await keyResponse.Content.ReadAsStringAsync();
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", publicKeyPem, StringComparison.Ordinal);

        var exported = TempFile("checkpoints.jsonl");
        var (exit, output, _) = await RunCliAsync("audit", "checkpoints", "--out", exported);
        Assert.Equal(0, exit);
        var lines = (await File.ReadAllTextAsync(exported)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal($"exported {lines.Length} checkpoints to {exported}", output.Trim());
        var fromApi = await admin.GetFromJsonAsync<JsonElement[]>("/api/audit/checkpoints");
        Assert.Equal(lines.Length, fromApi!.Length);
        Assert.Equal(AuditCheckpoints.FromJsonLine(lines[^1], out _), AuditCheckpoints.FromJsonLine(fromApi[^1].GetRawText(), out _));

        using var publicKey = ECDsa.Create();
        publicKey.ImportFromPem(publicKeyPem);
        Assert.All(lines, l => Assert.Null(AuditCheckpoints.SignatureProblem(AuditCheckpoints.FromJsonLine(l, out _)!, publicKey)));

        // The documented offline check (docs/audit.md), run as written.
        Skip.IfNot(File.Exists("/usr/bin/openssl") && File.Exists("/usr/bin/jq") && File.Exists("/bin/sh"), "openssl, jq or sh is not installed");
        var folder = Directory.CreateTempSubdirectory("audit-checkpoint").FullName;
        await File.WriteAllTextAsync(Path.Combine(folder, "audit-checkpoint-key.pem"), publicKeyPem);
        await File.WriteAllTextAsync(Path.Combine(folder, "checkpoints.jsonl"), await File.ReadAllTextAsync(exported));
        var keyId = AuditCheckpoints.FromJsonLine(lines[^1], out _)!.Checkpoint.KeyId;
        Assert.Equal(keyId, (await ShellAsync(folder, "openssl pkey -pubin -in audit-checkpoint-key.pem -outform DER | sha256sum | cut -c1-8")).Trim());
        const string Check = """
            line=$(tail -n 1 checkpoints.jsonl)
            printf '%s' "$line" | jq -j '"qualitycity-audit-checkpoint-v1\nsequence: \(.sequence)\nhead: \(.head)\ntime: \(.time)\nkey: \(.keyId)\n"' > statement.txt
            printf '%s' "$line" | jq -r .signature | base64 -d > signature.der
            openssl dgst -sha256 -verify audit-checkpoint-key.pem -signature signature.der statement.txt
            """;
        Assert.Equal("Verified OK", (await ShellAsync(folder, Check)).Trim());
        await File.WriteAllTextAsync(Path.Combine(folder, "checkpoints.jsonl"), lines[^1].Replace("\"sequence\":", "\"sequence\":1", StringComparison.Ordinal) + "\n");
        Assert.Contains("Verification failure", await ShellAsync(folder, Check), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_admin_page_verifies_the_checkpoints_and_signs_one()
    {
        SkipIfUnavailable();
        var admin = await Factory.SignedInClientAsync("admin");
        var page = await admin.GetStringAsync("/admin/audit");
        var token = Regex.Match(page, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(token);

        var signed = await admin.PostAsync("/admin/audit?handler=Checkpoint",
            new FormUrlEncodedContent([new("__RequestVerificationToken", token)]));
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        Assert.Contains("id=\"checkpoint-signed\"", await signed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var verified = await admin.GetStringAsync("/admin/audit?verify=true");
        Assert.Contains("class=\"ok\" id=\"chain-status\"", verified, StringComparison.Ordinal);
        Assert.Matches("id=\"checkpoint-status\">已核对 \\d+ 个签名检查点", verified);
    }

    [SkippableFact]
    public async Task A_log_written_before_keying_still_verifies_and_a_rewritten_legacy_entry_is_caught_at_the_first_keyed_one()
    {
        SkipIfUnavailable();
        // An installation of the previous version: a fresh database and data directory whose log was
        // written in plain SHA-256, which the upgraded platform then keeps appending to.
        await using var fresh = await FreshInstallation.CreateAsync(Factory);
        Assert.Equal(0, (await RunCliAsync(fresh.Settings, "audit", "verify")).ExitCode); // migrates it
        var legacy = new List<AuditEntry>();
        var previous = AuditChain.GenesisHash;
        for (var sequence = 1; sequence <= 3; sequence++)
        {
            var facts = new AuditFacts(sequence, new DateTimeOffset(2026, 11, 1, 8, sequence, 0, TimeSpan.Zero), "cli:old", "create",
                $"Inspector:{sequence}", string.Empty, $"{{\"Id\":{sequence}}}");
            var hash = AuditChain.ComputeHash(previous, facts);
            legacy.Add(new AuditEntry
            {
                Sequence = sequence, OccurredAtUtc = facts.OccurredAtUtc.UtcDateTime, Actor = facts.Actor, Action = facts.Action,
                Subject = facts.Subject, After = facts.After, PreviousHash = previous, Hash = hash,
            });
            previous = hash;
        }

        await using (var db = fresh.OpenDb(Factory.Services.GetRequiredService<AuditLog>()))
        {
            db.AuditEntries.AddRange(legacy);
            await db.SaveChangesAsync();
        }

        var csv = Path.Combine(fresh.DataDirectory, "one.csv");
        await File.WriteAllTextAsync(csv, $"credit_code,name\n{CreditCode.Compose("91", "371521", "U0000001")},升级测试有限公司（演示）\n");
        Assert.Equal(0, (await RunCliAsync(fresh.Settings, "import", "registry", csv)).ExitCode);

        var (exit, output, _) = await RunCliAsync(fresh.Settings, "audit", "verify");
        Assert.Equal(0, exit);
        Assert.Contains("legacy: entries 1-3 are plain SHA-256, written before the chain was keyed", output, StringComparison.Ordinal);

        await using (var db = fresh.OpenDb(Factory.Services.GetRequiredService<AuditLog>()))
        {
            var facts = new AuditFacts(2, new DateTimeOffset(legacy[1].OccurredAtUtc), legacy[1].Actor, legacy[1].Action, legacy[1].Subject, "", "forged");
            var second = AuditChain.ComputeHash(legacy[0].Hash, facts);
            var third = AuditChain.ComputeHash(second, new AuditFacts(3, new DateTimeOffset(legacy[2].OccurredAtUtc), legacy[2].Actor,
                legacy[2].Action, legacy[2].Subject, "", legacy[2].After));
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE audit_log SET \"After\" = {"forged"}, \"Hash\" = {second} WHERE \"Sequence\" = 2");
            await db.Database.ExecuteSqlInterpolatedAsync($"UPDATE audit_log SET \"PreviousHash\" = {second}, \"Hash\" = {third} WHERE \"Sequence\" = 3");
        }

        var (brokenExit, brokenOutput, _) = await RunCliAsync(fresh.Settings, "audit", "verify");
        Assert.Equal(1, brokenExit);
        Assert.StartsWith("broken at entry 4: previous-hash link does not match the preceding entry", brokenOutput, StringComparison.Ordinal);
    }

    // ---- helpers -----------------------------------------------------------------------------------

    /// <summary>N of "broken at entry N: REASON…", checking the reason.</summary>
    private static long BrokenAt(string output, string reason)
    {
        var match = Regex.Match(output, $"^broken at entry (\\d+): {Regex.Escape(reason)}");
        Assert.True(match.Success, output);
        return long.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private async Task<(long Sequence, string Hash)> HeadAsync()
    {
        await using var scope = OpenDb();
        var head = await scope.Db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence).FirstAsync();
        return (head.Sequence, head.Hash);
    }

    /// <summary>The current chain key, read from the data directory as an intruder holding it would.</summary>
    private byte[] ReadChainKey() => Convert.FromBase64String(File.ReadAllLines(ChainKeyPath).Last(l => l.Length > 0 && !l.StartsWith('#')));

    /// <summary>
    /// Changes the After of entry <paramref name="from"/> and, with <paramref name="rehash"/>,
    /// re-hashes it and every later entry; returns the rows as they were.
    /// </summary>
    private async Task<List<AuditEntry>> RewriteTailAsync(long from, Func<string, AuditFacts, (string Hash, string? KeyId)>? rehash)
    {
        await using var scope = OpenDb();
        var originals = await scope.Db.AuditEntries.AsNoTracking().Where(e => e.Sequence >= from).OrderBy(e => e.Sequence).ToListAsync();
        var previous = originals[0].PreviousHash;
        foreach (var entry in rehash is null ? originals.Take(1) : originals)
        {
            var after = entry.Sequence == from ? "{\"forged\":true}" : entry.After;
            var facts = new AuditFacts(entry.Sequence, new DateTimeOffset(entry.OccurredAtUtc), entry.Actor, entry.Action, entry.Subject, entry.Before, after);
            var (hash, keyId) = rehash?.Invoke(previous, facts) ?? (entry.Hash, entry.KeyId);
            await scope.Db.Database.ExecuteSqlInterpolatedAsync(
                $"UPDATE audit_log SET \"After\" = {after}, \"PreviousHash\" = {previous}, \"Hash\" = {hash}, \"KeyId\" = {keyId} WHERE \"Sequence\" = {entry.Sequence}");
            previous = hash;
        }

        return originals;
    }

    private async Task RestoreAsync(List<AuditEntry> originals)
    {
        await using var scope = OpenDb();
        foreach (var entry in originals)
        {
            await scope.Db.Database.ExecuteSqlInterpolatedAsync(
                $"UPDATE audit_log SET \"After\" = {entry.After}, \"PreviousHash\" = {entry.PreviousHash}, \"Hash\" = {entry.Hash}, \"KeyId\" = {entry.KeyId} WHERE \"Sequence\" = {entry.Sequence}");
        }
    }

    private async Task<List<AuditCheckpointRecord>> RemoveCheckpointRowsAsync()
    {
        await using var scope = OpenDb();
        var rows = await scope.Db.AuditCheckpoints.AsNoTracking().ToListAsync();
        await scope.Db.Database.ExecuteSqlRawAsync("DELETE FROM audit_checkpoints");
        return rows;
    }

    private async Task RestoreCheckpointRowsAsync(List<AuditCheckpointRecord> rows)
    {
        await using var scope = OpenDb();
        scope.Db.AuditCheckpoints.AddRange(rows);
        await scope.Db.SaveChangesAsync();
    }

    private static async Task<string> ShellAsync(string folder, string script)
    {
        var start = new ProcessStartInfo("/bin/sh", ["-c", script])
        {
            WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return output;
    }
}

/// <summary>The platform with its checkpoint schedule off, so that no checkpoint is signed while a test has tampered with the log.</summary>
public class AuditTrustFactory(DatabaseKind kind) : QualityCityFactory(kind)
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.UseSetting("Audit:CheckpointIntervalMinutes", "0");
    }
}

public sealed class SqliteAuditTrustFactory() : AuditTrustFactory(DatabaseKind.Sqlite);

public sealed class PostgresAuditTrustFactory() : AuditTrustFactory(DatabaseKind.Postgres);

public sealed class SqliteAuditTrustTests(SqliteAuditTrustFactory factory) : AuditTrustTests(factory), IClassFixture<SqliteAuditTrustFactory>;

public sealed class PostgresAuditTrustTests(PostgresAuditTrustFactory factory) : AuditTrustTests(factory), IClassFixture<PostgresAuditTrustFactory>;
