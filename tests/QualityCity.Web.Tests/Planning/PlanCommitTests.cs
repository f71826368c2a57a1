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
