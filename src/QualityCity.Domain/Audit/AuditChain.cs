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

/// <summary>
/// The hash chain of the append-only audit log: each entry's hash covers its own facts and the
/// previous entry's hash, so changing, removing or reordering any entry breaks every hash after it.
/// </summary>
public static class AuditChain
{
    /// <summary>The "previous hash" of the first entry.</summary>
    public const string GenesisHash = "0000000000000000000000000000000000000000000000000000000000000000";

    /// <summary>SHA-256 (lowercase hex) over the previous hash and the entry's facts.</summary>
    public static string ComputeHash(string previousHash, AuditFacts facts)
    {
        // Length-prefixed fields: no separator inside a field can make two entries hash alike.
        var builder = new StringBuilder();
        Append(builder, previousHash);
        Append(builder, facts.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Append(builder, facts.OccurredAtUtc.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Append(builder, facts.Actor);
        Append(builder, facts.Action);
        Append(builder, facts.Subject);
        Append(builder, facts.Before);
        Append(builder, facts.After);
        return Sha256Hex(builder.ToString());
    }

    /// <summary>Lowercase hex SHA-256 of the UTF-8 bytes of a string.</summary>
    public static string Sha256Hex(string text) => Common.Sha256.Hex(text);

    /// <summary>
    /// Checks a run of entries in sequence order. Returns null when every link holds, otherwise the
    /// sequence number of the first entry that does not and why.
    /// </summary>
    public static AuditBreak? Verify(IEnumerable<(AuditFacts Facts, string PreviousHash, string Hash)> entries,
        string expectedFirstPreviousHash = GenesisHash, long expectedFirstSequence = 1)
    {
        var previous = expectedFirstPreviousHash;
        var sequence = expectedFirstSequence;
        foreach (var (facts, previousHash, hash) in entries)
        {
            if (facts.Sequence != sequence)
            {
                return new AuditBreak(facts.Sequence, $"expected sequence {sequence}, found {facts.Sequence} (an entry is missing or reordered)");
            }

            if (!string.Equals(previousHash, previous, StringComparison.Ordinal))
            {
                return new AuditBreak(facts.Sequence, "previous-hash link does not match the preceding entry");
            }

            var recomputed = ComputeHash(previousHash, facts);
            if (!string.Equals(recomputed, hash, StringComparison.Ordinal))
            {
                return new AuditBreak(facts.Sequence, "content does not match its hash (the entry was altered)");
            }

            previous = hash;
            sequence++;
        }

        return null;
    }

    private static void Append(StringBuilder builder, string value) =>
        builder.Append(value.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)).Append(':').Append(value).Append('\n');
}

/// <summary>Where and why an audit chain breaks.</summary>
/// <param name="Sequence">The first entry that fails.</param>
/// <param name="Reason">What failed.</param>
public sealed record AuditBreak(long Sequence, string Reason);
