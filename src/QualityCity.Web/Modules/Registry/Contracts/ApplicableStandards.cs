namespace QualityCity.Web.Modules.Registry.Contracts;

/// <summary>A standard shown where an enterprise's products are: its number, title, today's status and its page.</summary>
public sealed record ApplicableStandard(string Number, string TitleZh, string? Status, string Link);

/// <summary>
/// "Which standards apply to my product": what the entity page shows for the entity's GB/T 4754
/// industry. Declared here, where the page is, and answered by the standards library (the Services
/// module), as <see cref="IEntitySamples"/> is answered by the quality module: the registry does not
/// depend on the modules that fill its page.
/// </summary>
public interface IApplicableStandards
{
    /// <summary>The current standards most likely to apply to an industry's products, best first; empty when the industry is not mapped.</summary>
    Task<IReadOnlyList<ApplicableStandard>> ForIndustryAsync(string? industryCode, int take, CancellationToken cancellationToken);

    /// <summary>The library page listing every standard for the industry.</summary>
    string LibraryLink(string industryCode);
}
