using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace QualityCity.Web.Modules.Quality;

// The Quality module's tables: applied by QualityCityDbContext with the other modules' configurations.

internal sealed class ProductCategoryTable : IEntityTypeConfiguration<ProductCategory>
{
    public void Configure(EntityTypeBuilder<ProductCategory> e)
    {
        e.ToTable("product_categories");
        e.HasKey(x => x.Code);
    }
}

internal sealed class TestItemDefinitionTable : IEntityTypeConfiguration<TestItemDefinition>
{
    public void Configure(EntityTypeBuilder<TestItemDefinition> e)
    {
        e.ToTable("test_items");
        e.HasIndex(x => new { x.ProductCategory, x.Code }).IsUnique();
    }
}

internal sealed class SampleTable : IEntityTypeConfiguration<Sample>
{
    public void Configure(EntityTypeBuilder<Sample> e)
    {
        e.ToTable("samples");
        e.HasIndex(x => x.SampleNo).IsUnique();
        e.HasIndex(x => new { x.ProducerCreditCode, x.ProductCategory });
        e.HasIndex(x => new { x.ProductCategory, x.CountyCode, x.SampledOn });
        e.HasIndex(x => new { x.Industry, x.SampledOn });
        e.HasIndex(x => x.TaskId);
    }
}

internal sealed class SamplingPlanTable : IEntityTypeConfiguration<SamplingPlan>
{
    public void Configure(EntityTypeBuilder<SamplingPlan> e)
    {
        e.ToTable("sampling_plans");
        e.HasIndex(x => new { x.Year, x.Authority });
        e.HasMany(x => x.Tasks).WithOne().HasForeignKey(t => t.PlanId);
    }
}

internal sealed class SamplingTaskTable : IEntityTypeConfiguration<SamplingTask>
{
    public void Configure(EntityTypeBuilder<SamplingTask> e)
    {
        e.ToTable("sampling_tasks");
        e.HasIndex(x => x.PlanId);
    }
}

internal sealed class SampleItemResultTable : IEntityTypeConfiguration<SampleItemResult>
{
    public void Configure(EntityTypeBuilder<SampleItemResult> e)
    {
        e.ToTable("sample_item_results");
        e.HasIndex(x => x.SampleId);
        // Covers the map's grouping: the refresh of one key and the full rebuild read this narrow
        // index instead of the wide rows (clauses, values) — an index-only scan on PostgreSQL once
        // (auto)vacuum has marked the pages all-visible. The verdicts are key columns, not INCLUDE
        // columns: a map's key repeats over thousands of rows, and PostgreSQL deduplicates repeated
        // keys (a posting list of row ids per key) only in an index without INCLUDE columns. At
        // 10,000,000 results that is an index of 73 MB instead of 610, small enough that the
        // planner prefers it to the table, and the full rebuild reads it in key order
        // (docs/benchmarks.md#quality-map-10000000-test-results-qlt-3).
        e.HasIndex(x => new { x.ProductCategory, x.CountyCode, x.Year, x.ItemCode, x.Published, x.Passed }).HasDatabaseName("IX_sample_item_results_map_key");
    }
}

internal sealed class QualityMapCellTable : IEntityTypeConfiguration<QualityMapCell>
{
    public void Configure(EntityTypeBuilder<QualityMapCell> e)
    {
        e.ToTable("quality_map_cells");
        e.HasKey(x => new { x.ProductCategory, x.CountyCode, x.Year, x.TestItem });
        e.HasIndex(x => new { x.Industry, x.Year });
    }
}

internal sealed class ImprovementPlanTable : IEntityTypeConfiguration<ImprovementPlan>
{
    public void Configure(EntityTypeBuilder<ImprovementPlan> e)
    {
        e.ToTable("improvement_plans");
        e.HasIndex(x => new { x.Industry, x.ProblemKey });
    }
}

internal sealed class QualityFlagTable : IEntityTypeConfiguration<QualityFlag>
{
    public void Configure(EntityTypeBuilder<QualityFlag> e)
    {
        e.ToTable("quality_flags");
        e.HasIndex(x => new { x.Rule, x.CreditCode, x.Key }).IsUnique();
        e.HasIndex(x => x.Status);
    }
}

internal sealed class OriginCertificationTable : IEntityTypeConfiguration<OriginCertification>
{
    public void Configure(EntityTypeBuilder<OriginCertification> e)
    {
        e.ToTable("origin_certifications");
        e.HasIndex(x => x.CreditCode);
        e.HasIndex(x => x.CertificateNo).IsUnique();
    }
}

internal sealed class SamplingLeadTable : IEntityTypeConfiguration<SamplingLead>
{
    public void Configure(EntityTypeBuilder<SamplingLead> e)
    {
        e.ToTable("quality_sampling_leads");
        e.HasIndex(x => new { x.Source, x.Reference });
        e.HasIndex(x => x.CreatedAtUtc);
        e.Property(x => x.CreditCode).HasMaxLength(18);
        e.Property(x => x.EntityName).HasMaxLength(200);
        e.Property(x => x.Product).HasMaxLength(200);
        e.Property(x => x.Reason).HasMaxLength(1000);
        e.Property(x => x.Department).HasMaxLength(32);
        e.Property(x => x.Source).HasMaxLength(32);
        e.Property(x => x.Reference).HasMaxLength(64);
        e.Property(x => x.CreatedBy).HasMaxLength(256);
    }
}
