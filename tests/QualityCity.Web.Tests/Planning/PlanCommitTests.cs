using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using QualityCity.Domain.Planning;
using QualityCity.Web.Tests.Infrastructure;

namespace QualityCity.Web.Tests.Planning;

/// <summary>INS-9 step 1: <c>plan commit</c> freezes each department's pools and publishes their digests.</summary>
public abstract class PlanCommitTests(QualityCityFactory factory) : PlatformTest(factory)
{
    [SkippableFact]
    public async Task The_commitment_lists_every_pool_with_the_digest_of_its_file_and_at_most_five_percent_green()
    {
        SkipIfUnavailable();
        var output = Path.Combine(Factory.DataDirectory, "commit-" + Guid.NewGuid().ToString("N")[..6]);
        var (exit, text, error) = await RunCliAsync("plan", "commit", "--year", "2027", "--out", output);
        Assert.True(exit == 0, error);

        var bytes = await File.ReadAllBytesAsync(Path.Combine(output, "commitment.json"));
        var digest = Convert.ToHexStringLower(SHA256.HashData(bytes));
        Assert.Contains($"commitment digest: {digest}", text, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(bytes);
        var root = document.RootElement;
        Assert.Equal("QC-DRAW-1", root.GetProperty("algorithm").GetString());
        Assert.Equal(2027, root.GetProperty("year").GetInt32());
        Assert.Matches("^[0-9a-f]{64}$", root.GetProperty("inspectorRosterDigest").GetString());

        var pools = root.GetProperty("pools").EnumerateArray().ToList();
        Assert.Equal(11 * 3, pools.Count); // 11 inspecting departments × red, yellow, green
        foreach (var pool in pools)
        {
            var file = await File.ReadAllBytesAsync(Path.Combine(output, pool.GetProperty("poolFile").GetString()!));
            Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(file)), pool.GetProperty("poolDigest").GetString());
            var ids = file.Length == 0 ? [] : Encoding.UTF8.GetString(file).Split('\n');
            Assert.Equal(ids.Length, pool.GetProperty("poolSize").GetInt32());
            Assert.Equal(ids.Order(StringComparer.Ordinal), ids);
            var k = pool.GetProperty("k").GetInt32();
            if (pool.GetProperty("stratum").GetString() == "green")
            {
                Assert.True(k <= ids.Length * 0.05, $"{pool.GetProperty("department")}: k={k} of {ids.Length}");
            }
            else
            {
                Assert.Equal(ids.Length, k);
            }
        }

        // The market regulator supervises every active entity; the grades partition its pools.
        await using var scope = OpenDb();
        var active = await scope.Db.MarketEntities.CountAsync(e => e.Status == "active");
        Assert.Equal(active, pools.Where(p => p.GetProperty("department").GetString() == "samr").Sum(p => p.GetProperty("poolSize").GetInt32()));
        var red = await scope.Db.MarketEntities.Where(e => e.Status == "active" && e.RiskGrade == "red").Select(e => e.CreditCode).ToListAsync();
        var samrRed = await File.ReadAllTextAsync(Path.Combine(output, "pools", "samr-red.txt"));
        Assert.Equal(DrawTickets.PoolFileText(red), samrRed);
        Assert.True(await scope.Db.PlanCommitments.AnyAsync(c => c.Digest == digest && c.Year == 2027));
    }

    [SkippableFact]
    public async Task Commit_draw_verify_matches_and_one_changed_byte_of_a_pool_does_not()
    {
        SkipIfUnavailable();
        var output = Path.Combine(Factory.DataDirectory, "plan-" + Guid.NewGuid().ToString("N")[..6]);
        Assert.Equal(0, (await RunCliAsync("plan", "commit", "--year", "2027", "--out", output)).ExitCode);
        var seed = "2718281828459045235" + Random.Shared.Next(1000, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (drawExit, drawText, drawError) = await RunCliAsync("plan", "draw", "--commitment", Path.Combine(output, "commitment.json"), "--seed", seed, "--out", output);
        Assert.True(drawExit == 0, drawError);
        Assert.Contains("merged", drawText, StringComparison.Ordinal);

        var (verifyExit, verifyText, _) = await RunCliAsync("draw", "verify", "--record", Path.Combine(output, "draw.json"), "--pools", Path.Combine(output, "pools"));
        Assert.Equal(0, verifyExit);
        Assert.Equal("match", verifyText.Trim());

        // The plan: every visit's day lies in every window it serves, and merging saved visits.
        using (var plan = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(output, "plan.json"))))
        {
            var totals = plan.RootElement.GetProperty("totals");
            Assert.True(totals.GetProperty("visitsMerged").GetInt32() < totals.GetProperty("visitsIfSeparate").GetInt32());
            foreach (var visit in plan.RootElement.GetProperty("visits").EnumerateArray())
            {
                var date = visit.GetProperty("date").GetString()!;
                Assert.All(visit.GetProperty("obligations").EnumerateArray(), o =>
                {
                    Assert.True(string.CompareOrdinal(o.GetProperty("windowStart").GetString(), date) <= 0);
                    Assert.True(string.CompareOrdinal(date, o.GetProperty("windowEnd").GetString()) <= 0);
                });
            }
        }

        // A seed is never used twice.
        var (againExit, _, againError) = await RunCliAsync("plan", "draw", "--commitment", Path.Combine(output, "commitment.json"), "--seed", seed, "--out", output + "-again");
        Assert.Equal(1, againExit);
        Assert.Contains("already used", againError, StringComparison.Ordinal);

        // One changed byte in a pool: verification and a new draw both refuse.
        var pool = Path.Combine(output, "pools", "samr-green.txt");
        var bytes = await File.ReadAllBytesAsync(pool);
        bytes[3] = bytes[3] == (byte)'0' ? (byte)'1' : (byte)'0';
        await File.WriteAllBytesAsync(pool, bytes);
        var (tamperedExit, tamperedText, _) = await RunCliAsync("draw", "verify", "--record", Path.Combine(output, "draw.json"), "--pools", Path.Combine(output, "pools"));
        Assert.Equal(1, tamperedExit);
        Assert.StartsWith("mismatch: pool samr/green", tamperedText, StringComparison.Ordinal);
        var (redrawExit, _, redrawError) = await RunCliAsync("plan", "draw", "--commitment", Path.Combine(output, "commitment.json"), "--seed", seed + "1", "--out", output + "-x");
        Assert.Equal(1, redrawExit);
        Assert.Contains("changed after the commitment", redrawError, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_record_with_an_altered_selection_or_a_malformed_record_is_a_mismatch()
    {
        SkipIfUnavailable();
        var output = Path.Combine(Factory.DataDirectory, "alter-" + Guid.NewGuid().ToString("N")[..6]);
        Assert.Equal(0, (await RunCliAsync("plan", "commit", "--year", "2028", "--out", output)).ExitCode);
        var seed = "1414213562373095048" + Random.Shared.Next(1000, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(0, (await RunCliAsync("plan", "draw", "--commitment", Path.Combine(output, "commitment.json"), "--seed", seed, "--out", output)).ExitCode);

        var recordPath = Path.Combine(output, "draw.json");
        var text = await File.ReadAllTextAsync(recordPath);
        var altered = text.Replace(seed, seed + "9", StringComparison.Ordinal);
        var alteredPath = Path.Combine(output, "draw-altered.json");
        await File.WriteAllTextAsync(alteredPath, altered);
        var (exit, verdict, _) = await RunCliAsync("draw", "verify", "--record", alteredPath, "--pools", Path.Combine(output, "pools"));
        Assert.Equal(1, exit);
        Assert.StartsWith("mismatch:", verdict, StringComparison.Ordinal);

        var malformed = Path.Combine(output, "draw-malformed.json");
        await File.WriteAllTextAsync(malformed, "{ \"algorithm\": ");
        var (malformedExit, malformedVerdict, _) = await RunCliAsync("draw", "verify", "--record", malformed, "--pools", Path.Combine(output, "pools"));
        Assert.Equal(1, malformedExit);
        Assert.StartsWith("mismatch: the record cannot be read", malformedVerdict, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task A_commit_without_a_year_or_with_a_bad_one_says_why()
    {
        SkipIfUnavailable();
        var (exit, _, error) = await RunCliAsync("plan", "commit", "--out", TempFile("x"));
        Assert.Equal(64, exit);
        Assert.Contains("--year", error, StringComparison.Ordinal);
        var (exitBad, _, errorBad) = await RunCliAsync("plan", "commit", "--year", "27", "--out", TempFile("y"));
        Assert.Equal(64, exitBad);
        Assert.Contains("'27'", errorBad, StringComparison.Ordinal);
    }
}

public sealed class SqlitePlanCommitTests(SqliteFactory factory) : PlanCommitTests(factory), IClassFixture<SqliteFactory>;

public sealed class PostgresPlanCommitTests(PostgresFactory factory) : PlanCommitTests(factory), IClassFixture<PostgresFactory>;
