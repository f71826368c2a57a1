using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QualityCity.Web.Modules.Checklists.Contracts;

namespace QualityCity.Web.Modules.Checklists;

// The Checklists module's tables: applied by QualityCityDbContext with the other modules' configurations.

internal sealed class ChecklistItemTable : IEntityTypeConfiguration<ChecklistItem>
{
    public void Configure(EntityTypeBuilder<ChecklistItem> e)
    {
        e.ToTable("checklist_items");
        e.HasIndex(x => new { x.Code, x.Version }).IsUnique();
        e.HasIndex(x => new { x.DepartmentId, x.Status });
        e.Property(x => x.Code).HasMaxLength(32);
        e.Property(x => x.Status).HasMaxLength(16);
        e.Property(x => x.Name).HasMaxLength(200);
    }
}
