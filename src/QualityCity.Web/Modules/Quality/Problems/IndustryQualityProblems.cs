using QualityCity.Web.Modules.Quality.Contracts;

namespace QualityCity.Web.Modules.Quality.Problems;

/// <summary>The problem list of <see cref="QualityAnalysis"/> for other modules, unpublished figures included: its readers are staff pages.</summary>
public sealed class IndustryQualityProblems(QualityAnalysis analysis) : IIndustryQualityProblems
{
    public async Task<IReadOnlyList<IndustryQualityProblem>> ForIndustryAsync(string industry, int year, CancellationToken cancellationToken) =>
        [.. (await analysis.ProblemsAsync(industry, year, includeUnpublished: true, cancellationToken))
            .OrderByDescending(p => p.Rate)
            .Select(p => new IndustryQualityProblem(p.Kind, p.TestItem, p.County, p.Tested, p.Failed, p.Rate, p.IndustryRate, p.Plans.Count > 0))];
}
