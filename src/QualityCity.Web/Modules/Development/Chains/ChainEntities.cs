namespace QualityCity.Web.Modules.Development.Chains;

/// <summary>The chain leader (链长, an official) of one chain (链长制).</summary>
public sealed class ChainLeadership
{
    public required string ChainCode { get; set; }

    public required string LeaderName { get; set; }

    /// <summary>The official's post (副市长).</summary>
    public required string LeaderTitle { get; set; }

    public DateTime UpdatedAtUtc { get; set; }
}

/// <summary>
/// An enterprise placed in a link by hand — beside those the registry places there by industry — or
/// marked as a leading firm (链主) of the chain.
/// </summary>
public sealed class ChainMember
{
    public long Id { get; set; }

    public required string ChainCode { get; set; }

    /// <summary>The link as the reference data names it (<c>轴承钢材</c>).</summary>
    public required string LinkCode { get; set; }

    public required string CreditCode { get; set; }

    public bool LeadingFirm { get; set; }

    public required string AddedBy { get; set; }

    public DateTime AddedAtUtc { get; set; }
}

/// <summary>A project of the chain (重点项目) in one of its links: being built, signed, or sought by investment attraction.</summary>
public sealed class ChainProject
{
    public long Id { get; set; }

    public required string ChainCode { get; set; }

    public required string LinkCode { get; set; }

    public required string Name { get; set; }

    /// <summary>Investment in 10,000 yuan.</summary>
    public decimal InvestmentWan { get; set; }

    /// <summary><c>sought</c>, <c>signed</c>, <c>building</c>, <c>done</c>.</summary>
    public required string Status { get; set; }

    public int Year { get; set; }

    public bool IsDemo { get; set; }
}
