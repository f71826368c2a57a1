namespace QualityCity.Web.Modules.Quality.Samples;

public sealed record SampleItemRequest(string? Item, string? Measured, string? Limit, string? Unit, bool? Passed);

public sealed record SampleRequest(
    string? SampleNo, string? Level, string? Authority, string? Kind, string? ProductCategory, string? Specification, string? Batch, string? Brand,
    string? ProducerCreditCode, string? ProducerName, string? County, string? MadeInCounty, string? SellerCreditCode, string? SellerName, string? Place,
    DateOnly? SampledOn, string? Lab, string? ReportNo, DateOnly? ReportedOn, long? FollowUpOf, IReadOnlyList<SampleItemRequest>? Items, int? TaskId = null);

public sealed record NoticeRequest(DateOnly? ReceivedOn);

public sealed record ObjectionRequest(DateOnly? FiledOn, string? Reason);

public sealed record RetestRequest(DateOnly? RetestOn, IReadOnlyList<SampleItemRequest>? Items);

public sealed record DateRequest(DateOnly? On);
