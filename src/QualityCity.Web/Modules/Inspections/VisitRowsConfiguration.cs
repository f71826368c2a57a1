using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace QualityCity.Web.Modules.Inspections;

internal sealed class VisitItemConfiguration : IEntityTypeConfiguration<VisitItem>
{
    public void Configure(EntityTypeBuilder<VisitItem> builder)
    {
        builder.ToTable("visit_items");
        builder.HasKey(x => new { x.VisitDepartmentId, x.Position });
        builder.HasOne<VisitDepartment>().WithMany(d => d.Items).HasForeignKey(x => x.VisitDepartmentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class VisitInspectorConfiguration : IEntityTypeConfiguration<VisitInspector>
{
    public void Configure(EntityTypeBuilder<VisitInspector> builder)
    {
        builder.ToTable("visit_inspectors");
        builder.HasKey(x => new { x.VisitDepartmentId, x.Position });
        builder.HasOne<VisitDepartment>().WithMany(d => d.Inspectors).HasForeignKey(x => x.VisitDepartmentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(x => x.Visit).WithMany().HasForeignKey(x => x.VisitId).OnDelete(DeleteBehavior.Cascade);
        // An officer's visits ("my visits", may this officer record or see this visit): one index range.
        builder.HasIndex(x => new { x.InspectorId, x.VisitId });
    }
}
