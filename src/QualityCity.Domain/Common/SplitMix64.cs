namespace QualityCity.Domain.Common;

/// <summary>
/// A small, fully specified pseudo-random generator (SplitMix64, Steele et al. 2014). Demo data are
/// generated with it rather than <c>System.Random</c> so that the same seed gives the same city on
/// every runtime version. Never used where unpredictability matters: the public draw uses SHA-256
/// tickets instead.
/// </summary>
public sealed class SplitMix64
{
    private ulong _state;

    /// <summary>Starts the sequence from a seed.</summary>
    public SplitMix64(ulong seed) => _state = seed;

    /// <summary>Starts the sequence from a string seed (its stable FNV-1a hash).</summary>
    public static SplitMix64 FromString(string seed)
    {
        ulong hash = 14695981039346656037UL;
        foreach (var c in seed)
        {
            hash ^= c;
            hash *= 1099511628211UL;
        }

        return new SplitMix64(hash);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        var z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A uniform integer in [0, maxExclusive).</summary>
    public int Next(int maxExclusive)
    {
        if (maxExclusive <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(maxExclusive), "Must be positive.");
        }

        // Multiply-shift keeps the bias below 2^-32, which is irrelevant for demo data.
        return (int)(((NextUInt64() >> 32) * (ulong)maxExclusive) >> 32);
    }

    /// <summary>A uniform integer in [minInclusive, maxExclusive).</summary>
    public int Next(int minInclusive, int maxExclusive) => minInclusive + Next(maxExclusive - minInclusive);

    /// <summary>A uniform double in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>True with the given probability.</summary>
    public bool Chance(double probability) => NextDouble() < probability;

    /// <summary>One element of a non-empty list.</summary>
    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>An index drawn with the given non-negative weights; a zero weight is never drawn.</summary>
    /// <exception cref="ArgumentException">When no weight is positive.</exception>
    public int PickWeighted(IReadOnlyList<double> weights)
    {
        var total = 0.0;
        var lastPositive = -1;
        for (var i = 0; i < weights.Count; i++)
        {
            total += weights[i];
            if (weights[i] > 0)
            {
                lastPositive = i;
            }
        }

        if (lastPositive < 0)
        {
            throw new ArgumentException("At least one weight must be positive.", nameof(weights));
        }

        var target = NextDouble() * total;
        for (var i = 0; i < weights.Count; i++)
        {
            target -= weights[i];
            if (target < 0 && weights[i] > 0)
            {
                return i;
            }
        }

        // Rounding can leave the target a hair above zero after the last weight.
        return lastPositive;
    }
}
