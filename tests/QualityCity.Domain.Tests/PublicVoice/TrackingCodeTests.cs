using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using QualityCity.Domain.Common;
using QualityCity.Domain.PublicVoice;

namespace QualityCity.Domain.Tests.PublicVoice;

/// <summary>The citizen's tracking code: unguessable, readable aloud, and every common typo caught by the check symbol.</summary>
public sealed class TrackingCodeTests
{
    /// <summary>A reproducible byte source for the tests (the platform uses the cryptographic one).</summary>
    private static Func<int, byte[]> Bytes(ulong seed)
    {
        var random = new SplitMix64(seed);
        return count => Enumerable.Range(0, count).Select(_ => (byte)random.Next(256)).ToArray();
    }

    private static Arbitrary<TrackingCode> Codes() =>
        Gen.Choose(0, int.MaxValue).Select(seed => TrackingCode.Generate(Bytes((ulong)seed))).ToArbitrary();

    [Fact]
    public void The_alphabet_has_31_symbols_without_look_alikes_and_a_code_carries_at_least_45_random_bits()
    {
        Assert.Equal(31, TrackingCode.Alphabet.Length);
        Assert.Equal(31, TrackingCode.Alphabet.Distinct().Count());
        Assert.DoesNotContain(TrackingCode.Alphabet, c => c is '0' or 'O' or '1' or 'I' or 'L');
        Assert.All(TrackingCode.Alphabet, c => Assert.True(char.IsAsciiDigit(c) || char.IsAsciiLetterUpper(c)));
        Assert.Equal(11, TrackingCode.Length);
        Assert.True(TrackingCode.EntropyBits >= 45, $"{TrackingCode.EntropyBits} bits");
        Assert.Equal(49.54, TrackingCode.EntropyBits, 2);
    }

    [Fact]
    public void A_generated_code_is_eleven_symbols_grouped_four_four_three_for_display()
    {
        var code = TrackingCode.Generate(Bytes(1));

        Assert.Matches("^[23456789ABCDEFGHJKMNPQRSTUVWXYZ]{11}$", code.Canonical);
        Assert.Equal($"{code.Canonical[..4]}-{code.Canonical[4..8]}-{code.Canonical[8..]}", code.ToString());
        Assert.True(TrackingCode.TryParse(code.Canonical, out var again));
        Assert.Equal(code, again);
    }

    [Fact]
    public void The_same_random_bytes_give_the_same_code_and_bytes_above_247_are_drawn_again()
    {
        Assert.Equal(TrackingCode.Generate(Bytes(42)), TrackingCode.Generate(Bytes(42)));

        // 0..9 map to the first ten symbols; 248..255 would bias the draw and are skipped.
        var calls = 0;
        var code = TrackingCode.Generate(count =>
        {
            calls++;
            return calls == 1
                ? [250, 0, 255, 1, 2, 3, 4, 248, 5, 6, 7, 8]
                : Enumerable.Range(9, count).Select(i => (byte)i).ToArray();
        });
        Assert.Equal("23456789AB", code.Canonical[..10]);
        Assert.Equal(2, calls);
    }

    [Fact]
    public void The_check_symbol_follows_the_published_weighted_sum()
    {
        // "2222222222" has all values zero, so its check symbol is the zero symbol '2'.
        var zeros = TrackingCode.Generate(count => new byte[count]);
        Assert.Equal("22222222222", zeros.Canonical);

        // Values 1,0,…,0: the weighted sum before the check symbol is 3^10 mod 31 = 25, so the check value is 6 ('8').
        var first = 0;
        var one = TrackingCode.Generate(count => Enumerable.Range(0, count).Select(_ => (byte)(first++ == 0 ? 1 : 0)).ToArray());
        Assert.Equal("32222222228", one.Canonical);
    }

    [Fact]
    public void Cryptographic_codes_differ_and_are_valid()
    {
        var codes = Enumerable.Range(0, 200).Select(_ => TrackingCode.GenerateSecure()).ToList();

        Assert.Equal(200, codes.Select(c => c.Canonical).Distinct().Count());
        Assert.All(codes, c => Assert.True(TrackingCode.TryParse(c.Canonical, out _)));
    }

    [Theory]
    [InlineData("{0}")]
    [InlineData("{1}")]
    [InlineData("{2}")]
    [InlineData("  {3}  ")]
    [InlineData("{4}")]
    [InlineData("{5}")]
    public void What_people_type_is_accepted_lower_case_spaces_hyphens_and_full_width(string pattern)
    {
        var code = TrackingCode.Generate(Bytes(7));
        var canonical = code.Canonical;
        var grouped = code.ToString();
        var forms = new[]
        {
            canonical.ToLowerInvariant(),
            grouped.ToLowerInvariant(),
            $"{canonical[..4]} {canonical[4..8]} {canonical[8..]}",
            grouped.Replace('-', ' '),
            string.Concat(canonical.Select(c => (char)(c + 0xFEE0))), // full-width, as a Chinese input method types
            $"{canonical[..3]}－{canonical[3..6]}—{canonical[6..]}", // full-width hyphen and em dash
        };

        var typed = string.Format(System.Globalization.CultureInfo.InvariantCulture, pattern, forms);
        Assert.True(TrackingCode.TryParse(typed, out var parsed), typed);
        Assert.Equal(code, parsed);
        Assert.Equal(canonical, parsed.Canonical);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("2222222222")] // ten symbols: one short
    [InlineData("222222222222")] // twelve: one too many
    [InlineData("22222222220")] // 0 is not in the alphabet
    [InlineData("2222222222O")] // neither is O
    [InlineData("2222222222I")]
    [InlineData("2222222222L")]
    [InlineData("22222222221")]
    [InlineData("2222.2222.222")]
    [InlineData("22222222223")] // right shape, wrong check symbol
    public void Malformed_codes_are_refused(string? input)
    {
        Assert.False(TrackingCode.TryParse(input, out var code));
        Assert.Null(code);
        if (input is not null)
        {
            Assert.Throws<FormatException>(() => TrackingCode.Parse(input));
        }
    }

    [Property(MaxTest = 300)]
    public Property Every_single_symbol_substitution_is_caught() =>
        Prop.ForAll(Codes(), code =>
        {
            var canonical = code.Canonical;
            for (var position = 0; position < canonical.Length; position++)
            {
                foreach (var other in TrackingCode.Alphabet.Where(c => c != canonical[position]))
                {
                    var typo = string.Concat(canonical[..position], other.ToString(), canonical[(position + 1)..]);
                    if (TrackingCode.TryParse(typo, out _))
                    {
                        return false.Label($"{typo} accepted as a variant of {canonical}");
                    }
                }
            }

            return true.ToProperty();
        });

    [Property(MaxTest = 300)]
    public Property Every_transposition_of_two_different_symbols_is_caught_adjacent_or_not() =>
        Prop.ForAll(Codes(), code =>
        {
            var canonical = code.Canonical;
            for (var i = 0; i < canonical.Length; i++)
            {
                for (var j = i + 1; j < canonical.Length; j++)
                {
                    if (canonical[i] == canonical[j])
                    {
                        continue; // swapping equal symbols is no error
                    }

                    var swapped = canonical.ToCharArray();
                    (swapped[i], swapped[j]) = (swapped[j], swapped[i]);
                    if (TrackingCode.TryParse(new string(swapped), out _))
                    {
                        return false.Label($"{new string(swapped)} accepted as a variant of {canonical}");
                    }
                }
            }

            return true.ToProperty();
        });

    [Property(MaxTest = 300)]
    public Property Every_generated_code_reads_back_from_its_display_and_canonical_forms() =>
        Prop.ForAll(Codes(), code =>
            TrackingCode.TryParse(code.ToString(), out var fromDisplay) && fromDisplay == code
            && TrackingCode.TryParse(code.Canonical.ToLowerInvariant(), out var fromLower) && fromLower == code
            && TrackingCode.Parse(code.Canonical, null) == code);
}
