using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QualityCity.Web.Modules.Registry.Contracts;
using QualityCity.Web.Modules.Registry.ProductionRecords;

namespace QualityCity.Web.Modules.Registry;

// The Registry module's tables: applied by QualityCityDbContext with the other modules' configurations.

internal sealed class MarketEntityTable : IEntityTypeConfiguration<MarketEntity>
{
    public void Configure(EntityTypeBuilder<MarketEntity> e)
    {
        e.ToTable("market_entities");
        // Single-column filter indexes: their entries are kept in (value, row id) order, so new rows
        // land at the end of a few groups and a bulk import stays cheap; a filtered search reads
        // one index range in row order and stops after a page (docs/registry.md). PostgreSQL also
        // gets a trigram index on Name (in its migration) for substring search.
        e.HasIndex(x => x.CreditCode).IsUnique();
        e.HasIndex(x => x.CountyCode);
        e.HasIndex(x => x.IndustryCode);
        e.HasIndex(x => x.ChainCode);
        e.HasIndex(x => x.RiskGrade);
        // Initials are matched by prefix and substring (REG-4): a scan of this narrow index, not of the table.
        e.HasIndex(x => x.NameInitials);
        e.HasIndex(x => x.ContactPhoneDigits);
        // An exact name (the public intake's and the 12345 import's "涉及企业") is one seek, not a
        // phrase search of the full-text index, which reads every name sharing 有限公司.
        e.HasIndex(x => x.Name);
        e.Property(x => x.CreditCode).HasMaxLength(18);
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.NameTokens).HasMaxLength(400);
        e.Property(x => x.NameInitials).HasMaxLength(200);
        e.Property(x => x.AddressTokens).HasMaxLength(600);
        e.Property(x => x.ContactPhoneDigits).HasMaxLength(40);
        e.Property(x => x.Category).HasMaxLength(32);
        e.Property(x => x.CountyCode).HasMaxLength(12);
        e.Property(x => x.TownshipCode).HasMaxLength(12);
        e.Property(x => x.IndustryCode).HasMaxLength(8);
        e.Property(x => x.ChainCode).HasMaxLength(32);
        e.Property(x => x.Status).HasMaxLength(16);
        e.Property(x => x.CreditClass).HasMaxLength(1);
        e.Property(x => x.RiskGrade).HasMaxLength(8);
    }
}

internal sealed class ImportJobTable : IEntityTypeConfiguration<ImportJob>
{
    public void Configure(EntityTypeBuilder<ImportJob> e)
    {
        e.ToTable("import_jobs");
    }
}

internal sealed class ProductionRecordTable : IEntityTypeConfiguration<ProductionRecord>
{
    public void Configure(EntityTypeBuilder<ProductionRecord> e)
    {
        e.ToTable("production_records");
        e.Property(x => x.CreditCode).HasMaxLength(18);
        e.HasIndex(x => new { x.CreditCode, x.Year }).IsUnique();
        e.HasIndex(x => x.Year);
        e.Property(x => x.OutputValue).HasPrecision(18, 2);
        e.Property(x => x.Electricity).HasPrecision(18, 2);
        e.Property(x => x.TaxPaid).HasPrecision(18, 2);
        e.Property(x => x.LandMu).HasPrecision(12, 2);
    }
}

internal sealed class GradeChangeTable : IEntityTypeConfiguration<GradeEntities.GradeChange>
{
    public void Configure(EntityTypeBuilder<GradeEntities.GradeChange> e)
    {
        e.ToTable("grade_changes");
        e.Property(x => x.CreditCode).HasMaxLength(18);
        e.Property(x => x.FromGrade).HasMaxLength(8);
        e.Property(x => x.ToGrade).HasMaxLength(8);
        e.Property(x => x.Kind).HasMaxLength(24);
        e.Property(x => x.Reason).HasMaxLength(1000);
        e.Property(x => x.By).HasMaxLength(256);
        e.HasIndex(x => new { x.CreditCode, x.AtUtc });
    }
}

internal sealed class GradeObjectionTable : IEntityTypeConfiguration<GradeObjections.GradeObjection>
{
    public void Configure(EntityTypeBuilder<GradeObjections.GradeObjection> e)
    {
        e.ToTable("grade_objections");
        e.Property(x => x.CreditCode).HasMaxLength(18);
        e.Property(x => x.Grade).HasMaxLength(8);
        e.Property(x => x.NewGrade).HasMaxLength(8);
        e.Property(x => x.State).HasMaxLength(16);
        e.Property(x => x.Reason).HasMaxLength(1000);
        e.Property(x => x.Answer).HasMaxLength(1000);
        e.Property(x => x.FiledBy).HasMaxLength(256);
        e.Property(x => x.AnsweredBy).HasMaxLength(256);
        e.HasIndex(x => new { x.CreditCode, x.FiledAtUtc });
        e.HasIndex(x => new { x.State, x.FiledAtUtc });
    }
}
