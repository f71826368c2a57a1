namespace QualityCity.Web.Modules.Registry.Contracts;

/// <summary>A market entity (市场主体), keyed by its unified social credit code (REG-1, REG-2).</summary>
public sealed class MarketEntity
{
    public long Id { get; set; }

    /// <summary>The 18-character code exactly as registered; never rewritten.</summary>
    public required string CreditCode { get; set; }

    /// <summary>Why the code's check characters disagree, when they do (REG-1 warning); null otherwise.</summary>
    public string? CreditCodeWarning { get; set; }

    public required string Name { get; set; }

    /// <summary>
    /// The name as the full-text index holds it (<see cref="QualityCity.Domain.Registry.NameTokens"/>);
    /// kept in step with <see cref="Name"/> when saved.
    /// </summary>
    public string NameTokens { get; set; } = string.Empty;

    /// <summary>
    /// The name's pinyin initials (<see cref="QualityCity.Domain.Registry.PinyinInitials"/>), for
    /// searches such as "ygdl"; kept in step with <see cref="Name"/> when saved. Null only on rows
    /// stored before the column existed, until the start-up backfill reaches them.
    /// </summary>
    public string? NameInitials { get; set; }

    /// <summary>The address as the full-text index holds it (character tokens, like <see cref="NameTokens"/>).</summary>
    public string AddressTokens { get; set; } = string.Empty;

    /// <summary>Registration category from the code's first two characters (enterprise, individual business …).</summary>
    public required string Category { get; set; }

    /// <summary>GB/T 2260 county code (6 digits).</summary>
    public required string CountyCode { get; set; }

    /// <summary>Township code (9 digits), when known.</summary>
    public string? TownshipCode { get; set; }

    public string? Address { get; set; }
    public double? Latitude { get; set; }
    public double? Longitude { get; set; }

    /// <summary>GB/T 4754-2017 class code (4 digits).</summary>
    public string? IndustryCode { get; set; }

    /// <summary>Industry chain slug (DEV-4), when the entity belongs to one.</summary>
    public string? ChainCode { get; set; }

    /// <summary>Above designated size (规上).</summary>
    public bool AboveScale { get; set; }

    public DateOnly? EstablishedOn { get; set; }

    /// <summary>存续 / 注销 / 吊销 as <see cref="EntityStatus"/> names.</summary>
    public required string Status { get; set; }

    /// <summary>Credit-risk class A/B/C/D, when assessed.</summary>
    public string? CreditClass { get; set; }

    /// <summary>On the abnormal operations list (经营异常名录).</summary>
    public bool OnAbnormalList { get; set; }

    /// <summary>Risk grade red/yellow/green (INS-3); null until graded.</summary>
    public string? RiskGrade { get; set; }

    /// <summary>JSON list of the reasons behind the grade (rule, grade, Chinese and English text).</summary>
    public string? RiskReasons { get; set; }

    /// <summary>A manual grade set by a person (red/yellow/green), which the rules do not overturn.</summary>
    public string? RiskOverrideGrade { get; set; }

    /// <summary>Why the manual grade was set; required with it.</summary>
    public string? RiskOverrideReason { get; set; }

    /// <summary>Who set the manual grade.</summary>
    public string? RiskOverrideBy { get; set; }

    /// <summary>Staff with social insurance from the latest annual report (年报社保参保人数), when reported (QLT-6).</summary>
    public int? InsuredStaff { get; set; }

    public string? ContactName { get; set; }
    public string? ContactPhone { get; set; }

    /// <summary>The contact phone's digits alone, so that staff can find an entity by phone however it was written; never shown.</summary>
    public string? ContactPhoneDigits { get; set; }

    /// <summary>Synthetic demo data, never a real entity.</summary>
    public bool IsDemo { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>Registration status (登记状态).</summary>
public static class EntityStatus
{
    public const string Active = "active";        // 存续
    public const string Cancelled = "cancelled";  // 注销
    public const string Revoked = "revoked";      // 吊销

    public static readonly IReadOnlyList<string> All = [Active, Cancelled, Revoked];
}

/// <summary>Risk grades of INS-3.</summary>
public static class RiskGrades
{
    public const string Red = "red";
    public const string Yellow = "yellow";
    public const string Green = "green";

    public static readonly IReadOnlyList<string> All = [Red, Yellow, Green];

    /// <summary>The domain grade of a stored grade name.</summary>
    /// <exception cref="ArgumentException">When the name is not red, yellow or green.</exception>
    public static Domain.Planning.RiskGrade Parse(string grade) => grade switch
    {
        Red => Domain.Planning.RiskGrade.Red,
        Yellow => Domain.Planning.RiskGrade.Yellow,
        Green => Domain.Planning.RiskGrade.Green,
        _ => throw new ArgumentException($"'{grade}' is not a risk grade: use red, yellow or green.", nameof(grade)),
    };

    /// <summary>The rule ids behind a stored grade (<see cref="MarketEntity.RiskReasons"/>), sorted and comma-separated; empty for none.</summary>
    public static string RulesOf(string? reasons)
    {
        if (string.IsNullOrEmpty(reasons))
        {
            return string.Empty;
        }

        using var json = System.Text.Json.JsonDocument.Parse(reasons);
        return string.Join(",", json.RootElement.EnumerateArray()
            .Select(r => r.TryGetProperty("Rule", out var rule) ? rule.GetString() : null).OfType<string>()
            .Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
    }
}
