using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace QualityCity.Domain.Planning;

/// <summary>An object drawn, with the ticket that placed it.</summary>
/// <param name="Id">The object's id (a credit code, an inspector id).</param>
/// <param name="Ticket">64 lowercase hex characters.</param>
public sealed record DrawnItem(string Id, string Ticket);

/// <summary>
/// QC-DRAW-1 (SPEC INS-9): the publicly verifiable double-random draw. Tickets are generation-1
/// tickets of Rivest's consistent_sampler (2018): <c>ticket(seed, id) = H(H(H(seed) + ":id:" + id) + "0")</c>
/// with H the SHA-256 of the UTF-8 string as 64 lowercase hex characters. Objects are drawn in
/// ascending (ticket, id) order, compared ordinally. Nothing else adds randomness: no
/// <c>Random</c>, no clock, no dictionary order, so anyone can recompute a draw from the seed and the
/// published pool.
/// </summary>
public static class DrawTickets
{
    /// <summary>The algorithm id written into every commitment and record.</summary>
    public const string Algorithm = "QC-DRAW-1";

    /// <summary>SHA-256 of the UTF-8 bytes of a string, as 64 lowercase hex characters.</summary>
    public static string H(string text) => Common.Sha256.Hex(text);

    /// <summary>The ticket of one object.</summary>
    public static string Ticket(string seed, string id) => TicketFromSeedHash(H(seed), id);

    /// <summary>The ticket given H(seed), which a draw computes once.</summary>
    /// <remarks>
    /// A plan computes hundreds of millions of tickets, so this is <c>H(H(seedHash + ":id:" + id) + "0")</c>
    /// without the intermediate strings: the message is assembled and encoded in stack (or rented)
    /// buffers, the inner digest goes to hex as UTF-8 bytes, the digest context is reused, and only
    /// the ticket itself is allocated.
    /// </remarks>
    public static string TicketFromSeedHash(string seedHash, string id)
    {
        ReadOnlySpan<char> seedPart = seedHash;
        ReadOnlySpan<char> idPart = id;
        var length = seedPart.Length + IdSeparator.Length + idPart.Length;
        char[]? rentedChars = null;
        byte[]? rentedBytes = null;
        var message = length <= StackChars ? stackalloc char[StackChars] : (rentedChars = ArrayPool<char>.Shared.Rent(length));
        var maxBytes = Encoding.UTF8.GetMaxByteCount(length);
        var utf8 = maxBytes <= StackBytes ? stackalloc byte[StackBytes] : (rentedBytes = ArrayPool<byte>.Shared.Rent(maxBytes));
        try
        {
            // One text, encoded once, as the concatenated string was (lone surrogates become U+FFFD alike).
            seedPart.CopyTo(message);
            IdSeparator.CopyTo(message[seedPart.Length..]);
            idPart.CopyTo(message[(seedPart.Length + IdSeparator.Length)..]);
            var byteCount = Encoding.UTF8.GetBytes(message[..length], utf8);

            var sha256 = t_sha256 ??= IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
            sha256.AppendData(utf8[..byteCount]);
            sha256.GetHashAndReset(digest);
            Span<byte> innerHex = stackalloc byte[(SHA256.HashSizeInBytes * 2) + 1];
            Convert.TryToHexStringLower(digest, innerHex, out var hexLength);
            innerHex[hexLength] = (byte)'0';
            sha256.AppendData(innerHex);
            sha256.GetHashAndReset(digest);
            return Convert.ToHexStringLower(digest);
        }
        finally
        {
            if (rentedChars is not null)
            {
                ArrayPool<char>.Shared.Return(rentedChars);
            }

            if (rentedBytes is not null)
            {
                ArrayPool<byte>.Shared.Return(rentedBytes);
            }
        }
    }

    private const string IdSeparator = ":id:";

    // One reusable digest per thread: a one-shot SHA256.HashData creates and frees a native digest
    // context on every call, which for messages of two blocks is a large part of the cost.
    [ThreadStatic]
    private static IncrementalHash? t_sha256;

    // A 64-character seed hash and an id of up to ~190 characters fit on the stack; UTF-8 needs at most 3 bytes a character.
    private const int StackChars = 256;
    private const int StackBytes = (StackChars + 1) * 3;

    /// <summary>
    /// The first <paramref name="k"/> objects of a pool in ascending (ticket, id) order. Duplicate ids
    /// are refused: a pool is a set.
    /// </summary>
    /// <exception cref="ArgumentException">When an id repeats, is empty, or k is negative.</exception>
    public static IReadOnlyList<DrawnItem> Sample(string seed, IEnumerable<string> pool, int k)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(k);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var ids = new List<string>();
        foreach (var id in pool)
        {
            if (string.IsNullOrEmpty(id))
            {
                throw new ArgumentException("A pool id may not be empty.", nameof(pool));
            }

            if (!seen.Add(id))
            {
                throw new ArgumentException($"The pool lists '{id}' twice.", nameof(pool));
            }

            ids.Add(id);
        }

        // Tickets are sorted as digests; only the k kept are written out as hex.
        var digests = TicketDigests.ComputeAll(H(seed), ids);
        var order = TicketDigests.DrawOrder(digests, ids);
        var count = Math.Min(k, ids.Count);
        var drawn = new List<DrawnItem>(count);
        for (var i = 0; i < count; i++)
        {
            drawn.Add(new DrawnItem(ids[order[i]], digests[order[i]].ToString()));
        }

        return drawn;
    }

    /// <summary>The draw order: ticket, then id, both ordinal.</summary>
    public static int CompareDrawn(DrawnItem a, DrawnItem b)
    {
        var byTicket = string.CompareOrdinal(a.Ticket, b.Ticket);
        return byTicket != 0 ? byTicket : string.CompareOrdinal(a.Id, b.Id);
    }

    /// <summary>
    /// Inspectors for one visit: candidates (already without recusals) ordered by
    /// <c>ticket(seed, visitKey + "/" + inspectorId)</c>; the first <paramref name="n"/> for which
    /// <paramref name="hasCapacity"/> is true are taken, in that order. <paramref name="hasCapacity"/>
    /// is asked only for candidates that would be taken, so it may reserve capacity as it answers.
    /// </summary>
    public static IReadOnlyList<DrawnItem> AssignInspectors(string seed, string visitKey, IEnumerable<string> candidateIds, int n,
        Func<string, bool> hasCapacity)
    {
        var seedHash = H(seed);
        var ordered = candidateIds
            .Distinct(StringComparer.Ordinal)
            .Select(id => new DrawnItem(id, TicketFromSeedHash(seedHash, visitKey + "/" + id)))
            .ToList();
        ordered.Sort(CompareDrawn);
        var taken = new List<DrawnItem>(n);
        foreach (var candidate in ordered)
        {
            if (taken.Count == n)
            {
                break;
            }

            if (hasCapacity(candidate.Id))
            {
                taken.Add(candidate);
            }
        }

        return taken;
    }

    /// <summary>
    /// The digest of a pool as the commitment publishes it: SHA-256 (hex) of the ids sorted
    /// ordinally and joined by "\n", which is also the exact content of the published pool file.
    /// </summary>
    public static string PoolDigest(IEnumerable<string> ids) => H(PoolFileText(ids));

    /// <summary>The ids of a published pool file (the inverse of <see cref="PoolFileText"/>); an empty file is an empty pool.</summary>
    public static string[] PoolFileIds(byte[] poolFile) =>
        poolFile.Length == 0 ? [] : Encoding.UTF8.GetString(poolFile).Split('\n');

    /// <summary>The pool file's text: ids sorted ordinally, one per line, "\n" between them.</summary>
    public static string PoolFileText(IEnumerable<string> ids) =>
        string.Join("\n", ids.Order(StringComparer.Ordinal));
}
