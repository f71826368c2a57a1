using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace QualityCity.Web.Modules.Services.OneWindow;

// The one window's tables: applied by QualityCityDbContext with the other modules' configurations.

internal sealed class DemandTable : IEntityTypeConfiguration<Demand>
{
    public const int MaxTitle = 200;
    public const int MaxText = 4000;

    public void Configure(EntityTypeBuilder<Demand> e)
    {
        e.ToTable("service_demands");
        e.HasIndex(x => x.Code).IsUnique();
        e.HasIndex(x => new { x.Year, x.Number }).IsUnique();
        e.HasIndex(x => new { x.CreditCode, x.FiledAtUtc });
        e.HasIndex(x => new { x.RoutedUnit, x.State });
        e.HasIndex(x => new { x.State, x.DueAtUtc });
        e.Property(x => x.Code).HasMaxLength(16);
        e.Property(x => x.CreditCode).HasMaxLength(18);
        e.Property(x => x.EnterpriseName).HasMaxLength(200);
        e.Property(x => x.CountyCode).HasMaxLength(12);
        e.Property(x => x.Kind).HasMaxLength(32);
        e.Property(x => x.Complexity).HasMaxLength(16);
        e.Property(x => x.Title).HasMaxLength(MaxTitle);
        e.Property(x => x.Description).HasMaxLength(MaxText);
        e.Property(x => x.CatalogueItems).HasMaxLength(1000);
        e.Property(x => x.ContactName).HasMaxLength(100);
        e.Property(x => x.ContactPhone).HasMaxLength(40);
        e.Property(x => x.State).HasMaxLength(24);
        e.Property(x => x.RoutedUnit).HasMaxLength(32);
        e.Property(x => x.FiledBy).HasMaxLength(100);
        e.Property(x => x.Answer).HasMaxLength(MaxText);
        e.Property(x => x.Rating).HasMaxLength(24);
        e.Property(x => x.ContactNote).HasMaxLength(MaxText);
        e.Property(x => x.FixNote).HasMaxLength(MaxText);
        e.Property(x => x.LastReason).HasMaxLength(1000);
    }
}

internal sealed class DemandMaterialRequestTable : IEntityTypeConfiguration<DemandMaterialRequest>
{
    public void Configure(EntityTypeBuilder<DemandMaterialRequest> e)
    {
        e.ToTable("service_demand_materials");
        e.HasIndex(x => x.DemandId);
        e.HasOne<Demand>().WithMany().HasForeignKey(x => x.DemandId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.Items).HasMaxLength(DemandTable.MaxText);
        e.Property(x => x.Reason).HasMaxLength(1000);
        e.Property(x => x.RequestedBy).HasMaxLength(100);
        e.Property(x => x.SuppliedBy).HasMaxLength(100);
        e.Property(x => x.SuppliedText).HasMaxLength(DemandTable.MaxText);
        e.Ignore(x => x.ItemList);
    }
}

internal sealed class DemandEventTable : IEntityTypeConfiguration<DemandEvent>
{
    public void Configure(EntityTypeBuilder<DemandEvent> e)
    {
        e.ToTable("service_demand_events");
        e.HasIndex(x => new { x.DemandId, x.AtUtc });
        e.HasOne<Demand>().WithMany().HasForeignKey(x => x.DemandId).OnDelete(DeleteBehavior.Cascade);
        e.Property(x => x.CountyCode).HasMaxLength(12);
        e.Property(x => x.Actor).HasMaxLength(100);
        e.Property(x => x.Action).HasMaxLength(32);
        e.Property(x => x.FromState).HasMaxLength(24);
        e.Property(x => x.ToState).HasMaxLength(24);
        e.Property(x => x.Note).HasMaxLength(DemandTable.MaxText);
    }
}
