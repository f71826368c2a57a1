using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QualityCity.Web.Modules.Organisation.Contracts;

namespace QualityCity.Web.Modules.Organisation;

// The Organisation module's tables: applied by QualityCityDbContext with the other modules' configurations.

internal sealed class DepartmentTable : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> e)
    {
        e.ToTable("departments");
        e.HasIndex(x => x.Code).IsUnique();
    }
}

internal sealed class InspectorTable : IEntityTypeConfiguration<Inspector>
{
    public void Configure(EntityTypeBuilder<Inspector> e)
    {
        e.ToTable("inspectors");
        e.HasIndex(x => x.CredentialNumber).IsUnique();
        e.HasIndex(x => x.DepartmentId);
    }
}

internal sealed class DepartmentRemitTable : IEntityTypeConfiguration<DepartmentRemit>
{
    public void Configure(EntityTypeBuilder<DepartmentRemit> e)
    {
        e.ToTable("department_remits");
        e.HasIndex(x => x.DepartmentId);
    }
}
