using System.Globalization;
using System.Net.Http.Json;
using System.Runtime.CompilerServices;
using System.Text.Json;
using QualityCity.Domain.PublicVoice;
using QualityCity.Web.Modules.PublicVoice;
using QualityCity.Web.Tests.Infrastructure;
using Xunit.Abstractions;

namespace QualityCity.Web.Tests.PublicVoice;

/// <summary>
/// The triage figures measured through the platform's own path (docs/public-voice.md): the invented
/// corpora of the domain tests stored as items, the routing model trained by the API from the
/// training orders as past dispatches, and every figure read from <c>GET /api/voice/items/{code}</c>
/// (<c>suggestedDepartment</c>, <c>duplicateCandidates</c>). Each database has its own platform.
/// </summary>
public abstract class VoiceTriageMeasureTests(QualityCityFactory factory, ITestOutputHelper output) : PlatformTest(factory)
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    [SkippableFact]
    public async Task Routing_suggestions_learned_from_past_orders_reach_085_on_held_out_orders_through_the_api()
    {
        SkipIfUnavailable();
        var coordinator = await Factory.SignedInClientAsync("coordinator");
        await using (var scope = OpenDb())
        {
            scope.Db.AuditChanges = false;
            await VoiceTriageTests.AddPastOrdersAsync(scope, Routing("routing-train.tsv").Select(r => (r.Text, r.Department)), "371522",
                new DateTime(2024, 1, 1, 1, 0, 0, DateTimeKind.Utc), TimeSpan.FromHours(1));
        }

        var model = await VoiceTriageTests.PostAsync(coordinator, "/api/voice/routing/model", new { });
        output.WriteLine($"model: {model.GetProperty("samples").GetInt32()} orders, held-out accuracy at training {model.GetProperty("heldOutAccuracy")}");

        foreach (var file in new[] { "routing-heldout.tsv", "routing-heldout-operator.tsv" })
        {
            var rows = Routing(file);
            var codes = await StoreAsync(rows.Select((r, i) => (r.Text, "371523", new DateTime(2023, 1, 1, 1, 0, 0, DateTimeKind.Utc).AddDays(10 * i), (string?)null, (string?)null, "complaint")));
            var right = 0;
            var (sure, sureRight) = (0, 0);
            for (var i = 0; i < rows.Count; i++)
            {
                var suggestion = (await coordinator.GetFromJsonAsync<JsonElement>($"/api/voice/items/{codes[i]}")).GetProperty("suggestedDepartment");
                var isRight = suggestion.GetProperty("code").GetString() == rows[i].Department;
                right += isRight ? 1 : 0;
                if (suggestion.GetProperty("confidence").GetDouble() >= 0.5)
                {
                    sure++;
                    sureRight += isRight ? 1 : 0;
                }
            }

            var accuracy = right / (double)rows.Count;
            output.WriteLine($"{file}: accuracy {accuracy:0.000} on {rows.Count} orders; {sure} with confidence >= 0.5, of which {sureRight} right");
            Assert.True(accuracy >= 0.85, $"{file}: routing accuracy {accuracy:0.000} < 0.85");
        }
    }

    [SkippableFact]
    public async Task Duplicate_candidates_reach_precision_08_and_recall_07_through_the_api()
    {
        SkipIfUnavailable();
        var coordinator = await Factory.SignedInClientAsync("coordinator");
        // The two corpora a year apart, so that neither is in the other's window.
        foreach (var (file, shift) in new[] { ("duplicates.tsv", 0), ("duplicates-heldout.tsv", 400) })
        {
            var rows = Duplicates(file);
            var codes = await StoreAsync(rows.Select(r => (r.Text, r.County, r.ReceivedUtc.AddDays(shift), r.Address, r.Enterprise, r.Kind)));
            var group = codes.Select((c, i) => (c, rows[i].Group)).ToDictionary(x => x.c, x => x.Group, StringComparer.Ordinal);
            var predicted = new HashSet<(string, string)>();
            foreach (var code in codes)
            {
                var item = await coordinator.GetFromJsonAsync<JsonElement>($"/api/voice/items/{code}");
                foreach (var candidate in item.GetProperty("duplicateCandidates").EnumerateArray())
                {
                    var other = candidate.GetProperty("trackingCode").GetString()!;
                    predicted.Add(string.CompareOrdinal(code, other) < 0 ? (code, other) : (other, code));
                }
            }

            var truth = codes.SelectMany((a, i) => codes.Skip(i + 1).Where(b => group[a] == group[b]).Select(b => string.CompareOrdinal(a, b) < 0 ? (a, b) : (b, a)))
                .ToHashSet();
            var hits = predicted.Count(truth.Contains);
            var precision = predicted.Count == 0 ? 0 : hits / (double)predicted.Count;
            var recall = hits / (double)truth.Count;
            output.WriteLine($"{file}: precision {precision:0.000}, recall {recall:0.000} ({hits} of {truth.Count} true pairs, {predicted.Count} suggested)");
            Assert.True(precision >= 0.8, $"{file}: precision {precision:0.000}");
            Assert.True(recall >= 0.7, $"{file}: recall {recall:0.000}");
        }
    }

    /// <summary>Stores the messages as received items (as the public form would) and returns their codes in order.</summary>
    private async Task<List<string>> StoreAsync(IEnumerable<(string Text, string County, DateTime ReceivedUtc, string? Address, string? Enterprise, string Kind)> messages)
    {
        await using var scope = OpenDb();
        scope.Db.AuditChanges = false;
        var items = messages.Select(m => new VoiceItem
        {
            TrackingCode = TrackingCode.GenerateSecure().Canonical, Kind = m.Kind, Channel = VoiceChannels.Web, Source = VoiceChannels.Web, CategoryCode = "other",
            CountyCode = m.County, Description = m.Text, Address = m.Address, EntityName = m.Enterprise, State = "received", ReceivedAtUtc = m.ReceivedUtc,
            UpdatedAtUtc = m.ReceivedUtc, Anonymous = true,
        }).ToList();
        scope.Db.VoiceItems.AddRange(items);
        await scope.Db.SaveChangesAsync();
        return items.Select(i => i.TrackingCode).ToList();
    }

    private static List<(string Id, string Department, string Text)> Routing(string file) =>
        Rows(file).Select(f => (f[0], f[1], f[2])).ToList();

    private static List<(string Group, string County, DateTime ReceivedUtc, string? Address, string? Enterprise, string Kind, string Text)> Duplicates(string file) =>
        Rows(file).Select(f => (f[1], f[2], new DateTimeOffset(DateTime.ParseExact(f[3], "yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture), China).UtcDateTime,
            f[4].Length == 0 ? null : f[4], f[5].Length == 0 ? null : f[5], f[6], f[7])).ToList();

    private static IEnumerable<string[]> Rows(string file) =>
        File.ReadLines(Path.Combine(DataFolder(), file)).Skip(1).Where(l => l.Length > 0).Select(l => l.Split('\t'));

    /// <summary>The domain tests' corpus folder, found next to this source file as the compiler recorded it.</summary>
    private static string DataFolder([CallerFilePath] string sourceFile = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(sourceFile)!, "..", "..", "QualityCity.Domain.Tests", "PublicVoice", "Data"));
}

public sealed class SqliteTriageMeasureFactory() : QualityCityFactory(DatabaseKind.Sqlite);

public sealed class PostgresTriageMeasureFactory() : QualityCityFactory(DatabaseKind.Postgres);

public sealed class SqliteVoiceTriageMeasureTests(SqliteTriageMeasureFactory factory, ITestOutputHelper output)
    : VoiceTriageMeasureTests(factory, output), IClassFixture<SqliteTriageMeasureFactory>;

public sealed class PostgresVoiceTriageMeasureTests(PostgresTriageMeasureFactory factory, ITestOutputHelper output)
    : VoiceTriageMeasureTests(factory, output), IClassFixture<PostgresTriageMeasureFactory>;
