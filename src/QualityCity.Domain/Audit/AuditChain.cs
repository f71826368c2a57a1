using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace QualityCity.Domain.Audit;

/// <summary>The fields of an audit entry that its hash covers, in a fixed order.</summary>
/// <param name="Sequence">Position in the log, from 1, without gaps.</param>
/// <param name="OccurredAtUtc">When it happened, UTC.</param>
/// <param name="Actor">Who: a user name, or "system"/"cli".</param>
/// <param name="Action">What kind of change, e.g. "create", "update", "delete", "sign-in".</param>
/// <param name="Subject">What was changed, e.g. "MarketEntity:91371521MA3C...".</param>
/// <param name="Before">JSON of the state before, or empty.</param>
/// <param name="After">JSON of the state after, or empty.</param>
public sealed record AuditFacts(long Sequence, DateTimeOffset OccurredAtUtc, string Actor, string Action,
    string Subject, string Before, string After);

/// <summary>One stored entry as the verifier reads it.</summary>
/// <param name="Facts">What the entry says.</param>
/// <param name="PreviousHash">The hash of the entry before, as stored.</param>
/// <param name="Hash">This entry's hash, as stored.</param>
/// <param name="KeyId">
/// The id of the chain key its HMAC was computed with (<see cref="AuditChain.KeyIdOf"/>), or null for
/// an entry written before the chain was keyed (plain SHA-256).
/// </param>
public sealed record AuditLink(AuditFacts Facts, string PreviousHash, string Hash, string? KeyId);

/// <summary>
/// The hash chain of the append-only audit log: each entry's hash covers its own facts and the
/// previous entry's hash, so changing, removing or reordering any entry breaks every hash after it.
/// </summary>
/// <remarks>
/// Entries are hashed with HMAC-SHA256 under a secret chain key kept outside the database, so that
/// someone who can write the database but does not hold the key cannot re-hash a changed tail.
/// Entries written before the chain was keyed carry no key id and a plain SHA-256; they are accepted
/// only as a prefix of the log, and because the first keyed entry covers the last plain hash, a
/// rewritten legacy entry is still caught there.
/// </remarks>
public static class AuditChain
{
    /// <summary>The "previous hash" of the first entry.</summary>
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>The fewest bytes a chain key may have: 256 bits, the HMAC-SHA256 block strength.</summary>
    public const int MinimumKeyBytes = 32;

    /// <summary>Plain SHA-256 (lowercase hex) over the previous hash and the entry's facts: entries written before the chain was keyed.</summary>
    public static string ComputeHash(string previousHash, AuditFacts facts) => Sha256Hex(Canonical(previousHash, facts));

    /// <summary>HMAC-SHA256 (lowercase hex) under <paramref name="key"/> over the same fields as <see cref="ComputeHash"/>.</summary>
    public static string ComputeKeyedHash(ReadOnlySpan<byte> key, string previousHash, AuditFacts facts) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(Canonical(previousHash, facts))));

    /// <summary>
    /// The id stored with each keyed entry: the first 8 hex characters of the SHA-256 of the key. It
    /// tells the verifier which key of the ring an entry needs; it says nothing useful about the key.
    /// </summary>
    public static string KeyIdOf(ReadOnlySpan<byte> key) => Convert.ToHexStringLower(SHA256.HashData(key))[..8];

    /// <summary>Lowercase hex SHA-256 of the UTF-8 bytes of a string.</summary>
    public static string Sha256Hex(string text) => Common.Sha256.Hex(text);

    /// <summary>
    /// Checks a run of plain SHA-256 entries in sequence order (a log written before the chain was
    /// keyed). Returns null when every link holds, otherwise the first entry that does not and why.
    /// </summary>
    public static AuditBreak? Verify(IEnumerable<(AuditFacts Facts, string PreviousHash, string Hash)> entries,
        string expectedFirstPreviousHash = GenesisHash, long expectedFirstSequence = 1) =>
        Verify(entries.Select(e => new AuditLink(e.Facts, e.PreviousHash, e.Hash, null)),
            new Dictionary<string, byte[]>(), expectedFirstPreviousHash, expectedFirstSequence);

    /// <summary>
    /// Checks a run of entries in sequence order, keyed entries against the key of
    /// <paramref name="keys"/> their key id names. Returns null when every link holds, otherwise the
    /// first entry that does not and why.
    /// </summary>
    public static AuditBreak? Verify(IEnumerable<AuditLink> entries, IReadOnlyDictionary<string, byte[]> keys,
        string expectedFirstPreviousHash = GenesisHash, long expectedFirstSequence = 1)
    {
        var chain = new AuditChainVerifier(keys, expectedFirstPreviousHash, expectedFirstSequence);
        foreach (var entry in entries)
        {
            if (chain.Check(entry) is { } broken)
            {
                return broken;
            }
        }

        return null;
    }

    // Length-prefixed fields: no separator inside a field can make two entries hash alike. The
    // prefix counts UTF-16 code units, as the first entries ever written did; the keyed hash reuses
    // the same text so that one canonical form serves both.
    private static string Canonical(string previousHash, AuditFacts facts)
    {
        var builder = new StringBuilder();
        Append(builder, previousHash);
        Append(builder, facts.Sequence.ToString(CultureInfo.InvariantCulture));
        Append(builder, facts.OccurredAtUtc.UtcTicks.ToString(CultureInfo.InvariantCulture));
        Append(builder, facts.Actor);
        Append(builder, facts.Action);
        Append(builder, facts.Subject);
        Append(builder, facts.Before);
        Append(builder, facts.After);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, string value) =>
        builder.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value).Append('\n');
}

/// <summary>
/// Checks entries one at a time, in sequence order, so that a log of millions of entries can be read
/// page by page. Stop feeding it at the first break.
/// </summary>
public sealed class AuditChainVerifier
{
    private readonly IReadOnlyDictionary<string, byte[]> _keys;
    private string _previousHash;
    private long _nextSequence;
    private bool _keyedSeen;

    /// <summary>A verifier that expects the entry after <paramref name="expectedFirstPreviousHash"/> at <paramref name="expectedFirstSequence"/>.</summary>
    /// <param name="keys">The chain keys by id (<see cref="AuditChain.KeyIdOf"/>).</param>
    /// <param name="expectedFirstPreviousHash">The hash the first entry must link to.</param>
    /// <param name="expectedFirstSequence">The sequence the first entry must have.</param>
    public AuditChainVerifier(IReadOnlyDictionary<string, byte[]> keys, string expectedFirstPreviousHash = AuditChain.GenesisHash,
        long expectedFirstSequence = 1)
    {
        _keys = keys;
        _previousHash = expectedFirstPreviousHash;
        _nextSequence = expectedFirstSequence;
    }

    /// <summary>How many entries have passed.</summary>
    public long EntriesChecked { get; private set; }

    /// <summary>How many of them are plain SHA-256 entries written before the chain was keyed.</summary>
    public long LegacyEntries { get; private set; }

    /// <summary>The sequence of the last entry that passed (one before the first expected before any).</summary>
    public long HeadSequence => _nextSequence - 1;

    /// <summary>Checks the next entry; null when it holds, otherwise where and why the chain breaks.</summary>
    public AuditBreak? Check(AuditLink entry)
    {
        var facts = entry.Facts;
        if (facts.Sequence != _nextSequence)
        {
            return new AuditBreak(facts.Sequence, $"expected sequence {_nextSequence}, found {facts.Sequence} (an entry is missing or reordered)");
        }

        if (!string.Equals(entry.PreviousHash, _previousHash, StringComparison.Ordinal))
        {
            return new AuditBreak(facts.Sequence, "previous-hash link does not match the preceding entry");
        }

        if (entry.KeyId is null)
        {
            // Once the chain is keyed it stays keyed: a plain entry later on is a tail re-hashed by
            // someone without the key.
            if (_keyedSeen)
            {
                return new AuditBreak(facts.Sequence, "plain SHA-256 entry after keyed entries (the chain was re-hashed without the chain key)");
            }

            if (!string.Equals(AuditChain.ComputeHash(entry.PreviousHash, facts), entry.Hash, StringComparison.Ordinal))
            {
                return new AuditBreak(facts.Sequence, "content does not match its hash (the entry was altered)");
            }

            LegacyEntries++;
        }
        else
        {
            if (!_keys.TryGetValue(entry.KeyId, out var key))
            {
                return new AuditBreak(facts.Sequence,
                    $"hashed with chain key {entry.KeyId}, which this installation does not hold (re-hashed with another key, or the key is missing from the key ring)");
            }

            if (!string.Equals(AuditChain.ComputeKeyedHash(key, entry.PreviousHash, facts), entry.Hash, StringComparison.Ordinal))
            {
                return new AuditBreak(facts.Sequence, "content does not match its keyed hash (the entry was altered, or re-hashed without the chain key)");
            }

            _keyedSeen = true;
        }

        _previousHash = entry.Hash;
        _nextSequence++;
        EntriesChecked++;
        return null;
    }
}

/// <summary>Where and why an audit chain breaks.</summary>
/// <param name="Sequence">The first entry that fails.</param>
/// <param name="Reason">What failed.</param>
public sealed record AuditBreak(long Sequence, string Reason);
