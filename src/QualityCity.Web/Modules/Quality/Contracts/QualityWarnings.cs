namespace QualityCity.Web.Modules.Quality.Contracts;

/// <summary>The Quality module's warnings for the coordinator's home page.</summary>
public interface IQualityWarnings
{
    /// <summary>The supervision alerts of a year: an industry's failed samples in a county above the yearly threshold (as /api/quality/alerts lists them).</summary>
    Task<int> AlertCountAsync(int year, CancellationToken cancellationToken);
}

/// <summary>
/// Leads for product-quality sampling raised elsewhere (a complaint about a product, say), listed
/// where the sampling plans are made. The Quality module keeps them; the caller names its source and
/// the reference it knows the case by.
/// </summary>
public interface ISamplingLeads
{
    /// <summary>Records the lead; its id.</summary>
    Task<long> AddAsync(SamplingLeadDraft draft, CancellationToken cancellationToken);

    /// <summary>The leads from this source with this reference, oldest first.</summary>
    Task<IReadOnlyList<SamplingLeadView>> ByReferenceAsync(string source, string reference, CancellationToken cancellationToken);
}

/// <summary>A sampling lead: the producer (credit code, name as given), the product, why, by which department, from which source and reference.</summary>
public sealed record SamplingLeadDraft(string CreditCode, string? EntityName, string Product, string Reason, string? Department, string Source, string Reference,
    string Actor);

/// <summary>A recorded sampling lead.</summary>
public sealed record SamplingLeadView(long Id, string CreditCode, string? EntityName, string Product, string Reason, string? Department, string Source,
    string Reference, DateTime CreatedAtUtc);

/// <summary>The problem list (QLT-4) of one industry as other modules list it: the chain pages of enterprise development, for one.</summary>
public interface IIndustryQualityProblems
{
    /// <summary>The problems of <paramref name="industry"/> (a chain code) in <paramref name="year"/>, the worst rate first.</summary>
    Task<IReadOnlyList<IndustryQualityProblem>> ForIndustryAsync(string industry, int year, CancellationToken cancellationToken);
}

/// <summary>A problem of the list: a failing test item, a county, or both; its failures and rate against the industry's, and whether a plan answers it.</summary>
public sealed record IndustryQualityProblem(string Kind, string? TestItem, string? County, int Tested, int Failed, double Rate, double IndustryRate, bool HasPlan);
