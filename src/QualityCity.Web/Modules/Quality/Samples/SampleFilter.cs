namespace QualityCity.Web.Modules.Quality.Samples;

/// <summary>
/// Drill-down from the map to the batches; a plan's or a task's batches; and the conclusion
/// (<c>result</c>: passed, failed, or pending for those without one yet).
/// </summary>
public sealed record SampleFilter(string? Industry, int? Year, string? County, string? Category, string? Item, bool? Failed, string? Producer, int? Skip, int? Take,
    int? Plan = null, int? Task = null, string? Result = null)
{
    /// <summary>The conclusions <see cref="Result"/> may name.</summary>
    public static readonly IReadOnlyList<string> Results = ["passed", "failed", "pending"];

    /// <summary>Whether only failed batches (or failed items) are wanted, however it was asked.</summary>
    public bool OnlyFailed => Failed == true || Result == "failed";

    public IQueryable<Sample> Apply(IQueryable<Sample> samples)
    {
        if (Industry is not null)
        {
            samples = samples.Where(s => s.Industry == Industry);
        }

        if (Year is { } year)
        {
            samples = samples.Where(s => s.SampledOn >= new DateOnly(year, 1, 1) && s.SampledOn < new DateOnly(year + 1, 1, 1));
        }

        if (County is not null)
        {
            samples = samples.Where(s => s.CountyCode == County);
        }

        if (Category is not null)
        {
            samples = samples.Where(s => s.ProductCategory == Category);
        }

        if (Plan is { } plan)
        {
            samples = samples.Where(s => s.PlanId == plan);
        }

        if (Task is { } task)
        {
            samples = samples.Where(s => s.TaskId == task);
        }

        if (Producer is not null)
        {
            // Credit codes are stored in their canonical form; one typed in lower case still finds its samples.
            var producer = QualityCity.Domain.Registry.CreditCode.Canonical(Producer);
            samples = samples.Where(s => s.ProducerCreditCode == producer);
        }

        if (Item is not null)
        {
            samples = OnlyFailed
                ? samples.Where(s => s.Items.Any(i => i.ItemCode == Item && !i.Passed))
                : samples.Where(s => s.Items.Any(i => i.ItemCode == Item));
        }
        else if (OnlyFailed)
        {
            samples = samples.Where(s => s.Passed == false);
        }

        if (Result == "passed")
        {
            samples = samples.Where(s => s.Passed == true);
        }
        else if (Result == "pending")
        {
            samples = samples.Where(s => s.Passed == null);
        }

        return samples;
    }
}
