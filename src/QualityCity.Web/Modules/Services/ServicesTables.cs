using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QualityCity.Web.Modules.Services.Standards;

namespace QualityCity.Web.Modules.Services;

// The Services module's tables: applied by QualityCityDbContext with the other modules' configurations.

internal sealed class StandardTable : IEntityTypeConfiguration<Standard>
{
    public void Configure(EntityTypeBuilder<Standard> e)
    {
        e.ToTable("standards");
        e.HasIndex(x => x.NumberKey).IsUnique();
        e.HasIndex(x => x.ChangeSeq);
        e.Property(x => x.Number).HasMaxLength(64);
        e.Property(x => x.NumberKey).HasMaxLength(64);
        e.Property(x => x.Type).HasMaxLength(16);
        e.Property(x => x.TitleZh).HasMaxLength(Domain.Services.Standards.StandardRowParser.MaxTitleLength);
        e.Property(x => x.TitleEn).HasMaxLength(Domain.Services.Standards.StandardRowParser.MaxTitleLength);
        e.Property(x => x.RecordedStatus).HasMaxLength(8);
        e.Property(x => x.Ccs).HasMaxLength(8);
        e.Property(x => x.Ics).HasMaxLength(200);
        e.Property(x => x.Replaces).HasMaxLength(1000);
        e.Property(x => x.ReplacedBy).HasMaxLength(1000);
        e.Property(x => x.Body).HasMaxLength(Domain.Services.Standards.StandardRowParser.MaxNameLength);
        e.Property(x => x.Committee).HasMaxLength(Domain.Services.Standards.StandardRowParser.MaxNameLength);
        e.Property(x => x.Cluster).HasMaxLength(Domain.Services.Standards.StandardRowParser.MaxNameLength);
    }
}

internal sealed class StandardSupersessionTable : IEntityTypeConfiguration<StandardSupersession>
{
    public void Configure(EntityTypeBuilder<StandardSupersession> e)
    {
        e.ToTable("standard_supersessions");
        e.HasIndex(x => x.StandardId);
        e.HasIndex(x => x.OldKey);
        e.HasIndex(x => x.NewKey);
        e.HasOne<Standard>().WithMany().HasForeignKey(x => x.StandardId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.OldKey).HasMaxLength(64);
        e.Property(x => x.NewKey).HasMaxLength(64);
        e.Property(x => x.OldNumber).HasMaxLength(64);
        e.Property(x => x.NewNumber).HasMaxLength(64);
    }
}

// The service catalogue (SVC-2) and intellectual property (SVC-4).

internal sealed class CatalogueItemTable : IEntityTypeConfiguration<Catalogue.CatalogueItem>
{
    public void Configure(EntityTypeBuilder<Catalogue.CatalogueItem> e)
    {
        e.ToTable("catalogue_items");
        e.HasIndex(x => x.Code).IsUnique();
        e.HasIndex(x => x.Category);
        e.Property(x => x.Code).HasMaxLength(32);
        e.Property(x => x.Name).HasMaxLength(Catalogue.CatalogueKind.MaxName);
        e.Property(x => x.Category).HasMaxLength(32);
        e.Property(x => x.MeasuringRange).HasMaxLength(Catalogue.CatalogueKind.MaxText);
        e.Property(x => x.Accuracy).HasMaxLength(Catalogue.CatalogueKind.MaxText);
        e.Property(x => x.Lab).HasMaxLength(Catalogue.CatalogueKind.MaxName);
        e.Property(x => x.PriceYuan).HasPrecision(12, 2);
    }
}

internal sealed class PatentTable : IEntityTypeConfiguration<IntellectualProperty.Patent>
{
    public void Configure(EntityTypeBuilder<IntellectualProperty.Patent> e)
    {
        e.ToTable("ip_patents");
        e.HasIndex(x => x.Number).IsUnique();
        e.HasIndex(x => x.HolderCreditCode);
        e.Property(x => x.Number).HasMaxLength(32);
        e.Property(x => x.Title).HasMaxLength(200);
        e.Property(x => x.Type).HasMaxLength(8);
        e.Property(x => x.HolderCreditCode).HasMaxLength(18);
        e.Property(x => x.Status).HasMaxLength(8);
    }
}

internal sealed class TrademarkTable : IEntityTypeConfiguration<IntellectualProperty.Trademark>
{
    public void Configure(EntityTypeBuilder<IntellectualProperty.Trademark> e)
    {
        e.ToTable("ip_trademarks");
        e.HasIndex(x => x.RegistrationNumber).IsUnique();
        e.HasIndex(x => x.HolderCreditCode);
        e.Property(x => x.RegistrationNumber).HasMaxLength(16);
        e.Property(x => x.MarkName).HasMaxLength(100);
        e.Property(x => x.Classes).HasMaxLength(200);
        e.Property(x => x.HolderCreditCode).HasMaxLength(18);
        e.Property(x => x.Status).HasMaxLength(8);
    }
}

internal sealed class IpPledgeTable : IEntityTypeConfiguration<IntellectualProperty.IpPledge>
{
    public void Configure(EntityTypeBuilder<IntellectualProperty.IpPledge> e)
    {
        e.ToTable("ip_pledges");
        e.HasIndex(x => x.Key).IsUnique();
        e.HasIndex(x => x.CreditCode);
        e.HasIndex(x => x.RegistrationDate);
        e.Property(x => x.Key).HasMaxLength(140);
        e.Property(x => x.CreditCode).HasMaxLength(18);
        e.Property(x => x.Bank).HasMaxLength(100);
        e.Property(x => x.AmountWan).HasPrecision(14, 2);
        e.Property(x => x.Pledged).HasMaxLength(1000);
    }
}
