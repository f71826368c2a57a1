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

    [Fact]
    public void The_pool_digest_is_the_hash_of_the_sorted_ids_joined_by_newlines()
    {
        Assert.Equal(DrawTickets.H("A\nB\nC"), DrawTickets.PoolDigest(["C", "A", "B"]));
        Assert.Equal("A\nB\nC", DrawTickets.PoolFileText(["B", "C", "A"]));
    }
}
