using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using QualityCity.Domain.Registry;

namespace QualityCity.Domain.Tests;

/// <summary>
/// REG-1: GB 32100-2015 check character (position 18) and the GB 11714 organisation-code check
/// digit (position 17). Every literal code below was checked independently (a separate Python
/// implementation of the SPEC.md formulas), not by running the code under test.
/// </summary>
public sealed class CreditCodeTests
{
    private const string Huawei = "914403001922038216";    // 华为技术有限公司
    private const string Tencent = "9144030071526726XG";   // 深圳市腾讯计算机系统有限公司
    private const string Zte = "9144030027939873X7";       // 中兴通讯股份有限公司

    // ---- real published codes -------------------------------------------------------------

    [Theory]
    [InlineData(Huawei)]
    [InlineData(Tencent)]
    [InlineData(Zte)]
    [InlineData("91330100716105852F")] // 阿里巴巴（中国）有限公司
    [InlineData("91110108551385082Q")] // 北京小米科技有限责任公司
    [InlineData("91110000802100433B")] // 北京百度网讯科技有限公司
    public void Real_published_codes_are_valid_with_an_empty_reason(string code)
    {
        var check = CreditCode.Check(code);

        Assert.Equal(CreditCodeStatus.Valid, check.Status);
        Assert.True(check.IsValid);
        Assert.True(check.IsAcceptable);
        Assert.Equal(code, check.Code);
        Assert.Equal(string.Empty, check.Reason);
        Assert.Equal(string.Empty, check.ReasonZh);
    }

    [Theory]
    [InlineData("9144030019220382", '1')] // Huawei: organisation code 19220382-1
    [InlineData("9144030071526726", 'X')] // Tencent: 71526726-X (sum mod 11 == 1 → X)
    [InlineData("9144030027939873", 'X')] // ZTE: 27939873-X
    public void Organisation_check_digit_of_real_codes_is_computed_per_GB_11714(string first16, char expected)
    {
        Assert.Equal(expected, CreditCode.ComputeOrganisationCheckDigit(first16.AsSpan(8, 8)));
    }

    [Theory]
    [InlineData(Huawei)]
    [InlineData(Tencent)]
    [InlineData(Zte)]
    public void Check_character_of_real_codes_is_computed_per_GB_32100(string code)
    {
        Assert.Equal(code[17], CreditCode.ComputeCheckCharacter(code.AsSpan(0, 17)));
    }

    [Fact]
    public void Organisation_check_digit_maps_sum_mod_11_of_zero_to_0()
    {
        // All-zero body: sum 0 → "0X987654321"[0] == '0'.
        Assert.Equal('0', CreditCode.ComputeOrganisationCheckDigit("00000000"));
    }

    [Fact]
    public void Organisation_check_digit_values_letters_from_A_equals_10()
    {
        // "A0000000": 10·3 = 30, 30 mod 11 = 8 → "0X987654321"[8] == '3'.
        Assert.Equal('3', CreditCode.ComputeOrganisationCheckDigit("A0000000"));
        // "0000000Z": 35·2 = 70, 70 mod 11 = 4 → '7'.
        Assert.Equal('7', CreditCode.ComputeOrganisationCheckDigit("0000000Z"));
    }

    [Fact]
    public void Organisation_check_digit_is_null_for_characters_outside_digits_and_upper_case()
    {
        Assert.Null(CreditCode.ComputeOrganisationCheckDigit("1234567a"));
        Assert.Null(CreditCode.ComputeOrganisationCheckDigit("1234-567"));
    }

    [Fact]
    public void Check_character_of_all_zero_prefix_is_0()
    {
        // Sum 0 → (31 − 0) mod 31 = 0 → '0', exercising the outer "mod 31".
        Assert.Equal('0', CreditCode.ComputeCheckCharacter("00000000000000000"));
    }

    [Fact]
    public void Check_character_uses_charset_values_not_ascii()
    {
        // Only position 1 is 'Y' (value 30, weight 1): sum 30 → 31 − 30 = 1 → '1'.
        Assert.Equal('1', CreditCode.ComputeCheckCharacter("Y0000000000000000"));
        // Only position 17 is '1' (weight 28): 31 − 28 = 3 → '3'.
        Assert.Equal('3', CreditCode.ComputeCheckCharacter("00000000000000001"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("0000000000000000")]
    [InlineData("000000000000000000")]
    public void Check_character_needs_exactly_17_characters(string input)
    {
        Assert.Throws<ArgumentException>(() => CreditCode.ComputeCheckCharacter(input));
    }

    [Fact]
    public void Check_character_rejects_characters_outside_the_charset()
    {
        Assert.Throws<ArgumentException>(() => CreditCode.ComputeCheckCharacter("9144030019220382I"));
    }

    [Fact]
    public void Organisation_check_digit_needs_exactly_8_characters()
    {
        Assert.Throws<ArgumentException>(() => CreditCode.ComputeOrganisationCheckDigit("1234567"));
    }

    // ---- check-character mismatches (warnings, still acceptable) ------------------------------

    [Theory]
    [InlineData(Huawei)]
    [InlineData(Tencent)]
    [InlineData(Zte)]
    public void Changing_the_18th_character_is_a_mismatch_whatever_the_replacement(string code)
    {
        foreach (var replacement in CreditCode.Charset.Where(c => c != code[17]))
        {
            var check = CreditCode.Check(code[..17] + replacement);

            Assert.Equal(CreditCodeStatus.CheckCharacterMismatch, check.Status);
            Assert.False(check.IsValid);
            Assert.True(check.IsAcceptable);
        }
    }

    [Fact]
    public void Wrong_check_character_is_a_mismatch_with_the_reason()
    {
        var check = CreditCode.Check("914403001922038217");

        Assert.Equal(CreditCodeStatus.CheckCharacterMismatch, check.Status);
        Assert.Equal("check character (position 18) is '7', expected '6'", check.Reason);
        Assert.Contains("第18位", check.ReasonZh, StringComparison.Ordinal);
        Assert.Contains("“6”", check.ReasonZh, StringComparison.Ordinal);
        Assert.Equal("914403001922038217", check.Code);
    }

    [Fact]
    public void Wrong_letter_check_character_names_the_expected_letter()
    {
        var check = CreditCode.Check("9144030071526726X0");

        Assert.Equal(CreditCodeStatus.CheckCharacterMismatch, check.Status);
        Assert.Contains("position 18", check.Reason, StringComparison.Ordinal);
        Assert.Contains("expected 'G'", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Swapping_two_characters_breaks_the_check_character()
    {
        // 19220382 → 19220328: weighted sum changes, so C18 no longer matches.
        var check = CreditCode.Check("914403001922032816");

        Assert.Equal(CreditCodeStatus.CheckCharacterMismatch, check.Status);
    }

    [Fact]
    public void Code_valid_in_C18_but_with_a_wrong_organisation_check_digit_names_position_17()
    {
        // Huawei's first 16 characters with '2' instead of '1' at position 17, and the C18 recomputed
        // for that (independently: "9144030019220382" + "2" → C18 '9'). An early real code can look like this.
        const string code = "914403001922038229";
        Assert.Equal('9', CreditCode.ComputeCheckCharacter(code.AsSpan(0, 17)));

        var check = CreditCode.Check(code);

        Assert.Equal(CreditCodeStatus.CheckCharacterMismatch, check.Status);
        Assert.True(check.IsAcceptable);
        Assert.Equal("organisation code check digit (position 17) is '2', expected '1' (GB 11714)", check.Reason);
        Assert.Contains("第17位", check.ReasonZh, StringComparison.Ordinal);
        Assert.Contains("“1”", check.ReasonZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Organisation_check_digit_X_replaced_by_a_digit_is_detected()
    {
        // Tencent with '5' instead of 'X' at position 17; C18 recomputed independently → '6'.
        var check = CreditCode.Check("914403007152672656");

        Assert.Equal(CreditCodeStatus.CheckCharacterMismatch, check.Status);
        Assert.Contains("position 17", check.Reason, StringComparison.Ordinal);
        Assert.Contains("expected 'X'", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void When_both_check_characters_are_wrong_the_18th_is_reported_first()
    {
        // Position 17 wrong ('2' instead of '1') and position 18 not recomputed.
        var check = CreditCode.Check("914403001922038226");

        Assert.Equal(CreditCodeStatus.CheckCharacterMismatch, check.Status);
        Assert.Contains("position 18", check.Reason, StringComparison.Ordinal);
        Assert.Contains("expected '9'", check.Reason, StringComparison.Ordinal);
    }

    // ---- malformed (rejected) ------------------------------------------------------------------

    [Theory]
    [InlineData("", 0)]
    [InlineData("91440300192203821", 17)]
    [InlineData("9144030019220382160", 19)]
    [InlineData("91", 2)]
    public void Wrong_length_is_malformed_with_the_length_in_the_reason(string code, int found)
    {
        var check = CreditCode.Check(code);

        Assert.Equal(CreditCodeStatus.Malformed, check.Status);
        Assert.False(check.IsAcceptable);
        Assert.False(check.IsValid);
        Assert.Equal($"must be 18 characters, found {found}", check.Reason);
        Assert.Equal($"长度应为18位，实际为{found}位", check.ReasonZh);
    }

    [Fact]
    public void Null_is_malformed_as_an_empty_code()
    {
        var check = CreditCode.Check(null);

        Assert.Equal(CreditCodeStatus.Malformed, check.Status);
        Assert.Equal(string.Empty, check.Code);
        Assert.Equal("must be 18 characters, found 0", check.Reason);
    }

    [Fact]
    public void White_space_only_is_malformed_with_length_zero()
    {
        var check = CreditCode.Check("   \t ");

        Assert.Equal(CreditCodeStatus.Malformed, check.Status);
        Assert.Equal("must be 18 characters, found 0", check.Reason);
    }

    [Theory]
    [InlineData('I')]
    [InlineData('O')]
    [InlineData('S')]
    [InlineData('V')]
    [InlineData('Z')]
    public void Excluded_letters_are_malformed_with_the_position(char forbidden)
    {
        // Put the forbidden letter in the organisation body (position 12), where letters are otherwise allowed.
        var code = Huawei[..11] + forbidden + Huawei[12..];

        var check = CreditCode.Check(code);

        Assert.Equal(CreditCodeStatus.Malformed, check.Status);
        Assert.StartsWith($"character '{forbidden}' at position 12 is not allowed; allowed: ", check.Reason, StringComparison.Ordinal);
        Assert.Contains(CreditCode.Charset, check.Reason, StringComparison.Ordinal);
        Assert.Contains("第12位", check.ReasonZh, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData('I', 18)]
    [InlineData('O', 1)]
    [InlineData('Z', 17)]
    public void Excluded_letters_are_malformed_at_any_position(char forbidden, int position)
    {
        var code = Huawei[..(position - 1)] + forbidden + Huawei[position..];

        var check = CreditCode.Check(code);

        Assert.Equal(CreditCodeStatus.Malformed, check.Status);
        Assert.Contains($"at position {position} ", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Lower_case_letters_are_malformed_and_the_reason_says_to_use_upper_case()
    {
        var check = CreditCode.Check("9144030071526726xg");

        Assert.Equal(CreditCodeStatus.Malformed, check.Status);
        Assert.StartsWith("character 'x' at position 17 is not allowed (letters must be upper case)", check.Reason, StringComparison.Ordinal);
        Assert.Contains("字母应为大写", check.ReasonZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Lower_case_code_is_not_silently_upper_cased()
    {
        var check = CreditCode.Check("9144030071526726Xg");

        Assert.Equal(CreditCodeStatus.Malformed, check.Status);
        Assert.Equal("9144030071526726Xg", check.Code);
    }

    [Fact]
    public void Forbidden_upper_case_letter_reason_does_not_mention_case()
    {
        var check = CreditCode.Check("9144030071526726XS");

        Assert.Equal(CreditCodeStatus.Malformed, check.Status);
        Assert.DoesNotContain("upper case", check.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, '统')]
    [InlineData(16, '２')] // full-width digit two
    [InlineData(11, '-')]
    [InlineData(18, '号')]
    public void Chinese_full_width_and_punctuation_characters_are_malformed_with_the_position(int position, char bad)
    {
        var code = Huawei[..(position - 1)] + bad + Huawei[position..];
        Assert.Equal(18, code.Length);

        var check = CreditCode.Check(code);

        Assert.Equal(CreditCodeStatus.Malformed, check.Status);
        Assert.StartsWith($"character '{bad}' at position {position} is not allowed", check.Reason, StringComparison.Ordinal);
        Assert.Contains($"第{position}位字符“{bad}”不合法", check.ReasonZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Inner_white_space_is_malformed_not_removed()
    {
        var check = CreditCode.Check("91440300 922038216");

        Assert.Equal(CreditCodeStatus.Malformed, check.Status);
        Assert.Contains("position 9", check.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_first_forbidden_character_is_the_one_reported()
    {
        var check = CreditCode.Check("91440300I92203821O");

        Assert.Contains("'I' at position 9", check.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("91A403001922038216", 3, 'A')]
    [InlineData("9144A3001922038216", 5, 'A')]
    [InlineData("9144030Y1922038216", 8, 'Y')]
    public void Non_digit_in_the_division_code_is_malformed_naming_the_position(string code, int position, char bad)
    {
        var check = CreditCode.Check(code);

        Assert.Equal(CreditCodeStatus.Malformed, check.Status);
        Assert.Equal($"positions 3-8 must be the 6-digit administrative division code; position {position} is '{bad}'", check.Reason);
        Assert.Contains($"第{position}位为“{bad}”", check.ReasonZh, StringComparison.Ordinal);
    }

    [Fact]
    public void Letters_are_allowed_in_positions_1_2_and_9_to_18()
    {
        // Composed independently: "12" + "371500" + "HB123456" + '6' (GB 11714) + 'C' (GB 32100).
        var check = CreditCode.Check("12371500HB1234566C");

        Assert.Equal(CreditCodeStatus.Valid, check.Status);
    }

    // ---- trimming -----------------------------------------------------------------------------

    [Theory]
    [InlineData("  914403001922038216  ")]
    [InlineData("\t914403001922038216\r\n")]
    [InlineData("\u3000914403001922038216\u3000")] // ideographic (full-width) space
    public void Surrounding_white_space_is_trimmed(string input)
    {
        var check = CreditCode.Check(input);

        Assert.Equal(CreditCodeStatus.Valid, check.Status);
        Assert.Equal(Huawei, check.Code);
    }

    [Fact]
    public void Trimmed_code_is_what_the_length_message_counts()
    {
        var check = CreditCode.Check(" 91440300192203821 ");

        Assert.Equal("must be 18 characters, found 17", check.Reason);
        Assert.Equal("91440300192203821", check.Code);
    }

    // ---- Compose ------------------------------------------------------------------------------

    [Theory]
    [InlineData("91", "371521", "MA3CXY7K", "91371521MA3CXY7K4X")]
    [InlineData("92", "371502", "L00000P0", "92371502L00000P02G")]
    [InlineData("93", "371581", "00000000", "93371581000000000Y")]
    [InlineData("91", "440300", "19220382", Huawei)]
    [InlineData("91", "440300", "71526726", Tencent)]
    public void Compose_matches_independently_computed_codes(string prefix, string division, string body, string expected)
    {
        Assert.Equal(expected, CreditCode.Compose(prefix, division, body));
    }

    [Property(MaxTest = 500)]
    public Property Compose_produces_valid_codes()
    {
        var charset = CreditCode.Charset.ToCharArray();
        var digits = "0123456789".ToCharArray();
        var gen =
            from prefix in Gen.ArrayOf(Gen.Elements(charset), 2)
            from division in Gen.ArrayOf(Gen.Elements(digits), 6)
            from body in Gen.ArrayOf(Gen.Elements(charset), 8)
            select (Prefix: new string(prefix), Division: new string(division), Body: new string(body));

        return Prop.ForAll(gen.ToArbitrary(), parts =>
        {
            var code = CreditCode.Compose(parts.Prefix, parts.Division, parts.Body);
            var check = CreditCode.Check(code);
            return check.Status == CreditCodeStatus.Valid
                && code.Length == CreditCode.Length
                && code.StartsWith(parts.Prefix + parts.Division + parts.Body, StringComparison.Ordinal)
                && CreditCode.DivisionOf(code) == parts.Division;
        });
    }

    [Property(MaxTest = 300)]
    public Property Any_single_character_change_of_a_composed_code_is_never_valid()
    {
        var charset = CreditCode.Charset.ToCharArray();
        var digits = "0123456789".ToCharArray();
        var gen =
            from body in Gen.ArrayOf(Gen.Elements(charset), 8)
            from division in Gen.ArrayOf(Gen.Elements(digits), 6)
            from position in Gen.Choose(0, 17)
            from replacement in Gen.Elements(charset)
            select (Body: new string(body), Division: new string(division), Position: position, Replacement: replacement);

        return Prop.ForAll(gen.ToArbitrary(), x =>
        {
            var code = CreditCode.Compose("91", x.Division, x.Body);
            if (code[x.Position] == x.Replacement)
            {
                return true;
            }

            var changed = code[..x.Position] + x.Replacement + code[(x.Position + 1)..];
            // 31 is prime and every weight is non-zero mod 31, so one substitution always breaks C18
            // (or, in positions 3–8, makes the code malformed).
            return CreditCode.Check(changed).Status != CreditCodeStatus.Valid;
        });
    }

    [Theory]
    [InlineData("9", "371521", "MA3CXY7K")]
    [InlineData("91", "37152", "MA3CXY7K")]
    [InlineData("91", "371521", "MA3CXY7")]
    [InlineData("911", "371521", "MA3CXY7K")]
    public void Compose_rejects_parts_of_the_wrong_length(string prefix, string division, string body)
    {
        Assert.Throws<ArgumentException>(() => CreditCode.Compose(prefix, division, body));
    }

    [Fact]
    public void Compose_rejects_a_body_with_lower_case_letters()
    {
        var ex = Assert.Throws<ArgumentException>(() => CreditCode.Compose("91", "371521", "ma3cxy7k"));
        Assert.Equal("organisationBody", ex.ParamName);
    }

    // ---- CategoryOf / DivisionOf ------------------------------------------------------------------

    [Theory]
    [InlineData(Huawei, EntityCategory.Enterprise)]
    [InlineData("92371502L00000P02G", EntityCategory.IndividualBusiness)]
    [InlineData("93371581000000000Y", EntityCategory.FarmersCooperative)]
    [InlineData("11", EntityCategory.PublicInstitution)]
    [InlineData("12371500HB1234566C", EntityCategory.PublicInstitution)]
    [InlineData("13", EntityCategory.PublicInstitution)]
    [InlineData("19", EntityCategory.PublicInstitution)]
    [InlineData("51", EntityCategory.SocialOrganisation)]
    [InlineData("52", EntityCategory.SocialOrganisation)]
    [InlineData("53", EntityCategory.SocialOrganisation)]
    [InlineData("59", EntityCategory.SocialOrganisation)]
    [InlineData("14", EntityCategory.Other)]
    [InlineData("54", EntityCategory.Other)]
    [InlineData("94", EntityCategory.Other)]
    [InlineData("Y1", EntityCategory.Other)]
    [InlineData("9", EntityCategory.Other)]
    [InlineData("", EntityCategory.Other)]
    public void CategoryOf_reads_the_first_two_characters(string code, EntityCategory expected)
    {
        Assert.Equal(expected, CreditCode.CategoryOf(code));
    }

    [Theory]
    [InlineData(Huawei, "440300")]
    [InlineData("91371521MA3CXY7K4X", "371521")]
    [InlineData("91371581", "371581")]
    [InlineData("9137158", "")]
    [InlineData("", "")]
    public void DivisionOf_returns_positions_3_to_8(string code, string expected)
    {
        Assert.Equal(expected, CreditCode.DivisionOf(code));
    }

    [Theory]
    [InlineData("91", "37152A", "MA3CXY7K", "divisionCode")]
    [InlineData("91", "371521", "MA3CXYIK", "organisationBody")]
    [InlineData("9I", "371521", "MA3CXY7K", "registrationPrefix")]
    public void Compose_names_the_part_that_cannot_make_a_valid_code(string prefix, string division, string body, string parameter)
    {
        var error = Assert.Throws<ArgumentException>(() => CreditCode.Compose(prefix, division, body));
        Assert.Equal(parameter, error.ParamName);
    }

    [Theory]
    [InlineData("9144030071526726xg", Tencent)]
    [InlineData("  9144030071526726Xg\t", Tencent)]
    [InlineData(Huawei, Huawei)]
    [InlineData(null, "")]
    public void Canonical_drops_surrounding_space_and_upper_cases_the_letters(string? typed, string expected)
    {
        Assert.Equal(expected, CreditCode.Canonical(typed));
        Assert.Equal(expected, CreditCode.Canonical(expected));
    }
}
