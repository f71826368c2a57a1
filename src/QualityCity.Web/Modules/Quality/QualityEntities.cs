namespace QualityCity.Web.Modules.Quality;

/// <summary>A product category under supervision sampling, in an industry (an industry-chain code: cable, bearing …).</summary>
public sealed class ProductCategory
{
    public required string Code { get; set; }
    public required string Name { get; set; }

    /// <summary>A short name for chart axes (聚氯乙烯绝缘电线).</summary>
    public required string ShortName { get; set; }

    public required string NameEn { get; set; }
    public required string Industry { get; set; }
    public required string Standard { get; set; }
}

/// <summary>A test item of a product category with its standard clause, unit and limit as published.</summary>
public sealed class TestItemDefinition
{
    public int Id { get; set; }
    public required string ProductCategory { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public required string NameEn { get; set; }
    public required string StandardClause { get; set; }
    public string Unit { get; set; } = string.Empty;
    public string Limit { get; set; } = string.Empty;
}

/// <summary>A year's sampling plan of one authority (QLT-1): its tasks say which products, where, how many batches and which lab.</summary>
public sealed class SamplingPlan
{
    public int Id { get; set; }
    public int Year { get; set; }

    /// <summary>national / provincial / city / county.</summary>
    public required string Level { get; set; }

    public required string Authority { get; set; }
    public required string Title { get; set; }
    public string CreatedBy { get; set; } = string.Empty;
    public DateTime CreatedAtUtc { get; set; }
    public List<SamplingTask> Tasks { get; set; } = [];
}

/// <summary>One task of a sampling plan: a product category, where (a county, or anywhere), how many batches, the lab, by when.</summary>
public sealed class SamplingTask
{
    public int Id { get; set; }
    public int PlanId { get; set; }
    public required string ProductCategory { get; set; }

    /// <summary>The county to sample in; empty for the whole area.</summary>
    public string CountyCode { get; set; } = string.Empty;

    public int Batches { get; set; }
    public required string Lab { get; set; }
    public DateOnly Due { get; set; }
}

/// <summary>
/// One sample (批次) of supervision sampling (QLT-1) and its workflow (QLT-2): the product, the claimed
/// producer and the seller, where and when it was taken and by whom, the lab's report, the notice
/// to the producer, objection and re-test, publication, and the follow-up of a failure.
/// </summary>
public sealed class Sample
{
    public long Id { get; set; }

    /// <summary>The sampling form number (抽样单编号), unique.</summary>
    public required string SampleNo { get; set; }

    public int? PlanId { get; set; }

    /// <summary>The plan task the sample fulfils, when it is plan sampling.</summary>
    public int? TaskId { get; set; }

    /// <summary>national / provincial / city / county.</summary>
    public required string Level { get; set; }

    /// <summary>The authority that organised it (国家市场监督管理总局, 山东省市场监督管理局 …).</summary>
    public required string Authority { get; set; }

    /// <summary>routine / follow-up / emergency.</summary>
    public required string Kind { get; set; }

    public required string ProductCategory { get; set; }

    /// <summary>The industry of the category, kept with the sample so the map filters without a join.</summary>
    public required string Industry { get; set; }

    /// <summary>Model and specification (型号规格).</summary>
    public string Specification { get; set; } = string.Empty;

    /// <summary>Batch number or production date (生产日期/批号).</summary>
    public string Batch { get; set; } = string.Empty;

    public string Brand { get; set; } = string.Empty;

    /// <summary>The producer named on the product (标称生产者): credit code and name.</summary>
    public required string ProducerCreditCode { get; set; }

    public required string ProducerName { get; set; }

    /// <summary>The producer's county (GB/T 2260) from the registry when it is registered here, else from the label.</summary>
    public required string CountyCode { get; set; }

    /// <summary>Where tracing found the product was actually made, when investigated (QLT-6).</summary>
    public string? MadeInCounty { get; set; }

    public string? SellerCreditCode { get; set; }
    public string SellerName { get; set; } = string.Empty;

    /// <summary>Where the sample was taken (production site, warehouse, shop, online).</summary>
    public string Place { get; set; } = string.Empty;

    public DateOnly SampledOn { get; set; }
    public string Lab { get; set; } = string.Empty;
    public string ReportNo { get; set; } = string.Empty;
    public DateOnly? ReportedOn { get; set; }

    /// <summary>The lab's conclusion: null until tested; after a re-test, the re-test's (final).</summary>
    public bool? Passed { get; set; }

    /// <summary>sampled / tested / notified / objection / final / published.</summary>
    public required string Status { get; set; }

    /// <summary>The day the producer received the result notice; the objection period runs from it.</summary>
    public DateOnly? NoticeReceivedOn { get; set; }

    public DateOnly? ObjectionDue { get; set; }
    public DateOnly? ObjectionFiledOn { get; set; }
    public string? ObjectionReason { get; set; }

    /// <summary>The re-test on the backup sample (its result is final).</summary>
    public DateOnly? RetestOn { get; set; }

    public DateOnly? FinalOn { get; set; }
    public DateOnly? PublishedOn { get; set; }

    /// <summary>For a failure: stop making and selling at once, correct by, re-inspect by (QLT-2).</summary>
    public DateOnly? CorrectionDue { get; set; }

    public DateOnly? ReinspectionDue { get; set; }
    public DateOnly? AnnouncedOn { get; set; }
    public DateOnly? SecondReinspectionFrom { get; set; }
    public DateOnly? SecondReinspectionTo { get; set; }

    /// <summary>The failed sample a follow-up sample re-inspects.</summary>
    public long? FollowUpOf { get; set; }

    public DateTime CreatedAtUtc { get; set; }
    public string CreatedBy { get; set; } = string.Empty;

    public List<SampleItemResult> Items { get; set; } = [];

    /// <summary>Copies the map key and the publication onto the items; called whenever the sample is saved.</summary>
    public void StampItems()
    {
        foreach (var item in Items)
        {
            (item.ProductCategory, item.CountyCode, item.Year, item.Published) = (ProductCategory, CountyCode, SampledOn.Year, PublishedOn is not null);
        }
    }
}

/// <summary>
/// One test item of a sample: the measured value against the limit, with the clause; a re-test
/// replaces the conclusion. The row carries its sample's map key (category, county, year) and
/// publication, so the map is one grouping of this table with no join; the columns the grouping
/// reads come first, before the long texts (ADR 0013).
/// </summary>
public sealed class SampleItemResult
{
    public long Id { get; set; }
    public long SampleId { get; set; }
    public string ProductCategory { get; set; } = string.Empty;
    public string CountyCode { get; set; } = string.Empty;
    public int Year { get; set; }
    public required string ItemCode { get; set; }

    /// <summary>The conclusion in force: the re-test's when there was one.</summary>
    public bool Passed { get; set; }

    /// <summary>The sample is published: set with the sample's publication.</summary>
    public bool Published { get; set; }

    /// <summary>The first test's conclusion, kept when a re-test changed it.</summary>
    public bool? FirstPassed { get; set; }

    public string StandardClause { get; set; } = string.Empty;
    public string Measured { get; set; } = string.Empty;
    public string Limit { get; set; } = string.Empty;
    public string Unit { get; set; } = string.Empty;
    public string? RetestMeasured { get; set; }
}

/// <summary>
/// A cell of the quality map (QLT-3), maintained with the samples: how many samples of a category
/// were tested for an item in a county and year, and how many failed it — all, and published only.
/// Each change recomputes the cells of its (category, county, year) from the samples in the same
/// transaction, so the map always equals a recomputation from the raw records.
/// </summary>
public sealed class QualityMapCell
{
    public required string Industry { get; set; }
    public required string ProductCategory { get; set; }
    public required string TestItem { get; set; }
    public required string CountyCode { get; set; }
    public int Year { get; set; }
    public int Tested { get; set; }
    public int Failed { get; set; }
    public int TestedPublished { get; set; }
    public int FailedPublished { get; set; }
}

/// <summary>An improvement plan (一业一策 / 一企一策) for a problem of the list (QLT-4).</summary>
public sealed class ImprovementPlan
{
    public int Id { get; set; }

    /// <summary>industry (一业一策) or enterprise (一企一策).</summary>
    public required string Scope { get; set; }

    public required string Industry { get; set; }

    /// <summary>The problem it answers: "item:conductor-resistance", "county:371521", "item-county:conductor-resistance:371521".</summary>
    public required string ProblemKey { get; set; }

    public string? CreditCode { get; set; }
    public required string Title { get; set; }
    public required string Owner { get; set; }
    public required string Actions { get; set; }
    public DateOnly Deadline { get; set; }

    /// <summary>planned / in-progress / done.</summary>
    public required string Status { get; set; }

    public string? Progress { get; set; }
    public string CreatedBy { get; set; } = string.Empty;
    public DateTime UpdatedAtUtc { get; set; }

    /// <summary>A copy for the public: the plan without the staff account that wrote it.</summary>
    public static ImprovementPlan WithoutAuthor(ImprovementPlan plan) => new()
    {
        Id = plan.Id, Scope = plan.Scope, Industry = plan.Industry, ProblemKey = plan.ProblemKey, CreditCode = plan.CreditCode, Title = plan.Title,
        Owner = plan.Owner, Actions = plan.Actions, Deadline = plan.Deadline, Status = plan.Status, Progress = plan.Progress, UpdatedAtUtc = plan.UpdatedAtUtc,
    };
}

/// <summary>An origin or shell-company flag (QLT-6) with its evidence; a person confirms or dismisses it with a reason.</summary>
public sealed class QualityFlag
{
    public long Id { get; set; }

    /// <summary>origin-mismatch / shared-address / no-insured-staff / no-production-records.</summary>
    public required string Rule { get; set; }

    public required string CreditCode { get; set; }

    /// <summary>What distinguishes the flag (the sample, the address): one flag per rule, entity and key.</summary>
    public required string Key { get; set; }

    public required string Evidence { get; set; }

    /// <summary>open / confirmed / dismissed.</summary>
    public required string Status { get; set; }

    public string? Decision { get; set; }
    public string? DecidedBy { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    public DateTime? DecidedAtUtc { get; set; }
}

/// <summary>An origin certification of a regional brand (原产地认证, e.g. 阳谷电缆) held by an enterprise.</summary>
public sealed class OriginCertification
{
    public int Id { get; set; }
    public required string CreditCode { get; set; }
    public required string Brand { get; set; }
    public required string CertificateNo { get; set; }
    public required string Products { get; set; }
    public DateOnly IssuedOn { get; set; }
    public DateOnly ValidUntil { get; set; }

    /// <summary>valid / revoked.</summary>
    public required string Status { get; set; }
}

/// <summary>Sample states.</summary>
public static class SampleStatus
{
    public const string Sampled = "sampled";
    public const string Tested = "tested";
    public const string Notified = "notified";
    public const string Objection = "objection";
    public const string Final = "final";
    public const string Published = "published";
}

/// <summary>Sampling levels.</summary>
public static class SamplingLevels
{
    public static readonly IReadOnlyList<string> All = ["national", "provincial", "city", "county"];
}

/// <summary>
/// A lead for product-quality sampling raised from another module's case (a verified complaint about a
/// product): shown where the sampling plans are made, so the next plan can take the producer in.
/// </summary>
public sealed class SamplingLead
{
    public long Id { get; set; }
    public required string CreditCode { get; set; }
    public string? EntityName { get; set; }
    public required string Product { get; set; }
    public required string Reason { get; set; }

    /// <summary>The department code that raised it.</summary>
    public string? Department { get; set; }

    /// <summary>Where it came from (public_voice) and the reference it is known by there (the item's tracking code).</summary>
    public required string Source { get; set; }

    public required string Reference { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedAtUtc { get; set; }
}
