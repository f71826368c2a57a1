namespace QualityCity.Web.Modules.Registry.Contracts;

/// <summary>Re-grades entities by the risk rules (INS-2) after something that counts for them changed.</summary>
public interface IRiskGrading
{
    /// <summary>Re-grades one entity (a failed sample of its product, a lifted override …).</summary>
    Task RegradeAsync(string creditCode, CancellationToken cancellationToken);

    /// <summary>Re-grades the whole registry; the number of entities whose grade changed.</summary>
    Task<int> RegradeAllAsync(string actor, CancellationToken cancellationToken = default);
}

/// <summary>
/// The failed supervision samples a grade counts. The Quality module owns the samples and
/// implements this; the registry only asks, so the two modules do not use each other in a circle.
/// </summary>
public interface IFailedSamples
{
    /// <summary>Sample numbers of the failed samples taken after <paramref name="since"/>, by producer (one producer, or all), oldest first.</summary>
    Task<Dictionary<string, IReadOnlyList<string>>> ByProducerAsync(DateOnly since, string? creditCode, CancellationToken cancellationToken);
}

/// <summary>
/// The complaints and reports found true (核实属实) that a grade counts. The PublicVoice module owns
/// them and implements this; the registry only asks, as with <see cref="IFailedSamples"/>.
/// </summary>
public interface IVerifiedComplaints
{
    /// <summary>
    /// How each verified complaint verified after <paramref name="since"/> is named in a grade's reason, by
    /// enterprise (one enterprise, or all), oldest first. The enterprise reads its own reasons, so the name
    /// is not the submitter's tracking code in full.
    /// </summary>
    Task<Dictionary<string, IReadOnlyList<string>>> ByEnterpriseAsync(DateOnly since, string? creditCode, CancellationToken cancellationToken);
}
