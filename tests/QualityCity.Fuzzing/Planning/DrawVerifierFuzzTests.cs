using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using QualityCity.Domain.Common;
using QualityCity.Domain.Planning;
using QualityCity.Fuzzing.Development;
using QualityCity.Web.Modules.Planning.Contracts;
using QualityCity.Web.Modules.Planning.DrawPlan;

namespace QualityCity.Fuzzing.Planning;

/// <summary>The public draw verifier: a record anyone may paste, checked against the published pool files.</summary>
public sealed class DrawVerifierFuzzTests
{
    private const string Seed = "2026:QC-DRAW-1:00000000000000000000000000000000000000000000000000000000000000aa";

    private static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase, WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private static readonly Dictionary<string, byte[]> Pools = new(StringComparer.Ordinal)
    {
        ["samr-red.txt"] = Pool(Enumerable.Range(1, 12).Select(i => $"9137150000000000{i:00}")),
        ["samr-green.txt"] = Pool(["913715000000000101", "913715000000000102", "913715000000000103"]),
        ["empty.txt"] = [],
    };

    private static byte[] Pool(IEnumerable<string> ids) => Encoding.UTF8.GetBytes(DrawTickets.PoolFileText(ids));

    private static DrawStratum Stratum(string stratum, string file, int k)
    {
        var ids = DrawTickets.PoolFileIds(Pools[file]);
        return new DrawStratum("samr", stratum, "pools/" + file, Sha256.Hex(Pools[file]), ids.Length, k,
            [.. DrawTickets.Sample(Seed, ids, k).Select(d => new DrawnTicket(d.Id, d.Ticket))]);
    }

    private static InspectorAssignment Assignment(string visitKey) =>
        new(visitKey, "samr", [.. DrawTickets.AssignInspectors(Seed, visitKey, ["i01", "i02", "i03", "i04", "i05"], 2, _ => true).Select(d => new DrawnTicket(d.Id, d.Ticket))],
            [new ExcludedInspector("i06", "recusal")]);

    private static readonly string Record = JsonSerializer.Serialize(new DrawDocument(DrawTickets.Algorithm, 2026, Seed, new string('c', 64),
        [Stratum("red", "samr-red.txt", 4), Stratum("green", "samr-green.txt", 5), Stratum("none", "empty.txt", 1)],
        [Assignment("2026-0001"), Assignment("2026-0002")]), Json);

    private static string? Verify(string record, IReadOnlyDictionary<string, byte[]> pools) =>
        DrawVerifier.VerifyAsync(new MemoryStream(Encoding.UTF8.GetBytes(record)), (name, _) => Task.FromResult(pools.GetValueOrDefault(name)), "the published pools",
            CancellationToken.None).GetAwaiter().GetResult();

    [Fact]
    public void The_record_as_drawn_verifies()
    {
        Assert.Null(Verify(Record, Pools));
    }

    [Fact]
    public void A_pasted_record_verifies_again_or_is_refused_with_the_first_difference()
    {
        var damagedPools = Gen.Elements(Pools.Keys.ToArray()).SelectMany(name => FuzzGen.MutateBytes(Pools[name]).Select(bytes =>
            (IReadOnlyDictionary<string, byte[]>)new Dictionary<string, byte[]>(Pools, StringComparer.Ordinal) { [name] = bytes }));
        var input = Gen.Frequency(
            (5, FuzzJson.Mutate(Record).Select(r => (r, (IReadOnlyDictionary<string, byte[]>)Pools))),
            (3, FuzzGen.Mutate(Record).Select(r => (r, (IReadOnlyDictionary<string, byte[]>)Pools))),
            (2, damagedPools.Select(p => (Record, p))),
            (1, FuzzGen.Text().Select(r => (r, (IReadOnlyDictionary<string, byte[]>)Pools))));
        Fuzz.Check("draw verifier", input, pair =>
        {
            var (record, pools) = (pair.Item1, pair.Item2);
            var difference = Verify(record, pools);
            if (difference is null)
            {
                Assert.Null(Verify(record, pools));
            }
            else
            {
                Refusal.AssertClear(difference);
            }
        });
    }

    [Fact]
    public void A_pool_file_reads_as_ids_that_write_back_to_the_same_file_when_they_are_a_pool()
    {
        Fuzz.Check("pool file", Gen.Elements(Pools.Values.ToArray()).SelectMany(FuzzGen.MutateBytes), bytes =>
        {
            var ids = DrawTickets.PoolFileIds(bytes);
            if (ids.All(id => id.Length > 0) && ids.Distinct(StringComparer.Ordinal).Count() == ids.Length
                && ids.SequenceEqual(ids.Order(StringComparer.Ordinal)) && Encoding.UTF8.GetString(bytes) is var text && Encoding.UTF8.GetBytes(text).SequenceEqual(bytes))
            {
                Assert.Equal(text, DrawTickets.PoolFileText(ids));
            }
        });
    }
}
