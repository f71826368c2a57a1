namespace QualityCity.Web.Modules.Quality.Plans;

public sealed record SamplingTaskRequest(string? ProductCategory, string? County, int? Batches, string? Lab, DateOnly? Due);

public sealed record SamplingPlanRequest(int? Year, string? Level, string? Authority, string? Title, IReadOnlyList<SamplingTaskRequest>? Tasks);
