using System.Security.Cryptography;
using QualityCity.Domain.Audit;
using static QualityCity.Domain.Tests.AuditTestChains;

namespace QualityCity.Domain.Tests;

/// <summary>The whole log against its chain keys and its signed checkpoints.</summary>
public sealed class AuditLogVerifierTests : IDisposable
{
    private static readonly DateTimeOffset SignedAt = new(2026, 12, 4, 22, 0, 0, TimeSpan.Zero);

    private readonly ECDsa _checkpointKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public void Dispose() => _checkpointKey.Dispose();

    private SignedAuditCheckpoint CheckpointOf(List<AuditLink> log, long sequence) =>
        AuditCheckpoints.Sign(sequence, log[(int)sequence - 1].Hash, SignedAt.AddMinutes(sequence), _checkpointKey);

    private AuditLogReport Verify(IEnumerable<AuditLink> log, params SignedAuditCheckpoint[] checkpoints)
    {
        var verifier = new AuditLogVerifier(Ring(Key), checkpoints, _checkpointKey);
        foreach (var entry in log)
        {
            if (!verifier.Add(entry))
            {
                break;
            }
        }

        return verifier.Finish();
    }

    [Fact]
    public void An_untouched_log_with_its_checkpoints_is_intact()
    {
        var log = Log(20, legacy: 3);

        var report = Verify(log, CheckpointOf(log, 5), CheckpointOf(log, 12), CheckpointOf(log, 20));

        Assert.True(report.IsIntact);
        Assert.Equal(new AuditLogReport(20, null, 3, 20, 3), report);
    }

    [Fact]
    public void An_empty_log_without_checkpoints_is_intact()
    {
        Assert.Equal(new AuditLogReport(0, null, 0, null, 0), Verify([]));
    }

    [Fact]
    public void The_same_checkpoint_from_several_sources_counts_once()
    {
        var log = Log(10);
        var checkpoint = CheckpointOf(log, 10);

        Assert.Equal(1, Verify(log, checkpoint, checkpoint, checkpoint).CheckpointsVerified);
    }

    [Fact]
    public void A_changed_row_is_found_at_that_row()
    {
        var log = Log(10);
        var checkpoint = CheckpointOf(log, 10);
        log[3] = log[3] with { Facts = log[3].Facts with { Actor = "intruder" } };

        var report = Verify(log, checkpoint);

        Assert.Equal(4, report.Break?.Sequence);
        Assert.Equal(3, report.EntriesChecked);
    }

    [Fact]
    public void A_tail_rehashed_in_plain_SHA256_is_found_at_the_changed_row()
    {
        var log = Log(10);

        Assert.Equal(4, Verify(RewriteFrom(log, 4, key: null), CheckpointOf(log, 10)).Break?.Sequence);
    }

    [Fact]
    public void A_tail_rehashed_with_another_key_is_found_at_the_changed_row()
    {
        var log = Log(10);

        Assert.Equal(4, Verify(RewriteFrom(log, 4, OtherKey), CheckpointOf(log, 10)).Break?.Sequence);
    }

    [Fact]
    public void A_tail_rehashed_with_the_chain_key_is_found_at_the_first_checkpoint_after_the_change()
    {
        var log = Log(20);
        var checkpoints = new[] { CheckpointOf(log, 3), CheckpointOf(log, 8), CheckpointOf(log, 15) };

        var report = Verify(RewriteFrom(log, 6, Key), checkpoints);

        Assert.Equal(8, report.Break?.Sequence);
        Assert.Equal("hash differs from the checkpoint signed at 2026-12-04T22:08:00Z (the log was rewritten at or before this entry)", report.Break?.Reason);
    }

    [Fact]
    public void A_log_rehashed_in_plain_SHA256_from_its_first_entry_is_found_by_a_checkpoint()
    {
        var log = Log(10);

        Assert.Equal(10, Verify(RewriteFrom(log, 1, key: null), CheckpointOf(log, 10)).Break?.Sequence);
    }

    [Fact]
    public void Newest_entries_removed_up_to_a_checkpoint_are_found_after_the_last_entry_left()
    {
        var log = Log(20);
        var checkpoint = CheckpointOf(log, 17);

        var report = Verify(log.Take(12), checkpoint);

        Assert.Equal(13, report.Break?.Sequence);
        Assert.Equal("entries after 12 were removed (the checkpoint signed at 2026-12-04T22:17:00Z covers entry 17)", report.Break?.Reason);
        Assert.Equal(12, report.EntriesChecked);
    }

    [Fact]
    public void Every_entry_removed_is_found_too()
    {
        var log = Log(5);

        Assert.Equal(1, Verify([], CheckpointOf(log, 5)).Break?.Sequence);
    }

    [Fact]
    public void Newest_entries_removed_after_the_last_checkpoint_are_not_found()
    {
        // The documented limit: nothing signed says those entries existed.
        var log = Log(20);

        var report = Verify(log.Take(17), CheckpointOf(log, 17));

        Assert.True(report.IsIntact);
        Assert.Equal(17, report.LatestCheckpoint);
    }

    [Fact]
    public void A_forged_checkpoint_is_reported_at_its_entry()
    {
        var log = Log(10);
        var genuine = CheckpointOf(log, 9);
        var forged = genuine with { Checkpoint = genuine.Checkpoint with { Sequence = 6, HeadHash = log[5].Hash } };

        var report = Verify(log, genuine, forged);

        Assert.Equal(6, report.Break?.Sequence);
        Assert.Contains("does not verify (forged or altered)", report.Break?.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_checkpoint_signed_by_another_key_is_reported_at_its_entry()
    {
        var log = Log(10);
        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var foreign = AuditCheckpoints.Sign(4, log[3].Hash, SignedAt, otherKey);

        var report = Verify(log, foreign);

        Assert.Equal(4, report.Break?.Sequence);
        Assert.Contains($"names key {AuditCheckpoints.KeyIdOf(otherKey)}", report.Break?.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_break_in_the_chain_before_a_forged_checkpoint_is_reported_first()
    {
        var log = Log(10);
        var forged = CheckpointOf(log, 8) with { Signature = "AA==" };
        log[2] = log[2] with { Facts = log[2].Facts with { Action = "delete" } };

        Assert.Equal(3, Verify(log, forged).Break?.Sequence);
    }

    [Fact]
    public void A_forged_checkpoint_beyond_the_end_of_the_log_is_still_reported()
    {
        var log = Log(10);
        var forged = CheckpointOf(log, 10) with { Checkpoint = CheckpointOf(log, 10).Checkpoint with { Sequence = 30 } };

        var report = Verify(log, forged);

        Assert.Equal(30, report.Break?.Sequence);
        Assert.Contains("does not verify", report.Break?.Reason, StringComparison.Ordinal);
    }
}
