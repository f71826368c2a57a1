using System.Text.RegularExpressions;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using QualityCity.Domain.Audit;
using static QualityCity.Domain.Tests.AuditTestChains;

namespace QualityCity.Domain.Tests;

/// <summary>The hash chain of the append-only audit log: plain SHA-256 (before keying) and keyed.</summary>
public sealed partial class AuditChainTests
{
    [GeneratedRegex("^[0-9a-f]{64}$")]
    private static partial Regex LowerHex64();

    /// <summary>A correctly linked chain of <paramref name="count"/> entries, sequences 1..count.</summary>
    private static List<(AuditFacts Facts, string PreviousHash, string Hash)> Chain(int count)
    {
        var entries = new List<(AuditFacts Facts, string PreviousHash, string Hash)>();
        var previous = AuditChain.GenesisHash;
        for (var sequence = 1; sequence <= count; sequence++)
        {
            var facts = Facts(sequence);
            var hash = AuditChain.ComputeHash(previous, facts);
            entries.Add((facts, previous, hash));
            previous = hash;
        }

        return entries;
    }

    // ---- the hash ----------------------------------------------------------------------------------

    [Fact]
    public void Sha256Hex_matches_the_FIPS_180_test_vector()
    {
        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", AuditChain.Sha256Hex("abc"));
    }

    [Fact]
    public void Genesis_hash_is_64_zeros()
    {
        Assert.Equal(new string('0', 64), AuditChain.GenesisHash);
    }

    [Fact]
    public void Hash_is_64_lowercase_hex_characters()
    {
        Assert.All(Chain(50), e => Assert.Matches(LowerHex64(), e.Hash));
    }

    [Fact]
    public void Hash_of_a_known_entry_is_pinned()
    {
        // Computed independently (Python): SHA-256 over "len:value\n" for previous hash, sequence,
        // UTC ticks (639031986000000000), actor, action, subject, before, after — UTF-8.
        var facts = new AuditFacts(1, Start, "张三", "create", "MarketEntity:914403001922038216", string.Empty,
            "{\"name\":\"华为技术有限公司\"}");

        Assert.Equal("d841dd227f0a71b2e2780016b0077e34a2ec0fcb7ec5376cc36520a31bc303a0",
            AuditChain.ComputeHash(AuditChain.GenesisHash, facts));
    }

    [Fact]
    public void Hash_depends_on_the_previous_hash()
    {
        var facts = Facts(1);

        Assert.NotEqual(AuditChain.ComputeHash(AuditChain.GenesisHash, facts),
            AuditChain.ComputeHash(AuditChain.Sha256Hex("other"), facts));
    }

    [Fact]
    public void Hash_covers_the_instant_not_the_offset_it_was_written_in()
    {
        var utc = Facts(1);
        var beijing = utc with { OccurredAtUtc = utc.OccurredAtUtc.ToOffset(TimeSpan.FromHours(8)) };

        Assert.Equal(AuditChain.ComputeHash(AuditChain.GenesisHash, utc), AuditChain.ComputeHash(AuditChain.GenesisHash, beijing));
    }

    [Fact]
    public void Moving_text_across_a_field_boundary_changes_the_hash()
    {
        var a = Facts(1) with { Actor = "ab", Action = "c" };
        var b = Facts(1) with { Actor = "a", Action = "bc" };
        var c = Facts(1) with { Before = "x\n", After = "" };
        var d = Facts(1) with { Before = "", After = "x\n" };

        Assert.NotEqual(AuditChain.ComputeHash(AuditChain.GenesisHash, a), AuditChain.ComputeHash(AuditChain.GenesisHash, b));
        Assert.NotEqual(AuditChain.ComputeHash(AuditChain.GenesisHash, c), AuditChain.ComputeHash(AuditChain.GenesisHash, d));
    }

    // ---- verification -----------------------------------------------------------------------------

    [Fact]
    public void A_correct_chain_verifies()
    {
        Assert.Null(AuditChain.Verify(Chain(20)));
    }

    [Fact]
    public void A_long_chain_verifies_and_a_deletion_deep_inside_it_is_found()
    {
        var chain = Chain(300);
        Assert.Null(AuditChain.Verify(chain));

        chain.RemoveAt(249);
        Assert.Equal(251, AuditChain.Verify(chain)?.Sequence);
    }

    [Fact]
    public void An_empty_chain_verifies()
    {
        Assert.Null(AuditChain.Verify([]));
    }

    [Fact]
    public void A_later_segment_verifies_from_its_anchor()
    {
        var chain = Chain(10);

        Assert.Null(AuditChain.Verify(chain.Skip(4), chain[3].Hash, 5));
    }

    [Fact]
    public void A_later_segment_does_not_verify_from_the_genesis()
    {
        var chain = Chain(10);

        var broken = AuditChain.Verify(chain.Skip(4));

        Assert.NotNull(broken);
        Assert.Equal(5, broken.Sequence);
    }

    [Fact]
    public void A_later_segment_with_the_wrong_anchor_hash_breaks_at_its_first_entry()
    {
        var chain = Chain(10);

        var broken = AuditChain.Verify(chain.Skip(4), chain[2].Hash, 5);

        Assert.NotNull(broken);
        Assert.Equal(5, broken.Sequence);
        Assert.Contains("previous-hash", broken.Reason, StringComparison.Ordinal);
    }

    public static TheoryData<string> Fields => new()
    {
        nameof(AuditFacts.OccurredAtUtc),
        nameof(AuditFacts.Actor),
        nameof(AuditFacts.Action),
        nameof(AuditFacts.Subject),
        nameof(AuditFacts.Before),
        nameof(AuditFacts.After),
    };

    private static AuditFacts Alter(AuditFacts facts, string field) => field switch
    {
        nameof(AuditFacts.OccurredAtUtc) => facts with { OccurredAtUtc = facts.OccurredAtUtc.AddTicks(1) },
        nameof(AuditFacts.Actor) => facts with { Actor = facts.Actor + "x" },
        nameof(AuditFacts.Action) => facts with { Action = "delete" },
        nameof(AuditFacts.Subject) => facts with { Subject = facts.Subject.Replace('K', 'L') },
        nameof(AuditFacts.Before) => facts with { Before = facts.Before + " " },
        nameof(AuditFacts.After) => facts with { After = facts.After.Replace('A', 'D') },
        _ => throw new ArgumentOutOfRangeException(nameof(field), field, null),
    };

    [Theory]
    [MemberData(nameof(Fields))]
    public void Altering_any_field_of_an_entry_is_detected_at_that_entry(string field)
    {
        for (var altered = 1; altered <= 6; altered++)
        {
            var chain = Chain(6);
            var entry = chain[altered - 1];
            var changed = Alter(entry.Facts, field);
            Assert.NotEqual(entry.Facts, changed);
            chain[altered - 1] = (changed, entry.PreviousHash, entry.Hash);

            var broken = AuditChain.Verify(chain);

            Assert.NotNull(broken);
            Assert.Equal(altered, broken.Sequence);
            Assert.Equal("content does not match its hash (the entry was altered)", broken.Reason);
        }
    }

    [Fact]
    public void Altering_the_sequence_number_of_an_entry_is_detected_at_that_entry()
    {
        var chain = Chain(5);
        chain[2] = (chain[2].Facts with { Sequence = 30 }, chain[2].PreviousHash, chain[2].Hash);

        var broken = AuditChain.Verify(chain);

        Assert.NotNull(broken);
        Assert.Equal(30, broken.Sequence);
        Assert.Equal("expected sequence 3, found 30 (an entry is missing or reordered)", broken.Reason);
    }

    [Fact]
    public void Altering_an_entry_and_rehashing_it_is_detected_at_the_next_entry()
    {
        var chain = Chain(5);
        var changed = chain[2].Facts with { After = "{\"grade\":\"D\"}" };
        chain[2] = (changed, chain[2].PreviousHash, AuditChain.ComputeHash(chain[2].PreviousHash, changed));

        var broken = AuditChain.Verify(chain);

        Assert.NotNull(broken);
        Assert.Equal(4, broken.Sequence);
        Assert.Equal("previous-hash link does not match the preceding entry", broken.Reason);
    }

    [Fact]
    public void Altering_the_stored_hash_is_detected_at_that_entry()
    {
        var chain = Chain(5);
        chain[1] = (chain[1].Facts, chain[1].PreviousHash, AuditChain.Sha256Hex("forged"));

        var broken = AuditChain.Verify(chain);

        Assert.NotNull(broken);
        Assert.Equal(2, broken.Sequence);
    }

    [Fact]
    public void Stored_hash_in_upper_case_does_not_verify()
    {
        var chain = Chain(3);
        chain[2] = (chain[2].Facts, chain[2].PreviousHash, chain[2].Hash.ToUpperInvariant());

        var broken = AuditChain.Verify(chain);

        Assert.NotNull(broken);
        Assert.Equal(3, broken.Sequence);
    }

    [Fact]
    public void Altering_the_previous_hash_link_is_detected_at_that_entry()
    {
        var chain = Chain(5);
        chain[3] = (chain[3].Facts, chain[1].Hash, chain[3].Hash);

        var broken = AuditChain.Verify(chain);

        Assert.NotNull(broken);
        Assert.Equal(4, broken.Sequence);
        Assert.Equal("previous-hash link does not match the preceding entry", broken.Reason);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(5)]
    public void Deleting_an_entry_is_detected_at_the_entry_after_the_gap(int deleted)
    {
        var chain = Chain(6);
        chain.RemoveAt(deleted - 1);

        var broken = AuditChain.Verify(chain);

        Assert.NotNull(broken);
        Assert.Equal(deleted + 1, broken.Sequence);
        Assert.Equal($"expected sequence {deleted}, found {deleted + 1} (an entry is missing or reordered)", broken.Reason);
    }

    [Fact]
    public void Deleting_an_entry_and_renumbering_the_rest_is_detected_at_the_gap()
    {
        var chain = Chain(6);
        chain.RemoveAt(2);
        for (var i = 2; i < chain.Count; i++)
        {
            chain[i] = (chain[i].Facts with { Sequence = i + 1 }, chain[i].PreviousHash, chain[i].Hash);
        }

        var broken = AuditChain.Verify(chain);

        Assert.NotNull(broken);
        Assert.Equal(3, broken.Sequence);
        Assert.Equal("previous-hash link does not match the preceding entry", broken.Reason);
    }

    [Theory]
    [InlineData(1, 2)]
    [InlineData(2, 3)]
    [InlineData(2, 5)]
    [InlineData(5, 6)]
    public void Swapping_two_entries_is_detected_at_the_first_position_out_of_order(int first, int second)
    {
        var chain = Chain(6);
        (chain[first - 1], chain[second - 1]) = (chain[second - 1], chain[first - 1]);

        var broken = AuditChain.Verify(chain);

        // The entry found at position `first` carries sequence `second`.
        Assert.NotNull(broken);
        Assert.Equal(second, broken.Sequence);
        Assert.Equal($"expected sequence {first}, found {second} (an entry is missing or reordered)", broken.Reason);
    }

    [Fact]
    public void Swapping_the_contents_of_two_entries_but_keeping_their_numbers_is_detected()
    {
        var chain = Chain(6);
        var (a, b) = (chain[2], chain[3]);
        chain[2] = (a.Facts with { Actor = b.Facts.Actor, Action = b.Facts.Action, Subject = b.Facts.Subject, Before = b.Facts.Before, After = b.Facts.After, OccurredAtUtc = b.Facts.OccurredAtUtc }, a.PreviousHash, a.Hash);
        chain[3] = (b.Facts with { Actor = a.Facts.Actor, Action = a.Facts.Action, Subject = a.Facts.Subject, Before = a.Facts.Before, After = a.Facts.After, OccurredAtUtc = a.Facts.OccurredAtUtc }, b.PreviousHash, b.Hash);

        var broken = AuditChain.Verify(chain);

        Assert.NotNull(broken);
        Assert.Equal(3, broken.Sequence);
        Assert.Equal("content does not match its hash (the entry was altered)", broken.Reason);
    }

    [Fact]
    public void Inserting_a_forged_entry_is_detected()
    {
        var chain = Chain(4);
        var forged = Facts(3) with { Actor = "intruder" };
        chain.Insert(2, (forged, chain[1].Hash, AuditChain.ComputeHash(chain[1].Hash, forged)));

        var broken = AuditChain.Verify(chain);

        // The forged entry itself links correctly; the original entry 3, now fourth, does not.
        Assert.NotNull(broken);
        Assert.Equal(3, broken.Sequence);
        Assert.Equal("expected sequence 4, found 3 (an entry is missing or reordered)", broken.Reason);
    }

    [Fact]
    public void Only_the_first_break_is_reported()
    {
        var chain = Chain(6);
        chain[1] = (Alter(chain[1].Facts, nameof(AuditFacts.Actor)), chain[1].PreviousHash, chain[1].Hash);
        chain[4] = (Alter(chain[4].Facts, nameof(AuditFacts.After)), chain[4].PreviousHash, chain[4].Hash);

        Assert.Equal(2, AuditChain.Verify(chain)?.Sequence);
    }

    // ---- the keyed chain ---------------------------------------------------------------------------

    [Fact]
    public void Key_id_is_the_first_8_hex_characters_of_the_SHA256_of_the_key()
    {
        // Python: hashlib.sha256(bytes(range(32))).hexdigest()[:8]
        Assert.Equal("630dcd29", AuditChain.KeyIdOf(Key));
    }

    [Fact]
    public void Keyed_hash_of_a_known_entry_is_pinned()
    {
        // Python: hmac.new(bytes(range(32)), <the same length-prefixed UTF-8 text as the plain pin>, sha256).hexdigest()
        var facts = new AuditFacts(1, Start, "张三", "create", "MarketEntity:914403001922038216", string.Empty,
            "{\"name\":\"华为技术有限公司\"}");

        Assert.Equal("e0ca030bf264b222fe384694e02fb7d3ae5257b6cbc25f204701da965c4bbc7a",
            AuditChain.ComputeKeyedHash(Key, AuditChain.GenesisHash, facts));
    }

    [Fact]
    public void Keyed_hash_depends_on_the_key_and_differs_from_the_plain_hash()
    {
        var facts = Facts(1);
        var keyed = AuditChain.ComputeKeyedHash(Key, AuditChain.GenesisHash, facts);

        Assert.Matches(LowerHex64(), keyed);
        Assert.NotEqual(AuditChain.ComputeHash(AuditChain.GenesisHash, facts), keyed);
        Assert.NotEqual(AuditChain.ComputeKeyedHash(OtherKey, AuditChain.GenesisHash, facts), keyed);
    }

    [Fact]
    public void A_keyed_chain_verifies_with_its_key()
    {
        Assert.Null(AuditChain.Verify(Log(30), Ring(Key)));
    }

    [Fact]
    public void A_keyed_chain_does_not_verify_without_its_key_and_says_which_key_is_missing()
    {
        var broken = AuditChain.Verify(Log(5), Ring(OtherKey));

        Assert.NotNull(broken);
        Assert.Equal(1, broken.Sequence);
        Assert.Contains($"chain key {AuditChain.KeyIdOf(Key)}", broken.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Fields))]
    public void Altering_any_field_of_a_keyed_entry_is_detected_at_that_entry(string field)
    {
        for (var altered = 1; altered <= 6; altered++)
        {
            var chain = Log(6);
            chain[altered - 1] = chain[altered - 1] with { Facts = Alter(chain[altered - 1].Facts, field) };

            var broken = AuditChain.Verify(chain, Ring(Key));

            Assert.NotNull(broken);
            Assert.Equal(altered, broken.Sequence);
            Assert.Equal("content does not match its keyed hash (the entry was altered, or re-hashed without the chain key)", broken.Reason);
        }
    }

    [Fact]
    public void A_tail_rehashed_in_plain_SHA256_is_detected_at_the_changed_entry()
    {
        var rewritten = RewriteFrom(Log(10), 4, key: null);

        var broken = AuditChain.Verify(rewritten, Ring(Key));

        Assert.NotNull(broken);
        Assert.Equal(4, broken.Sequence);
        Assert.Equal("plain SHA-256 entry after keyed entries (the chain was re-hashed without the chain key)", broken.Reason);
    }

    [Fact]
    public void A_tail_rehashed_in_plain_SHA256_that_keeps_the_stored_key_ids_is_detected_at_the_changed_entry()
    {
        var rewritten = RewriteFrom(Log(10), 4, key: null, keepStoredKeyIds: true);

        var broken = AuditChain.Verify(rewritten, Ring(Key));

        Assert.NotNull(broken);
        Assert.Equal(4, broken.Sequence);
        Assert.StartsWith("content does not match its keyed hash", broken.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tail_rehashed_with_another_key_is_detected_at_the_changed_entry_whichever_key_id_it_stores()
    {
        var withItsOwnId = AuditChain.Verify(RewriteFrom(Log(10), 4, OtherKey), Ring(Key));
        var withTheRealId = AuditChain.Verify(RewriteFrom(Log(10), 4, OtherKey, keepStoredKeyIds: true), Ring(Key));

        Assert.Equal(4, withItsOwnId?.Sequence);
        Assert.Contains("which this installation does not hold", withItsOwnId!.Reason, StringComparison.Ordinal);
        Assert.Equal(4, withTheRealId?.Sequence);
        Assert.StartsWith("content does not match its keyed hash", withTheRealId!.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_tail_rehashed_with_the_right_key_passes_the_chain_alone()
    {
        // The chain cannot tell; a signed checkpoint of the old head can (AuditLogVerifierTests).
        Assert.Null(AuditChain.Verify(RewriteFrom(Log(10), 4, Key), Ring(Key)));
    }

    [Fact]
    public void Legacy_entries_followed_by_keyed_ones_verify_and_are_counted()
    {
        var verifier = new AuditChainVerifier(Ring(Key));

        Assert.All(Log(10, legacy: 4), e => Assert.Null(verifier.Check(e)));
        Assert.Equal(10, verifier.EntriesChecked);
        Assert.Equal(4, verifier.LegacyEntries);
    }

    [Fact]
    public void A_rewritten_legacy_entry_is_detected_at_the_first_keyed_entry_even_with_the_legacy_tail_rehashed()
    {
        var log = Log(10, legacy: 4);
        var rewritten = RewriteFrom(log.Take(4).ToList(), 2, key: null).Concat(log.Skip(4)).ToList();

        var broken = AuditChain.Verify(rewritten, Ring(Key));

        Assert.NotNull(broken);
        Assert.Equal(5, broken.Sequence);
        Assert.Equal("previous-hash link does not match the preceding entry", broken.Reason);
    }

    [Fact]
    public void A_log_rehashed_in_plain_SHA256_from_its_first_entry_passes_the_chain_alone()
    {
        // It looks like a log written before keying; only checkpoints catch it (AuditLogVerifierTests).
        Assert.Null(AuditChain.Verify(RewriteFrom(Log(10), 1, key: null), Ring(Key)));
    }

    [Fact]
    public void After_a_key_rotation_entries_of_both_keys_verify_while_the_ring_holds_both()
    {
        var log = Log(4, OtherKey);
        var previous = log[^1].Hash;
        for (var sequence = 5; sequence <= 8; sequence++)
        {
            log.Add(Link(Facts(sequence), previous, Key));
            previous = log[^1].Hash;
        }

        Assert.Null(AuditChain.Verify(log, Ring(OtherKey, Key)));
        Assert.Equal(1, AuditChain.Verify(log, Ring(Key))?.Sequence);
    }

    [Property(MaxTest = 200)]
    public Property Any_change_rehashed_without_the_key_is_found_exactly_at_the_changed_entry()
    {
        var cases =
            from length in Gen.Choose(1, 40)
            from changed in Gen.Choose(1, length)
            from how in Gen.Elements("plain", "plain keeping key ids", "other key", "other key keeping key ids")
            select (length, changed, how);
        return Prop.ForAll(cases.ToArbitrary(), c =>
        {
            var log = Log(c.length);
            var rewritten = c.how switch
            {
                "plain" => RewriteFrom(log, c.changed, null),
                "plain keeping key ids" => RewriteFrom(log, c.changed, null, keepStoredKeyIds: true),
                "other key" => RewriteFrom(log, c.changed, OtherKey),
                _ => RewriteFrom(log, c.changed, OtherKey, keepStoredKeyIds: true),
            };

            // From entry 1 a plain rewrite is indistinguishable from a log written before keying.
            var expected = c.how == "plain" && c.changed == 1 ? (long?)null : c.changed;
            return AuditChain.Verify(rewritten, Ring(Key))?.Sequence == expected;
        });
    }
}
