using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using System.Text;

namespace QualityCity.Domain.Planning;

/// <summary>
/// A QC-DRAW-1 ticket as its 32 digest bytes, read as four big-endian words: comparing two of them
/// orders them exactly as their 64-character lowercase hex strings compare ordinally, so a draw can
/// sort digests and write out the hex only for the objects it keeps.
/// </summary>
/// <param name="A">Bytes 0–7.</param>
/// <param name="B">Bytes 8–15.</param>
/// <param name="C">Bytes 16–23.</param>
/// <param name="D">Bytes 24–31.</param>
public readonly record struct TicketDigest(ulong A, ulong B, ulong C, ulong D) : IComparable<TicketDigest>
{
    /// <inheritdoc />
    public int CompareTo(TicketDigest other)
    {
        var byA = A.CompareTo(other.A);
        if (byA != 0)
        {
            return byA;
        }

        var byB = B.CompareTo(other.B);
        if (byB != 0)
        {
            return byB;
        }

        var byC = C.CompareTo(other.C);
        return byC != 0 ? byC : D.CompareTo(other.D);
    }

    /// <summary>Whether <paramref name="left"/> comes first in the draw order.</summary>
    public static bool operator <(TicketDigest left, TicketDigest right) => left.CompareTo(right) < 0;

    /// <summary>Whether <paramref name="left"/> comes first or is equal.</summary>
    public static bool operator <=(TicketDigest left, TicketDigest right) => left.CompareTo(right) <= 0;

    /// <summary>Whether <paramref name="left"/> comes after.</summary>
    public static bool operator >(TicketDigest left, TicketDigest right) => left.CompareTo(right) > 0;

    /// <summary>Whether <paramref name="left"/> comes after or is equal.</summary>
    public static bool operator >=(TicketDigest left, TicketDigest right) => left.CompareTo(right) >= 0;

    /// <summary>The ticket as QC-DRAW-1 writes it: 64 lowercase hex characters.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[32];
        BinaryPrimitives.WriteUInt64BigEndian(bytes, A);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[8..], B);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[16..], C);
        BinaryPrimitives.WriteUInt64BigEndian(bytes[24..], D);
        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>The digest of a ticket written as 64 hex characters.</summary>
    public static TicketDigest Parse(string ticket)
    {
        Span<byte> bytes = stackalloc byte[32];
        Convert.FromHexString(ticket, bytes, out _, out _);
        return new TicketDigest(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]), BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]));
    }
}

/// <summary>
/// Many QC-DRAW-1 tickets at once, at the speed of the processor's vector units. A ticket is
/// <c>H(H(seedHash + ":id:" + id) + "0")</c>: four SHA-256 blocks when computed one by one. Here
/// the first block of every inner message is the 64-character seed hash, the same for a whole draw,
/// so its state is computed once; the rest of the inner message (":id:", a prefix and an id of up to
/// 51 UTF-8 bytes together) fits one block, and the outer message is two — three blocks a ticket.
/// And eight tickets go through SHA-256 side by side, one in each 32-bit lane of a 256-bit vector.
/// Ids too long for one block take the one-by-one path (<see cref="DrawTickets.TicketFromSeedHash"/>);
/// the results are the same bytes either way, which a property test checks on random ids.
/// </summary>
/// <remarks>An instance keeps buffers between calls: one per thread.</remarks>
public sealed class TicketDigests
{
    private const int Lanes = 8;

    // Inner tail: ":id:" + prefix + id + 0x80 + length must fit the 64 bytes of one block.
    private const int MaxTailBytes = 55;

    private readonly string _seedHash;
    private readonly uint[]? _midstate;
    private readonly uint[] _blocks = new uint[16 * Lanes];

    /// <summary>A ticket maker for one draw, given its <paramref name="seedHash"/> = H(seed).</summary>
    public TicketDigests(string seedHash)
    {
        _seedHash = seedHash;
        if (seedHash.Length == 64 && Encoding.UTF8.GetByteCount(seedHash) == 64)
        {
            _midstate = new uint[8];
            Midstate(seedHash, _midstate);
        }
    }

    /// <summary>
    /// The digests of <c>ticket(seed, prefix + ids[i])</c> into <paramref name="digests"/> (as long as
    /// <paramref name="ids"/>). A draw's officers use the prefix <c>visitKey + "/"</c>, so no key
    /// string is built per candidate.
    /// </summary>
    public void Compute(string prefix, ReadOnlySpan<string> ids, Span<TicketDigest> digests)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(digests.Length, ids.Length, nameof(digests));
        var seedHash = _seedHash;
        if (_midstate is not { } midstate || prefix.Length > MaxTailBytes)
        {
            // Only H(seed) is ever passed; anything else is computed the plain way.
            for (var i = 0; i < ids.Length; i++)
            {
                digests[i] = TicketDigest.Parse(DrawTickets.TicketFromSeedHash(seedHash, prefix + ids[i]));
            }

            return;
        }

        var blocks = _blocks;
        Span<byte> tail = stackalloc byte[64];
        Span<byte> prefixBytes = stackalloc byte[Encoding.UTF8.GetMaxByteCount(prefix.Length) + 4];
        ":id:"u8.CopyTo(prefixBytes);
        var prefixLength = 4 + Encoding.UTF8.GetBytes(prefix, prefixBytes[4..]);
        Span<int> laneOf = stackalloc int[Lanes];
        var filled = 0;
        for (var i = 0; i < ids.Length; i++)
        {
            var id = ids[i];
            var length = prefixLength + Encoding.UTF8.GetByteCount(id);
            if (length > MaxTailBytes)
            {
                digests[i] = TicketDigest.Parse(DrawTickets.TicketFromSeedHash(seedHash, prefix + id));
                continue;
            }

            tail.Clear();
            prefixBytes[..prefixLength].CopyTo(tail);
            Encoding.UTF8.GetBytes(id, tail[prefixLength..]);
            tail[length] = 0x80;
            BinaryPrimitives.WriteUInt64BigEndian(tail[56..], (ulong)(64 + length) * 8);
            for (var word = 0; word < 16; word++)
            {
                blocks[(word * Lanes) + filled] = BinaryPrimitives.ReadUInt32BigEndian(tail[(word * 4)..]);
            }

            laneOf[filled++] = i;
            if (filled == Lanes)
            {
                Finish(midstate, blocks, laneOf, filled, digests);
                filled = 0;
            }
        }

        if (filled > 0)
        {
            Finish(midstate, blocks, laneOf, filled, digests);
        }
    }

    /// <summary>
    /// The digests of <c>ticket(seed, ids[i])</c> for a whole pool, on every core for a large one
    /// (each part on its own instance).
    /// </summary>
    public static TicketDigest[] ComputeAll(string seedHash, IReadOnlyList<string> ids)
    {
        const int part = 1 << 14;
        var all = ids as string[] ?? [.. ids];
        var digests = new TicketDigest[all.Length];
        if (all.Length <= part)
        {
            new TicketDigests(seedHash).Compute(string.Empty, all, digests);
            return digests;
        }

        Parallel.For(0, (all.Length + part - 1) / part, () => new TicketDigests(seedHash), (index, _, hasher) =>
        {
            var start = index * part;
            var count = Math.Min(part, all.Length - start);
            hasher.Compute(string.Empty, all.AsSpan(start, count), digests.AsSpan(start, count));
            return hasher;
        }, _ => { });
        return digests;
    }

    /// <summary>
    /// Positions 0…n−1 in the draw order of QC-DRAW-1: ascending ticket, then id, both ordinal.
    /// </summary>
    public static int[] DrawOrder(TicketDigest[] digests, IReadOnlyList<string> ids)
    {
        var order = new int[digests.Length];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        var keys = (TicketDigest[])digests.Clone();
        Array.Sort(keys, order);

        // Equal tickets (a SHA-256 collision, in theory) are ordered by id, as the rule says.
        for (var start = 0; start < keys.Length;)
        {
            var end = start + 1;
            while (end < keys.Length && keys[end] == keys[start])
            {
                end++;
            }

            if (end - start > 1)
            {
                Array.Sort(order, start, end - start, Comparer<int>.Create((x, y) => string.CompareOrdinal(ids[x], ids[y])));
            }

            start = end;
        }

        return order;
    }

    /// <summary>The SHA-256 state after the first block of every inner message: the 64 bytes of the seed hash.</summary>
    private static void Midstate(string seedHash, Span<uint> state)
    {
        Span<byte> block = stackalloc byte[64];
        Encoding.UTF8.GetBytes(seedHash, block);
        Span<Vector256<uint>> words = stackalloc Vector256<uint>[16];
        for (var word = 0; word < 16; word++)
        {
            words[word] = Vector256.Create(BinaryPrimitives.ReadUInt32BigEndian(block[(word * 4)..]));
        }

        Span<Vector256<uint>> vectors = stackalloc Vector256<uint>[8];
        for (var j = 0; j < 8; j++)
        {
            vectors[j] = Vector256.Create(InitialState[j]);
        }

        Compress(vectors, words);
        for (var j = 0; j < 8; j++)
        {
            state[j] = vectors[j].GetElement(0);
        }
    }

    /// <summary>The inner message's last block and the outer message's two, for up to eight tickets.</summary>
    private static void Finish(ReadOnlySpan<uint> midstate, uint[] blocks, ReadOnlySpan<int> laneOf, int filled, Span<TicketDigest> digests)
    {
        Span<Vector256<uint>> state = stackalloc Vector256<uint>[8];
        Span<Vector256<uint>> words = stackalloc Vector256<uint>[16];
        for (var j = 0; j < 8; j++)
        {
            state[j] = Vector256.Create(midstate[j]);
        }

        for (var word = 0; word < 16; word++)
        {
            words[word] = Vector256.Create<uint>(blocks.AsSpan(word * Lanes, Lanes));
        }

        Compress(state, words);

        // The outer message: the inner digest as 64 lowercase hex characters, then "0".
        Span<uint> inner = stackalloc uint[8 * Lanes];
        for (var j = 0; j < 8; j++)
        {
            state[j].CopyTo(inner[(j * Lanes)..]);
        }

        Span<uint> hexWords = stackalloc uint[16 * Lanes];
        for (var j = 0; j < 8; j++)
        {
            for (var lane = 0; lane < Lanes; lane++)
            {
                var value = inner[(j * Lanes) + lane];
                hexWords[(2 * j * Lanes) + lane] = HexOf16Bits[(int)(value >> 16)];
                hexWords[(((2 * j) + 1) * Lanes) + lane] = HexOf16Bits[(int)(value & 0xFFFF)];
            }
        }

        for (var word = 0; word < 16; word++)
        {
            words[word] = Vector256.Create<uint>(hexWords.Slice(word * Lanes, Lanes));
        }

        for (var j = 0; j < 8; j++)
        {
            state[j] = Vector256.Create(InitialState[j]);
        }

        Compress(state, words);
        words[0] = Vector256.Create(0x3080_0000u); // "0", then the padding bit
        for (var word = 1; word < 15; word++)
        {
            words[word] = Vector256<uint>.Zero;
        }

        words[15] = Vector256.Create(65u * 8); // the message's length in bits
        Compress(state, words);

        Span<uint> outer = stackalloc uint[8 * Lanes];
        for (var j = 0; j < 8; j++)
        {
            state[j].CopyTo(outer[(j * Lanes)..]);
        }

        for (var lane = 0; lane < filled; lane++)
        {
            digests[laneOf[lane]] = new TicketDigest(
                ((ulong)outer[lane] << 32) | outer[Lanes + lane],
                ((ulong)outer[(2 * Lanes) + lane] << 32) | outer[(3 * Lanes) + lane],
                ((ulong)outer[(4 * Lanes) + lane] << 32) | outer[(5 * Lanes) + lane],
                ((ulong)outer[(6 * Lanes) + lane] << 32) | outer[(7 * Lanes) + lane]);
        }
    }

    /// <summary>One SHA-256 compression (FIPS 180-4, 6.2.2) of a block in each lane.</summary>
    private static void Compress(Span<Vector256<uint>> state, ReadOnlySpan<Vector256<uint>> block)
    {
        Span<Vector256<uint>> w = stackalloc Vector256<uint>[64];
        block.CopyTo(w);
        for (var t = 16; t < 64; t++)
        {
            var w15 = w[t - 15];
            var w2 = w[t - 2];
            var sigma0 = Rotr(w15, 7) ^ Rotr(w15, 18) ^ (w15 >>> 3);
            var sigma1 = Rotr(w2, 17) ^ Rotr(w2, 19) ^ (w2 >>> 10);
            w[t] = sigma1 + w[t - 7] + sigma0 + w[t - 16];
        }

        var (a, b, c, d, e, f, g, h) = (state[0], state[1], state[2], state[3], state[4], state[5], state[6], state[7]);
        for (var t = 0; t < 64; t++)
        {
            var sum1 = Rotr(e, 6) ^ Rotr(e, 11) ^ Rotr(e, 25);
            var choose = g ^ (e & (f ^ g));
            var t1 = h + sum1 + choose + Vector256.Create(RoundConstants[t]) + w[t];
            var sum0 = Rotr(a, 2) ^ Rotr(a, 13) ^ Rotr(a, 22);
            var majority = (a & b) | (c & (a | b));
            var t2 = sum0 + majority;
            h = g;
            g = f;
            f = e;
            e = d + t1;
            d = c;
            c = b;
            b = a;
            a = t1 + t2;
        }

        state[0] += a;
        state[1] += b;
        state[2] += c;
        state[3] += d;
        state[4] += e;
        state[5] += f;
        state[6] += g;
        state[7] += h;
    }

    private static Vector256<uint> Rotr(Vector256<uint> value, [ConstantExpected] byte count) =>
        Avx512F.VL.IsSupported ? Avx512F.VL.RotateRight(value, count) : (value >>> count) | (value << (32 - count));

    private static readonly uint[] InitialState =
    [
        0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
    ];

    private static readonly uint[] RoundConstants =
    [
        0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
        0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
        0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
        0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
        0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
        0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
        0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
        0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
    ];

    /// <summary>Four lowercase hex characters of every 16-bit value, as one big-endian message word.</summary>
    private static readonly uint[] HexOf16Bits = BuildHexTable();

    private static uint[] BuildHexTable()
    {
        var table = new uint[1 << 16];
        for (var value = 0; value < table.Length; value++)
        {
            uint word = 0;
            for (var shift = 12; shift >= 0; shift -= 4)
            {
                var nibble = (value >> shift) & 0xF;
                word = (word << 8) | (uint)(nibble < 10 ? '0' + nibble : 'a' + nibble - 10);
            }

            table[value] = word;
        }

        return table;
    }
}
