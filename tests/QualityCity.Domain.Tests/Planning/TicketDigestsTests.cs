using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using QualityCity.Domain.Planning;

namespace QualityCity.Domain.Tests.Planning;

/// <summary>
/// The tickets computed side by side in vector lanes are the same bytes as the one-by-one ticket,
/// whatever the id (short, long, non-ASCII, lone surrogates), prefix and seed, and digests sort as
/// the hex tickets do.
/// </summary>
public sealed class TicketDigestsTests
{
    private static readonly string[] Alphabet = ["A", "0", "9", "Z", "-", "/", ":", "测", "试", "é", "\ud83d\ude00", "\ud800", " ", "x"];

    private static Gen<string> Ids() =>
        Gen.Choose(0, 70).SelectMany(length => Gen.ArrayOf(Gen.Elements(Alphabet), length).Select(parts => string.Concat(parts)));

    [Property(MaxTest = 300)]
    public Property Batch_digests_equal_the_one_by_one_tickets_for_any_ids_prefix_and_seed()
    {
        return Prop.ForAll(
            Gen.Choose(0, 40).SelectMany(count => Gen.ArrayOf(Ids(), count)).ToArbitrary(),
            Ids().ToArbitrary(),
            ArbMap.Default.ArbFor<NonNull<string>>(),
            (ids, prefix, seed) =>
            {
                var seedHash = DrawTickets.H(seed.Get);
                var digests = new TicketDigest[ids.Length];
                new TicketDigests(seedHash).Compute(prefix, ids, digests);
                return ids.Select((id, i) => digests[i].ToString() == DrawTickets.TicketFromSeedHash(seedHash, prefix + id)).All(same => same);
            });
    }

    [Fact]
    public void A_seed_hash_that_is_not_64_ascii_characters_still_gives_the_plain_ticket()
    {
        string[] ids = ["91371500MA3C000001", "x"];
        var digests = new TicketDigest[2];
        new TicketDigests("测试").Compute("p/", ids, digests);
        Assert.Equal(DrawTickets.TicketFromSeedHash("测试", "p/x"), digests[1].ToString());
    }

    [Fact]
    public void Digests_of_a_large_pool_computed_on_every_core_equal_the_one_by_one_tickets_and_sort_as_the_hex()
    {
        var ids = Enumerable.Range(0, 40_000).Select(i => $"9137150{i:D7}X{i % 97:D2}").ToList();
        var seedHash = DrawTickets.H("2026-01-05 SSE Composite close 3211.47");
        var digests = TicketDigests.ComputeAll(seedHash, ids);
        var tickets = ids.Select(id => DrawTickets.TicketFromSeedHash(seedHash, id)).ToArray();
        Assert.Equal(tickets, digests.Select(d => d.ToString()));
        var order = TicketDigests.DrawOrder(digests, ids);
        var expected = Enumerable.Range(0, ids.Count).OrderBy(i => tickets[i], StringComparer.Ordinal).ThenBy(i => ids[i], StringComparer.Ordinal);
        Assert.Equal(expected, order);
    }

    [Fact]
    public void Equal_tickets_are_ordered_by_id()
    {
        var same = TicketDigest.Parse(new string('a', 64));
        var order = TicketDigests.DrawOrder([same, TicketDigest.Parse(new string('0', 64)), same], ["b", "z", "a"]);
        Assert.Equal([1, 2, 0], order);
    }
}
