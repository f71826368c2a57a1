using System.Security.Cryptography;

namespace QualityCity.Domain.Audit;

/// <summary>What checking the whole log against its keys and checkpoints found.</summary>
/// <param name="EntriesChecked">Entries that passed before the first break (all of them when intact).</param>
/// <param name="Break">The first break, or null when the log is intact.</param>
/// <param name="CheckpointsVerified">Distinct checkpoints whose signature holds and whose head the log still has.</param>
/// <param name="LatestCheckpoint">The highest entry a valid checkpoint covers, or null without any.</param>
/// <param name="LegacyEntries">Entries written before the chain was keyed (plain SHA-256, always a prefix).</param>
public sealed record AuditLogReport(long EntriesChecked, AuditBreak? Break, int CheckpointsVerified, long? LatestCheckpoint, long LegacyEntries)
{
    /// <summary>True when every link, keyed hash and checkpoint holds.</summary>
    public bool IsIntact => Break is null;
}

/// <summary>
/// Checks the log entry by entry (fed in sequence order, page by page) against the chain keys and
/// against signed checkpoints of its head: a checkpoint must verify with the checkpoint key, the
/// entry it names must still have the hash it signed, and the log must reach at least the newest
/// checkpoint. The first failure, in sequence order, is reported.
/// </summary>
/// <remarks>
/// The chain alone catches an entry changed by someone without the chain key; the checkpoints catch
/// a tail re-hashed by someone holding it (the signed head no longer matches) and newest entries
/// removed (the log ends before a signed head).
/// </remarks>
public sealed class AuditLogVerifier
{
    private readonly AuditChainVerifier _chain;
    private readonly Dictionary<long, List<AuditCheckpoint>> _checkpointsBySequence = [];
    private readonly AuditBreak? _firstBadCheckpoint;
    private readonly AuditCheckpoint? _latest;
    private int _checkpointsMatched;
    private AuditBreak? _break;

    /// <summary>A verifier for the whole log, from its first entry.</summary>
    /// <param name="chainKeys">The chain keys by id.</param>
    /// <param name="checkpoints">Every checkpoint known (from any source; duplicates count once).</param>
    /// <param name="checkpointPublicKey">The checkpoint key they must be signed with.</param>
    public AuditLogVerifier(IReadOnlyDictionary<string, byte[]> chainKeys, IEnumerable<SignedAuditCheckpoint> checkpoints, ECDsa checkpointPublicKey)
    {
        _chain = new AuditChainVerifier(chainKeys);
        foreach (var checkpointWithSignature in checkpoints.Distinct())
        {
            if (AuditCheckpoints.SignatureProblem(checkpointWithSignature, checkpointPublicKey) is { } problem)
            {
                if (_firstBadCheckpoint is null || checkpointWithSignature.Checkpoint.Sequence < _firstBadCheckpoint.Sequence)
                {
                    _firstBadCheckpoint = new AuditBreak(checkpointWithSignature.Checkpoint.Sequence, problem);
                }

                continue;
            }

            var checkpoint = checkpointWithSignature.Checkpoint;
            if (!_checkpointsBySequence.TryGetValue(checkpoint.Sequence, out var atSequence))
            {
                _checkpointsBySequence[checkpoint.Sequence] = atSequence = [];
            }

            if (!atSequence.Contains(checkpoint))
            {
                atSequence.Add(checkpoint);
            }

            if (_latest is null || checkpoint.Sequence > _latest.Sequence)
            {
                _latest = checkpoint;
            }
        }
    }

    /// <summary>Checks the next entry; false once the log is broken (feed no more).</summary>
    public bool Add(AuditLink entry)
    {
        if (_break is not null)
        {
            return false;
        }

        if (_firstBadCheckpoint is { } bad && bad.Sequence < entry.Facts.Sequence)
        {
            _break = bad;
            return false;
        }

        _break = _chain.Check(entry);
        if (_break is null && _firstBadCheckpoint is { } badHere && badHere.Sequence == entry.Facts.Sequence)
        {
            _break = badHere;
        }

        if (_break is null && _checkpointsBySequence.TryGetValue(entry.Facts.Sequence, out var checkpoints))
        {
            foreach (var checkpoint in checkpoints)
            {
                if (!string.Equals(checkpoint.HeadHash, entry.Hash, StringComparison.Ordinal))
                {
                    _break = new AuditBreak(entry.Facts.Sequence,
                        $"hash differs from the checkpoint signed at {checkpoint.TimeText} (the log was rewritten at or before this entry)");
                    break;
                }

                _checkpointsMatched++;
            }
        }

        return _break is null;
    }

    /// <summary>The result, once every entry has been fed (or the log broke).</summary>
    public AuditLogReport Finish()
    {
        var last = _chain.HeadSequence;
        if (_break is null && _latest is not null && _latest.Sequence > last)
        {
            _break = new AuditBreak(last + 1,
                $"entries after {last} were removed (the checkpoint signed at {_latest.TimeText} covers entry {_latest.Sequence})");
        }

        if (_break is null && _firstBadCheckpoint is not null)
        {
            _break = _firstBadCheckpoint;
        }

        return new AuditLogReport(_chain.EntriesChecked, _break, _checkpointsMatched,
            _latest is not null && _latest.Sequence <= last ? _latest.Sequence : null, _chain.LegacyEntries);
    }
}
