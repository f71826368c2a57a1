namespace QualityCity.Domain.Services.OneWindow;

/// <summary>How the enterprise rates the answer to its demand, on the five levels of 好差评.</summary>
public enum ServiceRating
{
    /// <summary>非常满意.</summary>
    VerySatisfied,

    /// <summary>满意.</summary>
    Satisfied,

    /// <summary>基本满意.</summary>
    BasicallySatisfied,

    /// <summary>不满意: a bad rating, which must be followed up.</summary>
    Dissatisfied,

    /// <summary>非常不满意: a bad rating, which must be followed up.</summary>
    VeryDissatisfied,
}

/// <summary>The stable code and the Chinese name of each <see cref="ServiceRating"/>, and which ratings are bad (差评).</summary>
public static class ServiceRatings
{
    private static readonly EnumLabels<ServiceRating> Labels = new(
        (ServiceRating.VerySatisfied, "very-satisfied", "非常满意"),
        (ServiceRating.Satisfied, "satisfied", "满意"),
        (ServiceRating.BasicallySatisfied, "basically-satisfied", "基本满意"),
        (ServiceRating.Dissatisfied, "dissatisfied", "不满意"),
        (ServiceRating.VeryDissatisfied, "very-dissatisfied", "非常不满意"));

    /// <summary>Every rating, best first, as the enterprise is shown them.</summary>
    public static IReadOnlyList<ServiceRating> All => Labels.All;

    /// <summary>The stable code, e.g. <c>very-dissatisfied</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">For a value that is not a rating.</exception>
    public static string Code(this ServiceRating rating) => Labels.Code(rating);

    /// <summary>The Chinese name, e.g. 非常不满意.</summary>
    /// <exception cref="ArgumentOutOfRangeException">For a value that is not a rating.</exception>
    public static string NameZh(this ServiceRating rating) => Labels.NameZh(rating);

    /// <summary>True for 不满意 and 非常不满意: the bureau must contact the enterprise and put things right.</summary>
    public static bool IsBad(this ServiceRating rating) => rating is ServiceRating.Dissatisfied or ServiceRating.VeryDissatisfied;

    /// <summary>The rating of a code (blanks around it and letter case ignored); false for an unknown or missing code.</summary>
    public static bool TryParseCode(string? code, out ServiceRating rating) => Labels.TryParseCode(code, out rating);

    /// <summary>The rating of a Chinese name (blanks around it ignored); false for an unknown or missing name.</summary>
    public static bool TryParseNameZh(string? name, out ServiceRating rating) => Labels.TryParseNameZh(name, out rating);
}
