namespace QualityCity.Domain.Quality;

/// <summary>Why a sample is taken.</summary>
public enum SampleKind
{
    /// <summary>From a sampling plan.</summary>
    Routine,

    /// <summary>Re-inspection of a failed product (复查抽查).</summary>
    FollowUp,

    /// <summary>Emergency sampling after an accident, a complaint wave or a risk signal.</summary>
    Emergency,
}

/// <summary>An earlier sample, as the no-repeat rule sees it.</summary>
/// <param name="SampleNo">The sample's number.</param>
/// <param name="ProductCategory">The product category code.</param>
/// <param name="Producer">The claimed producer's credit code.</param>
/// <param name="Authority">The authority that organised it.</param>
/// <param name="SampledOn">The day it was taken.</param>
public sealed record EarlierSample(string SampleNo, string ProductCategory, string Producer, string Authority, DateOnly SampledOn);

/// <summary>
/// QLT-2: the same authority does not sample the same product of the same producer again within six
/// months (监督抽查 must not burden the same firm twice), except to follow up a failure or in an
/// emergency.
/// </summary>
public static class ResamplingRule
{
    /// <summary>The earlier sample that forbids this one, or null when it may be taken.</summary>
    public static EarlierSample? Conflict(IEnumerable<EarlierSample> earlier, string productCategory, string producer, string authority, DateOnly sampledOn,
        SampleKind kind, int noRepeatMonths)
    {
        if (kind != SampleKind.Routine || string.IsNullOrEmpty(producer))
        {
            return null;
        }

        return earlier
            .Where(e => e.ProductCategory == productCategory && e.Producer == producer && e.Authority == authority
                        && e.SampledOn <= sampledOn && sampledOn < e.SampledOn.AddMonths(noRepeatMonths))
            .OrderByDescending(e => e.SampledOn)
            .FirstOrDefault();
    }
}
