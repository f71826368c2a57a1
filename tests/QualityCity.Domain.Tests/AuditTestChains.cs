using QualityCity.Domain.Audit;

namespace QualityCity.Domain.Tests;

/// <summary>Audit logs built in memory, as the platform writes them, for the chain and verifier tests.</summary>
internal static class AuditTestChains
{
    public static readonly DateTimeOffset Start = new(2026, 1, 5, 8, 30, 0, TimeSpan.Zero);

    /// <summary>A fixed 256-bit chain key (bytes 0..31), so that hashes can be pinned.</summary>
    public static readonly byte[] Key = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

    /// <summary>Another installation's key, or an intruder's.</summary>
    public static readonly byte[] OtherKey = Enumerable.Range(100, 32).Select(i => (byte)i).ToArray();

    public static IReadOnlyDictionary<string, byte[]> Ring(params byte[][] keys) => keys.ToDictionary(k => AuditChain.KeyIdOf(k), k => k);

    public static AuditFacts Facts(long sequence) => new(
        sequence,
        Start.AddMinutes(sequence),
        sequence % 2 == 0 ? "zhang.san" : "system",
        sequence % 3 == 0 ? "update" : "create",
        $"MarketEntity:91371521MA3CXY7K4X#{sequence}",
        sequence == 1 ? string.Empty : $"{{\"grade\":\"B\",\"n\":{sequence - 1}}}",
        $"{{\"grade\":\"A\",\"n\":{sequence}}}");

    /// <summary>
    /// A log of <paramref name="count"/> entries: the first <paramref name="legacy"/> in plain SHA-256
    /// (written before the chain was keyed), the rest keyed with <paramref name="key"/>.
    /// </summary>
    public static List<AuditLink> Log(int count, byte[]? key = null, int legacy = 0)
    {
        var links = new List<AuditLink>();
        var previous = AuditChain.GenesisHash;
        for (var sequence = 1; sequence <= count; sequence++)
        {
            var link = Link(Facts(sequence), previous, sequence <= legacy ? null : key ?? Key);
            links.Add(link);
            previous = link.Hash;
        }

        return links;
    }

    /// <summary>An entry hashed as the platform would: keyed when a key is given, plain otherwise.</summary>
    public static AuditLink Link(AuditFacts facts, string previousHash, byte[]? key) => key is null
        ? new AuditLink(facts, previousHash, AuditChain.ComputeHash(previousHash, facts), null)
        : new AuditLink(facts, previousHash, AuditChain.ComputeKeyedHash(key, previousHash, facts), AuditChain.KeyIdOf(key));

    /// <summary>
    /// Changes entry <paramref name="from"/>'s After and re-hashes it and every later entry, as an
    /// intruder would: with <paramref name="key"/> (null: plain SHA-256), storing the id of the key
    /// used (none for plain), or leaving the stored key ids as they were.
    /// </summary>
    public static List<AuditLink> RewriteFrom(List<AuditLink> log, long from, byte[]? key, bool keepStoredKeyIds = false)
    {
        var rewritten = log.Take((int)from - 1).ToList();
        var previous = from == 1 ? AuditChain.GenesisHash : rewritten[^1].Hash;
        foreach (var original in log.Skip((int)from - 1))
        {
            var facts = original.Facts.Sequence == from ? original.Facts with { After = "{\"grade\":\"D\"}" } : original.Facts;
            var link = Link(facts, previous, key);
            rewritten.Add(keepStoredKeyIds ? link with { KeyId = original.KeyId } : link);
            previous = link.Hash;
        }

        return rewritten;
    }
}
