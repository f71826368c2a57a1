using System.Text;
using QualityCity.Domain.Common;
using QualityCity.Domain.Planning;
using QualityCity.Web.Modules.Planning.DrawPlan;

namespace QualityCity.Web.Tests.Planning;

/// <summary>The public verifier of a draw record: a record or pool file that cannot be verified says why, and never fails with a crash.</summary>
public sealed class DrawVerifierTests
{
    private const string Seed = "2026:seed";

    private static string? Verify(string record, Dictionary<string, byte[]> pools) =>
        DrawVerifier.VerifyAsync(new MemoryStream(Encoding.UTF8.GetBytes(record)), (name, _) => Task.FromResult(pools.GetValueOrDefault(name)), "the pools",
            CancellationToken.None).GetAwaiter().GetResult();

    private static string Record(string strata, string assignments = "[]") =>
        $$"""{"algorithm":"{{DrawTickets.Algorithm}}","year":2026,"seed":"{{Seed}}","commitmentDigest":"c","strata":{{strata}},"inspectorAssignments":{{assignments}}}""";

    private static string Stratum(byte[] pool, int size, int k) =>
        $$"""{"department":"samr","stratum":"red","poolFile":"pools/red.txt","poolDigest":"{{Sha256.Hex(pool)}}","poolSize":{{size}},"k":{{k}},"selected":[]}""";

    [Fact]
    public void A_null_stratum_or_assignment_makes_the_record_incomplete()
    {
        Assert.Equal("the record is incomplete: strata[0] needs poolFile, poolDigest and selected", Verify(Record("[null]"), []));
        Assert.Equal("the record is incomplete: inspectorAssignments[0] needs inspectors", Verify(Record("[]", """[{"visitKey":"v","department":"samr"}]"""), []));
    }

    [Fact]
    public void A_pool_file_with_a_blank_line_or_an_id_twice_is_not_a_pool()
    {
        var blank = Encoding.UTF8.GetBytes("a\n\nb");
        Assert.Equal("pool samr/red: line 2 of the pool file is blank", Verify(Record($"[{Stratum(blank, 3, 1)}]"), new() { ["red.txt"] = blank }));
        var twice = Encoding.UTF8.GetBytes("a\na");
        Assert.Equal("pool samr/red: line 2 of the pool file lists a a second time", Verify(Record($"[{Stratum(twice, 2, 1)}]"), new() { ["red.txt"] = twice }));
    }

    [Fact]
    public void A_negative_k_is_refused_naming_the_pool()
    {
        var pool = Encoding.UTF8.GetBytes("a\nb");
        Assert.Equal("pool samr/red: k is -1, below 0", Verify(Record($"[{Stratum(pool, 2, -1)}]"), new() { ["red.txt"] = pool }));
    }

    [Fact]
    public void A_value_of_the_wrong_kind_is_named_by_its_place_in_the_record_not_by_the_program_s_types()
    {
        var pool = Encoding.UTF8.GetBytes("a\nb");
        var wrong = Stratum(pool, 2, 1).Replace("\"selected\":[]", "\"selected\":7", StringComparison.Ordinal);
        Assert.Equal("the record cannot be read: it is not a draw record's JSON at $.strata[0].selected (line 1)", Verify(Record($"[{wrong}]"), new() { ["red.txt"] = pool }));
        Assert.Equal("the record cannot be read: it is not a draw record's JSON at $ (line 1)", Verify("x", []));
    }
}
