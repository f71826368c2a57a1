namespace QualityCity.Web.Modules.ReferenceData.Contracts;

/// <summary>An administrative division (GB/T 2260): province, city, county or township.</summary>
public sealed class Region
{
    public required string Code { get; set; }
    public required string Name { get; set; }

    /// <summary>province / city / county / township.</summary>
    public required string Level { get; set; }

    public string? ParentCode { get; set; }
}

/// <summary>A GB/T 4754-2017 industry class.</summary>
public sealed class Industry
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string NameEn { get; set; }
    public required string Section { get; set; }
    public required string Division { get; set; }
}

/// <summary>One of the city's industry chains (产业链, DEV-4).</summary>
public sealed class IndustryChain
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string NameEn { get; set; }
    public int Sort { get; set; }
}

/// <summary>A link of a chain (upstream, midstream, downstream) and the industry class it covers.</summary>
public sealed class IndustryChainLink
{
    public int Id { get; set; }
    public required string ChainCode { get; set; }
    public required string Link { get; set; }
    public required string Stage { get; set; }
    public required string IndustryCode { get; set; }
}
