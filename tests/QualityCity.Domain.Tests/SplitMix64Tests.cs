using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using QualityCity.Domain.Common;

namespace QualityCity.Domain.Tests;

/// <summary>
/// The seeded generator behind the demo data: the same seed must give the same city on every
/// runtime, so the reference vectors below are pinned literally.
/// </summary>
public sealed class SplitMix64Tests
{
    private static ulong[] Take(SplitMix64 rng, int count)
    {
        var values = new ulong[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = rng.NextUInt64();
        }

        return values;
    }

    // ---- reference vectors -------------------------------------------------------------------------

    [Fact]
    public void Seed_zero_gives_the_published_SplitMix64_reference_sequence()
    {
        // Vigna's splitmix64.c with x = 0.
        Assert.Equal([0xE220A8397B1DCDAFUL, 0x6E789E6AA1B965F4UL, 0x06C45D188009454FUL], Take(new SplitMix64(0), 3));
    }

    [Fact]
    public void Seed_1234567_gives_the_published_SplitMix64_reference_sequence()
    {
        Assert.Equal(
            [6457827717110365317UL, 3203168211198807973UL, 9817491932198370423UL, 4593380528125082431UL, 16408922859458223821UL],
            Take(new SplitMix64(1234567), 5));
    }

    [Fact]
    public void Same_seed_gives_the_same_sequence()
    {
        Assert.Equal(Take(new SplitMix64(20260101), 1000), Take(new SplitMix64(20260101), 1000));
    }

    [Fact]
    public void Different_seeds_give_different_sequences()
    {
        Assert.NotEqual(Take(new SplitMix64(1), 10), Take(new SplitMix64(2), 10));
    }

    [Fact]
    public void Successive_values_differ()
    {
        var values = Take(new SplitMix64(42), 1000);

        Assert.Equal(values.Length, values.Distinct().Count());
    }

    // ---- FromString ---------------------------------------------------------------------------------

    [Fact]
    public void FromString_liaocheng_is_pinned_as_a_regression_vector()
    {
        // FNV-1a("liaocheng") then SplitMix64, computed once with an independent implementation.
        Assert.Equal([9919360723436792101UL, 1559887029709357795UL, 9339639263840649934UL], Take(SplitMix64.FromString("liaocheng"), 3));
    }

    [Theory]
    [InlineData("", 0xCBF29CE484222325UL)]       // FNV-1a 64 offset basis
    [InlineData("a", 0xAF63DC4C8601EC8CUL)]      // published FNV-1a 64 test vector
    [InlineData("foobar", 0x85944171F73967E8UL)] // published FNV-1a 64 test vector
    public void FromString_seeds_with_the_FNV_1a_hash(string seed, ulong fnv1a)
    {
        Assert.Equal(Take(new SplitMix64(fnv1a), 5), Take(SplitMix64.FromString(seed), 5));
    }

    [Fact]
    public void FromString_hashes_UTF_16_code_units_so_Chinese_seeds_are_pinned_too()
    {
        // FNV-1a over each UTF-16 code unit of "聊城" (not its UTF-8 bytes), computed independently.
        Assert.Equal([1887754601833413554UL, 9988447951503773155UL], Take(SplitMix64.FromString("聊城"), 2));
    }

    [Fact]
    public void FromString_is_stable_across_instances()
    {
        Assert.Equal(Take(SplitMix64.FromString("聊城市市场监督管理局"), 100), Take(SplitMix64.FromString("聊城市市场监督管理局"), 100));
    }

    [Fact]
    public void FromString_distinguishes_similar_seeds()
    {
        Assert.NotEqual(SplitMix64.FromString("liaocheng").NextUInt64(), SplitMix64.FromString("Liaocheng").NextUInt64());
        Assert.NotEqual(SplitMix64.FromString("ab").NextUInt64(), SplitMix64.FromString("ba").NextUInt64());
    }

    // ---- Next ----------------------------------------------------------------------------------------

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(1000)]
    [InlineData(int.MaxValue)]
    public void Next_max_stays_in_range(int max)
    {
        var rng = new SplitMix64(7);
        for (var i = 0; i < 10_000; i++)
        {
            var value = rng.Next(max);
            Assert.InRange(value, 0, max - 1);
        }
    }

    [Property(MaxTest = 500)]
    public Property Next_max_stays_in_range_for_any_seed_and_bound()
    {
        return Prop.ForAll(
            ArbMap.Default.ArbFor<ulong>(),
            ArbMap.Default.ArbFor<PositiveInt>(),
            (seed, max) =>
            {
                var rng = new SplitMix64(seed);
                return Enumerable.Range(0, 20).Select(_ => rng.Next(max.Get)).All(v => v >= 0 && v < max.Get);
            });
    }

    [Fact]
    public void Next_reaches_every_value_of_a_small_range_about_equally()
    {
        var rng = new SplitMix64(99);
        var counts = new int[7];
        for (var i = 0; i < 70_000; i++)
        {
            counts[rng.Next(7)]++;
        }

        // Expected 10 000 each; ±5 % is many standard deviations (σ ≈ 93).
        Assert.All(counts, c => Assert.InRange(c, 9_500, 10_500));
    }

    [Fact]
    public void Next_uses_multiply_shift_on_the_high_32_bits_pinned_as_a_regression_vector()
    {
        // ((x >> 32) * max) >> 32 over the seed-1234567 reference outputs, computed independently.
        var rng = new SplitMix64(1234567);
        Assert.Equal([35, 17, 53, 24, 88, 42, 59, 27], Enumerable.Range(0, 8).Select(_ => rng.Next(100)));

        var liaocheng = SplitMix64.FromString("liaocheng");
        Assert.Equal([3, 0, 3, 1, 1, 6, 3, 4], Enumerable.Range(0, 8).Select(_ => liaocheng.Next(7)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void Next_rejects_a_non_positive_bound(int max)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => new SplitMix64(1).Next(max));
        Assert.Equal("maxExclusive", ex.ParamName);
    }

    [Fact]
    public void Next_min_max_stays_in_range_and_reaches_both_ends()
    {
        var rng = new SplitMix64(3);
        var seen = new HashSet<int>();
        for (var i = 0; i < 5_000; i++)
        {
            var value = rng.Next(-3, 4);
            Assert.InRange(value, -3, 3);
            seen.Add(value);
        }

        Assert.Equal(Enumerable.Range(-3, 7), seen.Order());
    }

    [Fact]
    public void Next_of_a_one_wide_range_is_its_lower_bound()
    {
        var rng = new SplitMix64(5);
        Assert.All(Enumerable.Range(0, 100).Select(_ => rng.Next(2026, 2027)), v => Assert.Equal(2026, v));
    }

    [Fact]
    public void NextDouble_is_in_the_unit_interval_and_spread_over_it()
    {
        var rng = new SplitMix64(11);
        var values = Enumerable.Range(0, 10_000).Select(_ => rng.NextDouble()).ToList();

        Assert.All(values, v => Assert.InRange(v, 0.0, Math.BitDecrement(1.0)));
        Assert.InRange(values.Average(), 0.48, 0.52);
        Assert.True(values.Min() < 0.01);
        Assert.True(values.Max() > 0.99);
    }

    [Fact]
    public void NextDouble_uses_the_top_53_bits()
    {
        var expected = (0xE220A8397B1DCDAFUL >> 11) / 9007199254740992.0; // 2^53
        Assert.Equal(expected, new SplitMix64(0).NextDouble());
    }

    [Fact]
    public void Chance_zero_never_and_one_always()
    {
        var rng = new SplitMix64(13);
        for (var i = 0; i < 1_000; i++)
        {
            Assert.False(rng.Chance(0.0));
            Assert.True(rng.Chance(1.0));
        }
    }

    [Fact]
    public void Chance_matches_the_probability_roughly()
    {
        var rng = new SplitMix64(17);
        var hits = Enumerable.Range(0, 10_000).Count(_ => rng.Chance(0.3));

        Assert.InRange(hits, 2_800, 3_200);
    }

    [Fact]
    public void Pick_returns_elements_of_the_list_and_all_of_them_eventually()
    {
        string[] counties = ["东昌府区", "茌平区", "阳谷县", "莘县", "东阿县", "冠县", "高唐县", "临清市"];
        var rng = new SplitMix64(19);
        var picked = Enumerable.Range(0, 1_000).Select(_ => rng.Pick(counties)).ToHashSet();

        Assert.Equal(counties.Order(), picked.Order());
    }

    // ---- PickWeighted --------------------------------------------------------------------------------

    [Fact]
    public void PickWeighted_never_picks_a_zero_weight()
    {
        double[] weights = [0, 1, 0, 2, 0];
        var rng = new SplitMix64(23);
        var counts = new int[weights.Length];
        for (var i = 0; i < 30_000; i++)
        {
            counts[rng.PickWeighted(weights)]++;
        }

        Assert.Equal(0, counts[0]);
        Assert.Equal(0, counts[2]);
        Assert.Equal(0, counts[4]);
        // Roughly 1 : 2 between the two non-zero weights.
        Assert.InRange(counts[1], 9_500, 10_500);
        Assert.InRange(counts[3], 19_500, 20_500);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(2)]
    [InlineData(5)]
    public void PickWeighted_with_a_single_non_zero_weight_always_picks_it(int index)
    {
        var weights = new double[6];
        weights[index] = 0.5;
        var rng = new SplitMix64(29);

        Assert.All(Enumerable.Range(0, 1_000).Select(_ => rng.PickWeighted(weights)), i => Assert.Equal(index, i));
    }

    [Fact]
    public void PickWeighted_follows_the_weights()
    {
        double[] weights = [0.1, 0.2, 0.7];
        var rng = new SplitMix64(31);
        var counts = new int[3];
        for (var i = 0; i < 100_000; i++)
        {
            counts[rng.PickWeighted(weights)]++;
        }

        Assert.InRange(counts[0], 9_500, 10_500);
        Assert.InRange(counts[1], 19_400, 20_600);
        Assert.InRange(counts[2], 69_300, 70_700);
    }

    [Fact]
    public void PickWeighted_skips_a_leading_zero_weight_even_when_the_draw_is_exactly_zero()
    {
        // Seed 2^64 − 0x9E3779B97F4A7C15 puts the state at 0 after one step, and SplitMix64 maps 0 to 0,
        // so the first NextDouble() is exactly 0.0: the worst case for a zero weight in front.
        const ulong zeroDrawSeed = 7046029254386353131UL;
        Assert.Equal(0.0, new SplitMix64(zeroDrawSeed).NextDouble());

        Assert.Equal(1, new SplitMix64(zeroDrawSeed).PickWeighted([0.0, 1.0]));
        Assert.Equal(2, new SplitMix64(zeroDrawSeed).PickWeighted([0.0, 0.0, 0.5, 0.5]));
        Assert.Equal(0, new SplitMix64(zeroDrawSeed).PickWeighted([1.0, 0.0]));
    }

    [Property(MaxTest = 300)]
    public Property PickWeighted_picks_an_index_with_a_positive_weight()
    {
        var weights = Gen.Elements(0.0, 0.0, 0.25, 1.0, 3.5).ArrayOf().Where(w => w.Any(x => x > 0));
        return Prop.ForAll(ArbMap.Default.ArbFor<ulong>(), weights.ToArbitrary(), (seed, ws) =>
        {
            var rng = new SplitMix64(seed);
            return Enumerable.Range(0, 20).Select(_ => rng.PickWeighted(ws)).All(i => i >= 0 && i < ws.Length && ws[i] > 0);
        });
    }

    [Fact]
    public void PickWeighted_never_picks_a_trailing_zero_weight_even_when_the_draw_rounds_to_one()
    {
        // This seed's first NextUInt64 is all ones, so NextDouble is 1 - 2^-53: the subtraction can
        // end a hair above zero after the last positive weight.
        var random = new SplitMix64(3558559446808474027);
        Assert.Equal(2, random.PickWeighted([0.1, 0.2, 0.7, 0.0]));
    }

    [Fact]
    public void PickWeighted_refuses_weights_that_are_all_zero()
    {
        Assert.Throws<ArgumentException>(() => new SplitMix64(1).PickWeighted([0.0, 0.0]));
    }
}
