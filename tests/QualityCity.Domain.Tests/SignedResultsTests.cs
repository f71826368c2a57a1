using QualityCity.Domain.Execution;

namespace QualityCity.Domain.Tests;

/// <summary>The text a signature on the ground signs: one form whatever the order of entry or the line endings.</summary>
public sealed class SignedResultsTests
{
    private static readonly DateOnly Day = new(2026, 2, 10);

    [Fact]
    public void The_text_lists_the_items_in_code_order_with_their_notes_escaped()
    {
        var text = SignedResults.Text(Day, [new("SAMR-010", "problem", " 灭火器\t过期\r\n两具 \\ "), new("SAMR-002", "pass", "")]);
        Assert.Equal("qc-results-1\n2026-02-10\nSAMR-002\tpass\t\nSAMR-010\tproblem\t灭火器\\t过期\\n两具 \\\\\n", text);
    }

    [Fact]
    public void The_hash_is_the_sha256_of_the_text_and_changes_with_any_outcome_note_or_day()
    {
        SignedItem[] items = [new("A-1", "pass", ""), new("A-2", "problem", "x")];
        var hash = SignedResults.Hash(Day, items);
        Assert.Equal(QualityCity.Domain.Common.Sha256.Hex(SignedResults.Text(Day, items)), hash);
        Assert.Equal(hash, SignedResults.Hash(Day, items.Reverse()));
        Assert.NotEqual(hash, SignedResults.Hash(Day, [items[0], items[1] with { Notes = "y" }]));
        Assert.NotEqual(hash, SignedResults.Hash(Day, [items[0] with { Outcome = "not-applicable" }, items[1]]));
        Assert.NotEqual(hash, SignedResults.Hash(Day.AddDays(1), items));
        // A note that only differs by its line endings or surrounding spaces is the same note.
        Assert.Equal(SignedResults.Hash(Day, [new("A-1", "problem", "a\nb")]), SignedResults.Hash(Day, [new("A-1", "problem", " a\r\nb\n")]));
    }
}
