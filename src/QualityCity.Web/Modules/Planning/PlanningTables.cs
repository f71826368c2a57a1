using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QualityCity.Web.Modules.Planning.Contracts;

namespace QualityCity.Web.Modules.Planning;

// The Planning module's tables: applied by QualityCityDbContext with the other modules' configurations.

internal sealed class PlanCommitmentTable : IEntityTypeConfiguration<PlanCommitment>
{
    public void Configure(EntityTypeBuilder<PlanCommitment> e)
    {
        e.ToTable("plan_commitments");
        e.HasIndex(x => new { x.Year, x.Digest }).IsUnique();
    }
}

internal sealed class PlanDrawRecordTable : IEntityTypeConfiguration<PlanDrawRecord>
{
    public void Configure(EntityTypeBuilder<PlanDrawRecord> e)
    {
        e.ToTable("plan_draws");
        e.HasIndex(x => x.Seed).IsUnique();
        e.HasIndex(x => x.Year);
    }
}

internal sealed class PlanPoolFileTable : IEntityTypeConfiguration<PlanPoolFile>
{
    public void Configure(EntityTypeBuilder<PlanPoolFile> e)
    {
        e.ToTable("plan_pool_files");
        e.HasIndex(x => new { x.CommitmentId, x.PoolFile }).IsUnique();
    }
}

internal sealed class PlanApprovalTable : IEntityTypeConfiguration<PlanApproval>
{
    public void Configure(EntityTypeBuilder<PlanApproval> e)
    {
        e.ToTable("plan_approvals");
        e.HasIndex(x => new { x.DrawId, x.Department }).IsUnique();
    }
}

internal sealed class CaseInspectionTable : IEntityTypeConfiguration<CaseInspection>
{
    public void Configure(EntityTypeBuilder<CaseInspection> e)
    {
        e.ToTable("case_inspections");
        e.HasIndex(x => x.CreditCode);
    }
}

internal sealed class SpecialCampaignTable : IEntityTypeConfiguration<SpecialCampaign>
{
    public void Configure(EntityTypeBuilder<SpecialCampaign> e)
    {
        e.ToTable("special_campaigns");
        e.HasIndex(x => new { x.DepartmentId, x.Year });
    }
}
