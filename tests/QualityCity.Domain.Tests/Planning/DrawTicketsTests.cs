using QualityCity.Domain.Planning;

namespace QualityCity.Domain.Tests.Planning;

/// <summary>QC-DRAW-1 against Rivest's published consistent_sampler vectors and its own invariants.</summary>
public sealed class DrawTicketsTests
{
    private static readonly string[] RivestIds = ["A-1", "A-2", "A-3", "B-1", "B-2", "B-3"];

    [Fact]
    public void Rivests_vector_orders_the_six_ids_as_published()
    {
        var order = DrawTickets.Sample("31415", RivestIds, 6).Select(d => d.Id);
        Assert.Equal(["B-1", "B-2", "A-2", "B-3", "A-1", "A-3"], order);
    }

    [Fact]
    public void Rivests_vector_first_ticket_starts_as_published()
    {
        var ticket = DrawTickets.Ticket("31415", "B-1");
        Assert.StartsWith("209a9f6594", ticket, StringComparison.Ordinal);
        Assert.Equal("209a9f659498ca91b7aedd68deaf452be5354436ccaf56e890335623a988ab9e", ticket);
    }

    [Fact]
    public void A_sample_is_the_prefix_of_the_full_order_whatever_the_input_order()
    {
        var pool = Enumerable.Range(0, 200).Select(i => $"9137150{i:00000000000}").ToList();
        var full = DrawTickets.Sample("12345678901234567890", pool, pool.Count);
        var reversed = Enumerable.Reverse(pool).ToList();
        var sample = DrawTickets.Sample("12345678901234567890", reversed, 10);
        Assert.Equal(full.Take(10), sample);
    }

    [Fact]
    public void Samples_of_overlapping_pools_with_the_same_seed_overlap_consistently()
    {
        // Consistent sampling: an id drawn from the larger pool at rank r is drawn from any sub-pool
        // that still contains it at rank <= r.
        var pool = Enumerable.Range(0, 500).Select(i => $"E{i}").ToList();
        var sub = pool.Where((_, i) => i % 3 != 0).ToList();
        var big = DrawTickets.Sample("seed-1", pool, 50).Select(d => d.Id).ToList();
        var small = DrawTickets.Sample("seed-1", sub, 50).Select(d => d.Id).ToHashSet();
        Assert.All(big.Where(sub.Contains), id => Assert.Contains(id, small));
    }

    [Fact]
    public void A_duplicate_id_in_a_pool_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => DrawTickets.Sample("1", ["X", "Y", "X"], 1));
        Assert.Contains("'X' twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Inspectors_are_taken_in_ticket_order_skipping_those_without_capacity()
    {
        var candidates = Enumerable.Range(1, 10).Select(i => $"I{i}").ToList();
        var order = candidates.Select(c => (c, DrawTickets.Ticket("777", "V1/" + c)))
            .OrderBy(t => t.Item2, StringComparer.Ordinal).Select(t => t.c).ToList();
        var busy = order[0];
        var taken = DrawTickets.AssignInspectors("777", "V1", candidates, 2, id => id != busy);
        Assert.Equal([order[1], order[2]], taken.Select(t => t.Id));
    }

    [Theory]
    [InlineData("913715217064963728")]
    [InlineData("2026/913715217064963728/3/1042")]
    [InlineData("")]
    [InlineData("聊城市东昌府区恒达电缆有限公司")]
    [InlineData("\uDC00 starts with the second half of a surrogate pair")]
    public void A_ticket_is_the_hash_of_the_hex_hash_of_seed_hash_and_id_followed_by_zero(string id)
    {
        var seedHash = DrawTickets.H("31415");
        Assert.Equal(DrawTickets.H(DrawTickets.H(seedHash + ":id:" + id) + "0"), DrawTickets.TicketFromSeedHash(seedHash, id));
    }

    [Fact]
    public void Long_ids_and_any_seed_hash_text_give_the_ticket_of_the_concatenated_text()
    {
        var longId = string.Concat(Enumerable.Repeat("检查对象-0123456789", 40));
        var seedHash = DrawTickets.H("31415");
        Assert.Equal(DrawTickets.H(DrawTickets.H(seedHash + ":id:" + longId) + "0"), DrawTickets.TicketFromSeedHash(seedHash, longId));

        // A seed hash is normally hex; any string is accepted, a lone surrogate included.
        const string oddSeedHash = "seed\uD83D";
        Assert.Equal(DrawTickets.H(DrawTickets.H(oddSeedHash + ":id:" + "A-1") + "0"), DrawTickets.TicketFromSeedHash(oddSeedHash, "A-1"));
    }

    [Fact]
    public void The_pool_digest_is_the_hash_of_the_sorted_ids_joined_by_newlines()
    {
        Assert.Equal(DrawTickets.H("A\nB\nC"), DrawTickets.PoolDigest(["C", "A", "B"]));
        Assert.Equal("A\nB\nC", DrawTickets.PoolFileText(["B", "C", "A"]));
    }
}
