using QualityCity.Web.Modules.Registry.Contracts;

namespace QualityCity.Web.Modules.Services.Standards;

/// <summary>The standards library's side of <see cref="IApplicableStandards"/>: the industry search, current editions only.</summary>
public sealed class ApplicableStandards(StandardsSearch search) : IApplicableStandards
{
    public async Task<IReadOnlyList<ApplicableStandard>> ForIndustryAsync(string? industryCode, int take, CancellationToken cancellationToken)
    {
        if (IndustryStandards.For(industryCode) is null)
        {
            return [];
        }

        var result = await search.SearchAsync(new StandardsQuery(null, Status: "current", PageSize: Math.Clamp(take, 1, StandardsSearch.MaxPageSize)) { Industry = industryCode }, cancellationToken);
        return result.Items.Select(h => new ApplicableStandard(h.Number, h.TitleZh, h.Status, StandardMentions.Link(h.Number))).ToList();
    }

    public string LibraryLink(string industryCode) => "/standards?industry=" + Uri.EscapeDataString(industryCode) + "&status=current";
}
