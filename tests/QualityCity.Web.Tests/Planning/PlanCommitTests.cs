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
        Assert.Equal(11 * 4, pools.Count); // 11 inspecting departments × red, yellow, green and the control sample
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
            else if (pool.GetProperty("stratum").GetString() == "control")
            {
                // The control stratum is the green pool again, drawn at 0.5% rounded down (INS-12).
                var green = pools.Single(p => p.GetProperty("department").GetString() == pool.GetProperty("department").GetString()
                    && p.GetProperty("stratum").GetString() == "green");
                Assert.Equal(green.GetProperty("poolDigest").GetString(), pool.GetProperty("poolDigest").GetString());
                Assert.Equal(ids.Length * 5 / 1000, k);
            }
            else
            {
                Assert.Equal(ids.Length, k);
            }
        }

        // The market regulator supervises every active entity; the grades partition its pools.
        await using var scope = OpenDb();
        var active = await scope.Db.MarketEntities.CountAsync(e => e.Status == "active");
        Assert.Equal(active, pools.Where(p => p.GetProperty("department").GetString() == "samr" && p.GetProperty("stratum").GetString() != "control")
            .Sum(p => p.GetProperty("poolSize").GetInt32()));
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
    public async Task The_control_stratum_is_committed_and_drawn_like_any_other_and_an_independent_recomputation_of_every_stratum_holds()
    {
        SkipIfUnavailable();
        var output = Path.Combine(Factory.DataDirectory, "control-" + Guid.NewGuid().ToString("N")[..6]);
        Assert.Equal(0, (await RunCliAsync("plan", "commit", "--year", "2037", "--out", output)).ExitCode);
        var seed = "5772156649015328606" + Random.Shared.Next(1000, 9999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var (drawExit, _, drawError) = await RunCliAsync("plan", "draw", "--commitment", Path.Combine(output, "commitment.json"), "--seed", seed, "--out", output);
        Assert.True(drawExit == 0, drawError);
        var (verifyExit, verifyText, _) = await RunCliAsync("draw", "verify", "--record", Path.Combine(output, "draw.json"), "--pools", Path.Combine(output, "pools"));
        Assert.Equal((0, "match"), (verifyExit, verifyText.Trim()));

        // The three records still follow their published schemas, the new stratum and fields included.
        foreach (var name in new[] { "commitment", "draw", "plan" })
        {
            var schemaPath = Path.Combine(Security.AuthorizationMatrix.RepositoryRoot, "docs", "schemas", $"{name}.schema.json");
            var schema = Json.Schema.JsonSchema.FromFile(schemaPath, new Json.Schema.BuildOptions { SchemaRegistry = new Json.Schema.SchemaRegistry() }, new Uri("file://" + schemaPath));
            using var record = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(output, $"{name}.json")));
            var result = schema.Evaluate(record.RootElement, new Json.Schema.EvaluationOptions { OutputFormat = Json.Schema.OutputFormat.List });
            Assert.True(result.IsValid, $"{name}.json: " + string.Join("; ", (result.Details ?? []).Where(d => d.Errors is not null)
                .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation} {e.Key}: {e.Value}")).Take(5)));
        }

        using var draw = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(output, "draw.json")));
        Assert.Equal(seed, draw.RootElement.GetProperty("seed").GetString());
        var strata = draw.RootElement.GetProperty("strata").EnumerateArray().ToList();
        // A checker that knows only docs/draw.md: SHA-256, the ticket formula, sort, take k — for every stratum alike.
        static string H(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        foreach (var stratum in strata)
        {
            var file = await File.ReadAllBytesAsync(Path.Combine(output, stratum.GetProperty("poolFile").GetString()!));
            Assert.Equal(H(Encoding.UTF8.GetString(file)), stratum.GetProperty("poolDigest").GetString());
            var ids = file.Length == 0 ? [] : Encoding.UTF8.GetString(file).Split('\n');
            var expected = ids.Select(id => (Id: id, Ticket: H(H(H(seed) + ":id:" + id) + "0")))
                .OrderBy(t => t.Ticket, StringComparer.Ordinal).ThenBy(t => t.Id, StringComparer.Ordinal)
                .Take(stratum.GetProperty("k").GetInt32()).ToList();
            var selected = stratum.GetProperty("selected").EnumerateArray().Select(t => (Id: t.GetProperty("id").GetString()!, Ticket: t.GetProperty("ticket").GetString()!)).ToList();
            Assert.Equal(expected, selected);
        }

        // Every department has its control stratum: the green pool under its own name, its selection the head of green's.
        using var commitment = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(output, "commitment.json")));
        var departments = strata.Select(s => s.GetProperty("department").GetString()!).Distinct().ToList();
        Assert.Equal(11, departments.Count);
        var controlled = new HashSet<(string Department, string Id)>();
        foreach (var department in departments)
        {
            JsonElement Stratum(string name) => strata.Single(s => s.GetProperty("department").GetString() == department && s.GetProperty("stratum").GetString() == name);
            var (green, control) = (Stratum("green"), Stratum("control"));
            Assert.Equal($"pools/{department}-control.txt", control.GetProperty("poolFile").GetString());
            Assert.Equal(green.GetProperty("poolDigest").GetString(), control.GetProperty("poolDigest").GetString());
            Assert.Contains(commitment.RootElement.GetProperty("pools").EnumerateArray(), p => p.GetProperty("department").GetString() == department
                && p.GetProperty("stratum").GetString() == "control" && p.GetProperty("poolDigest").GetString() == control.GetProperty("poolDigest").GetString());
            var controlIds = control.GetProperty("selected").EnumerateArray().Select(t => t.GetProperty("id").GetString()!).ToList();
            Assert.Equal(green.GetProperty("selected").EnumerateArray().Select(t => t.GetProperty("id").GetString()!).Take(controlIds.Count), controlIds);
            controlled.UnionWith(controlIds.Select(id => (department, id)));
        }

        Assert.NotEmpty(controlled);
        // The plan marks exactly those obligations (less any the grace period or recognition waived), all of them green.
        using var plan = JsonDocument.Parse(await File.ReadAllBytesAsync(Path.Combine(output, "plan.json")));
        var marked = plan.RootElement.GetProperty("visits").EnumerateArray()
            .SelectMany(v => v.GetProperty("obligations").EnumerateArray().Select(o => (Enterprise: v.GetProperty("enterprise").GetString()!, Obligation: o)))
            .Where(x => x.Obligation.GetProperty("controlSample").GetBoolean()).ToList();
        Assert.All(marked, x => Assert.Equal("green", x.Obligation.GetProperty("grade").GetString()));
        Assert.All(marked, x => Assert.Contains((x.Obligation.GetProperty("department").GetString()!, x.Enterprise), controlled));
        var waived = plan.RootElement.GetProperty("recognised").EnumerateArray()
            .Select(r => (r.GetProperty("department").GetString()!, r.GetProperty("enterprise").GetString()!)).ToHashSet();
        Assert.All(controlled.Where(c => !waived.Contains(c)), c => Assert.Contains(marked, x => (x.Obligation.GetProperty("department").GetString(), x.Enterprise) == c));
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
