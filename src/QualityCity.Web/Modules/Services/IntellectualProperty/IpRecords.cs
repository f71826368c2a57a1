using QualityCity.Web.Modules.Services.Catalogue;

namespace QualityCity.Web.Modules.Services.IntellectualProperty;

/// <summary>A patent held by an enterprise of the registry (SVC-4), named by its number (<c>ZL202310123456.7</c>).</summary>
public sealed class Patent : IImportedRecord
{
    public long Id { get; set; }

    public required string Number { get; set; }

    public required string Title { get; set; }

    /// <summary>发明, 实用新型 or 外观设计.</summary>
    public required string Type { get; set; }

    public required string HolderCreditCode { get; set; }

    public DateOnly ApplicationDate { get; set; }

    public DateOnly? GrantDate { get; set; }

    /// <summary>有效, 失效 or 审查中.</summary>
    public required string Status { get; set; }

    public bool IsSynthetic { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>A registered trademark of an enterprise of the registry (SVC-4), named by its registration number.</summary>
public sealed class Trademark : IImportedRecord
{
    public long Id { get; set; }

    public required string RegistrationNumber { get; set; }

    public required string MarkName { get; set; }

    /// <summary>The Nice classes, ascending, separated by <c>;</c> (<c>9;35</c>).</summary>
    public required string Classes { get; set; }

    public required string HolderCreditCode { get; set; }

    public DateOnly RegistrationDate { get; set; }

    public DateOnly ExpiryDate { get; set; }

    /// <summary>有效, 失效 or 续展中.</summary>
    public required string Status { get; set; }

    public bool IsSynthetic { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>
/// A loan secured by a pledge of patents or trademarks (知识产权质押融资, SVC-4). A file carries no
/// number of its own for a pledge, so one is named by the enterprise, the bank and the day it was
/// registered (<see cref="Key"/>).
/// </summary>
public sealed class IpPledge : IImportedRecord
{
    public long Id { get; set; }

    /// <summary><c>credit code|bank|yyyy-MM-dd</c>: unique.</summary>
    public required string Key { get; set; }

    public required string CreditCode { get; set; }

    public required string Bank { get; set; }

    /// <summary>The loan in 10,000 yuan (万元).</summary>
    public decimal AmountWan { get; set; }

    public DateOnly RegistrationDate { get; set; }

    public DateOnly TermEndDate { get; set; }

    /// <summary>The pledged patent and trademark numbers, ascending, separated by <c>;</c>.</summary>
    public required string Pledged { get; set; }

    public bool IsSynthetic { get; set; }

    public DateTime UpdatedAtUtc { get; set; }

    public static string KeyOf(string creditCode, string bank, DateOnly registered) =>
        $"{creditCode}|{bank}|{registered.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}";
}
