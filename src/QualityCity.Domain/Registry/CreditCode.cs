namespace QualityCity.Domain.Registry;

/// <summary>How a unified social credit code fared against GB 32100-2015.</summary>
public enum CreditCodeStatus
{
    /// <summary>Well formed and both check characters agree.</summary>
    Valid,

    /// <summary>
    /// Well formed (18 characters from the permitted set) but a check character disagrees. Some real
    /// early codes are like this, so such a code is kept as it is and flagged with a warning.
    /// </summary>
    CheckCharacterMismatch,

    /// <summary>Wrong length or characters outside the permitted set: not a credit code at all.</summary>
    Malformed,
}

/// <summary>The outcome of validating one code, with a reason a person can act on.</summary>
/// <param name="Code">The code as validated (trimmed; never otherwise rewritten).</param>
/// <param name="Status">Valid, a check-character mismatch (warning) or malformed (rejected).</param>
/// <param name="Reason">Empty when valid; otherwise the first problem found, in English.</param>
/// <param name="ReasonZh">The same reason in Chinese.</param>
public sealed record CreditCodeCheck(string Code, CreditCodeStatus Status, string Reason, string ReasonZh)
{
    /// <summary>True when the code is well formed and both check characters agree.</summary>
    public bool IsValid => Status == CreditCodeStatus.Valid;

    /// <summary>True when the code may be stored (valid, or only a check character disagrees).</summary>
    public bool IsAcceptable => Status != CreditCodeStatus.Malformed;
}

/// <summary>
/// The unified social credit code (统一社会信用代码, GB 32100-2015) and the organisation code
/// embedded in it (GB 11714-1997).
/// </summary>
/// <remarks>
/// Layout: position 1 registration authority, 2 entity category, 3–8 the registering authority's
/// administrative division (GB/T 2260), 9–17 the organisation code (8 characters and its own check
/// digit), 18 the check character over positions 1–17.
/// </remarks>
public static class CreditCode
{
    /// <summary>The 31 characters a credit code may contain, in value order (I, O, S, V, Z are excluded).</summary>
    public const string Charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";

    /// <summary>Length of every credit code.</summary>
    public const int Length = 18;

    private static readonly int[] CodeWeights = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
    private static readonly int[] OrganisationWeights = [3, 7, 9, 10, 5, 8, 4, 2];
    private const string OrganisationCheckDigits = "0X987654321";

    /// <summary>Validates a code. Leading and trailing white space is ignored; nothing else is changed.</summary>
    public static CreditCodeCheck Check(string? input)
    {
        var code = (input ?? string.Empty).Trim();
        if (code.Length != Length)
        {
            return Malformed(code,
                $"must be {Length} characters, found {code.Length}",
                $"长度应为{Length}位，实际为{code.Length}位");
        }

        for (var i = 0; i < code.Length; i++)
        {
            if (Charset.IndexOf(code[i]) < 0)
            {
                var lower = char.IsAsciiLetterLower(code[i]) ? " (letters must be upper case)" : string.Empty;
                var lowerZh = char.IsAsciiLetterLower(code[i]) ? "（字母应为大写）" : string.Empty;
                return Malformed(code,
                    $"character '{code[i]}' at position {i + 1} is not allowed{lower}; allowed: {Charset}",
                    $"第{i + 1}位字符“{code[i]}”不合法{lowerZh}；允许的字符：{Charset}");
            }
        }

        for (var i = 2; i < 8; i++)
        {
            if (!char.IsAsciiDigit(code[i]))
            {
                return Malformed(code,
                    $"positions 3-8 must be the 6-digit administrative division code; position {i + 1} is '{code[i]}'",
                    $"第3-8位应为6位行政区划代码，第{i + 1}位为“{code[i]}”");
            }
        }

        var expectedCheck = ComputeCheckCharacter(code.AsSpan(0, 17));
        if (code[17] != expectedCheck)
        {
            return new CreditCodeCheck(code, CreditCodeStatus.CheckCharacterMismatch,
                $"check character (position 18) is '{code[17]}', expected '{expectedCheck}'",
                $"第18位校验码为“{code[17]}”，按GB 32100计算应为“{expectedCheck}”");
        }

        var expectedOrganisationCheck = ComputeOrganisationCheckDigit(code.AsSpan(8, 8));
        if (expectedOrganisationCheck is null)
        {
            return new CreditCodeCheck(code, CreditCodeStatus.CheckCharacterMismatch,
                "organisation code (positions 9-17) contains a character GB 11714 does not allow",
                "组织机构代码（第9-17位）含有GB 11714不允许的字符");
        }

        if (code[16] != expectedOrganisationCheck)
        {
            return new CreditCodeCheck(code, CreditCodeStatus.CheckCharacterMismatch,
                $"organisation code check digit (position 17) is '{code[16]}', expected '{expectedOrganisationCheck}' (GB 11714)",
                $"组织机构代码校验码（第17位）为“{code[16]}”，按GB 11714计算应为“{expectedOrganisationCheck}”");
        }

        return new CreditCodeCheck(code, CreditCodeStatus.Valid, string.Empty, string.Empty);
    }

    /// <summary>
    /// The canonical form of a code typed or pasted by a person: surrounding white space dropped and
    /// letters in upper case ("  91371500mA3c00000x " → "91371500MA3C00000X"). Codes are stored only
    /// in this form, so a lookup by the canonical form finds what a lookup by the typed one would miss.
    /// Nothing else is changed; whether the result is a valid code is <see cref="Check"/>'s question.
    /// </summary>
    public static string Canonical(string? input) => (input ?? string.Empty).Trim().ToUpperInvariant();

    private static CreditCodeCheck Malformed(string code, string reason, string reasonZh) =>
        new(code, CreditCodeStatus.Malformed, reason, reasonZh);

    /// <summary>The GB 32100 check character for the first 17 characters of a code.</summary>
    /// <exception cref="ArgumentException">When the span is not 17 characters from <see cref="Charset"/>.</exception>
    public static char ComputeCheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17)
        {
            throw new ArgumentException("The check character is computed over exactly 17 characters.", nameof(first17));
        }

        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var value = Charset.IndexOf(first17[i]);
            if (value < 0)
            {
                throw new ArgumentException($"Character '{first17[i]}' is not in the credit-code charset.", nameof(first17));
            }

            sum += value * CodeWeights[i];
        }

        return Charset[(31 - (sum % 31)) % 31];
    }

    /// <summary>
    /// The GB 11714 check digit for the first 8 characters of an organisation code, or null when a
    /// character is neither a digit nor an upper-case letter.
    /// </summary>
    public static char? ComputeOrganisationCheckDigit(ReadOnlySpan<char> first8)
    {
        if (first8.Length != 8)
        {
            throw new ArgumentException("The organisation check digit is computed over exactly 8 characters.", nameof(first8));
        }

        var sum = 0;
        for (var i = 0; i < 8; i++)
        {
            int value;
            if (char.IsAsciiDigit(first8[i]))
            {
                value = first8[i] - '0';
            }
            else if (char.IsAsciiLetterUpper(first8[i]))
            {
                value = first8[i] - 'A' + 10;
            }
            else
            {
                return null;
            }

            sum += value * OrganisationWeights[i];
        }

        return OrganisationCheckDigits[sum % 11];
    }

    /// <summary>
    /// Builds a valid code from its parts: the two-character registration prefix (e.g. "91"), the
    /// six-digit division code and the eight-character organisation code body. Both check
    /// characters are computed.
    /// </summary>
    public static string Compose(string registrationPrefix, string divisionCode, string organisationBody)
    {
        if (registrationPrefix.Length != 2 || divisionCode.Length != 6 || organisationBody.Length != 8)
        {
            throw new ArgumentException("Expected a 2-character prefix, a 6-digit division code and an 8-character organisation body.");
        }

        if (!divisionCode.All(char.IsAsciiDigit))
        {
            throw new ArgumentException("The division code must be 6 digits.", nameof(divisionCode));
        }

        if (!registrationPrefix.All(c => Charset.Contains(c)))
        {
            throw new ArgumentException($"The prefix may contain only characters of {Charset}.", nameof(registrationPrefix));
        }

        if (!organisationBody.All(c => Charset.Contains(c)))
        {
            throw new ArgumentException($"The organisation body may contain only characters of {Charset}.", nameof(organisationBody));
        }

        var organisationCheck = ComputeOrganisationCheckDigit(organisationBody)
            ?? throw new ArgumentException("The organisation body may contain only digits and upper-case letters.", nameof(organisationBody));
        var first17 = string.Concat(registrationPrefix, divisionCode, organisationBody, organisationCheck.ToString());
        return first17 + ComputeCheckCharacter(first17);
    }

    /// <summary>
    /// A compact key for a well-formed code: 18 characters of a 31-letter alphabet fit in 128 bits,
    /// so a set of a million codes takes about 32 MB instead of 100.
    /// </summary>
    /// <exception cref="ArgumentException">When a character is outside <see cref="Charset"/>.</exception>
    public static UInt128 ToKey(string code)
    {
        UInt128 key = 0;
        foreach (var c in code)
        {
            var value = Charset.IndexOf(c);
            if (value < 0)
            {
                throw new ArgumentException($"Character '{c}' is not in the credit-code charset.", nameof(code));
            }

            key = (key * 31) + (UInt128)value;
        }

        return key;
    }

    /// <summary>The registration category named by the first two characters (REG-2).</summary>
    public static EntityCategory CategoryOf(string code) =>
        code.Length < 2 ? EntityCategory.Other : code[..2] switch
        {
            "91" => EntityCategory.Enterprise,
            "92" => EntityCategory.IndividualBusiness,
            "93" => EntityCategory.FarmersCooperative,
            "11" or "12" or "13" or "19" => EntityCategory.PublicInstitution,
            "51" or "52" or "53" or "59" => EntityCategory.SocialOrganisation,
            _ => EntityCategory.Other,
        };

    /// <summary>The six-digit division code of the registering authority (positions 3–8).</summary>
    public static string DivisionOf(string code) => code.Length >= 8 ? code.Substring(2, 6) : string.Empty;
}

/// <summary>Registration category derived from a credit code's first two characters.</summary>
public enum EntityCategory
{
    /// <summary>91 — enterprise (企业).</summary>
    Enterprise,

    /// <summary>92 — individual business (个体工商户).</summary>
    IndividualBusiness,

    /// <summary>93 — farmers' cooperative (农民专业合作社).</summary>
    FarmersCooperative,

    /// <summary>1x — organ or public institution registered by the staffing office (机关、事业单位).</summary>
    PublicInstitution,

    /// <summary>5x — social organisation registered by civil affairs (社会组织).</summary>
    SocialOrganisation,

    /// <summary>Anything else.</summary>
    Other,
}
