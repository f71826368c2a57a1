using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QualityCity.Web.Modules.Planning.DrawPlan;
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

internal sealed class PlanRecordPartTable : IEntityTypeConfiguration<PlanRecordPart>
{
    public void Configure(EntityTypeBuilder<PlanRecordPart> e)
    {
        e.ToTable("plan_record_parts");
        e.HasKey(x => new { x.DrawId, x.Document, x.Part });
        e.HasOne<PlanDrawRecord>().WithMany().HasForeignKey(x => x.DrawId).OnDelete(DeleteBehavior.Cascade);
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

internal sealed class PlannedVisitConfiguration : IEntityTypeConfiguration<PlannedVisit>
{
    public void Configure(EntityTypeBuilder<PlannedVisit> builder)
    {
        builder.ToTable("plan_visits");
        builder.HasKey(x => new { x.DrawId, x.Position });
        builder.HasOne<PlanDrawRecord>().WithMany().HasForeignKey(x => x.DrawId).OnDelete(DeleteBehavior.Cascade);
        // The plan's visit table in its order (day, key), a page at a time, and the visits per day.
        builder.HasIndex(x => new { x.DrawId, x.Date, x.VisitKey });
        builder.HasIndex(x => new { x.DrawId, x.Enterprise });
    }
}

internal sealed class PlannedObligationConfiguration : IEntityTypeConfiguration<PlannedObligation>
{
    public void Configure(EntityTypeBuilder<PlannedObligation> builder)
    {
        builder.ToTable("plan_visit_obligations");
        builder.HasKey(x => new { x.DrawId, x.VisitPosition, x.Position });
        builder.HasOne<PlannedVisit>().WithMany(v => v.Obligations).HasForeignKey(x => new { x.DrawId, x.VisitPosition }).OnDelete(DeleteBehavior.Cascade);
        // A department's part of the plan: its visits, its counts, the departments that approve.
        builder.HasIndex(x => new { x.DrawId, x.Department, x.VisitPosition });
    }
}

internal sealed class PlannedObligationItemConfiguration : IEntityTypeConfiguration<PlannedObligationItem>
{
    public void Configure(EntityTypeBuilder<PlannedObligationItem> builder)
    {
        builder.ToTable("plan_visit_obligation_items");
        builder.HasKey(x => new { x.DrawId, x.VisitPosition, x.ObligationPosition, x.Position });
        builder.HasOne<PlannedObligation>().WithMany(o => o.Items).HasForeignKey(x => new { x.DrawId, x.VisitPosition, x.ObligationPosition })
            .OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PlannedInspectorConfiguration : IEntityTypeConfiguration<PlannedInspector>
{
    public void Configure(EntityTypeBuilder<PlannedInspector> builder)
    {
        builder.ToTable("plan_visit_inspectors");
        builder.HasKey(x => new { x.DrawId, x.VisitPosition, x.Department, x.Position });
        builder.HasOne<PlannedVisit>().WithMany().HasForeignKey(x => new { x.DrawId, x.VisitPosition }).OnDelete(DeleteBehavior.Cascade);
        // An officer's planned visits, by draw.
        builder.HasIndex(x => new { x.InspectorId, x.DrawId });
    }
}

internal sealed class PlannedRecognitionConfiguration : IEntityTypeConfiguration<PlannedRecognition>
{
    public void Configure(EntityTypeBuilder<PlannedRecognition> builder)
    {
        builder.ToTable("plan_recognitions");
        builder.HasKey(x => new { x.DrawId, x.Position });
        builder.HasOne<PlanDrawRecord>().WithMany().HasForeignKey(x => x.DrawId).OnDelete(DeleteBehavior.Cascade);
        // A department's recognitions in plan order, the first of them straight from the index.
        builder.HasIndex(x => new { x.DrawId, x.Department, x.Position });
    }
}

internal sealed class PlannedCapViolationConfiguration : IEntityTypeConfiguration<PlannedCapViolation>
{
    public void Configure(EntityTypeBuilder<PlannedCapViolation> builder)
    {
        builder.ToTable("plan_cap_violations");
        builder.HasKey(x => new { x.DrawId, x.Position });
        builder.HasOne<PlanDrawRecord>().WithMany().HasForeignKey(x => x.DrawId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class PlannedUnderstaffingConfiguration : IEntityTypeConfiguration<PlannedUnderstaffing>
{
    public void Configure(EntityTypeBuilder<PlannedUnderstaffing> builder)
    {
        builder.ToTable("plan_understaffed");
        builder.HasKey(x => new { x.DrawId, x.Position });
        builder.HasOne<PlanDrawRecord>().WithMany().HasForeignKey(x => x.DrawId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => new { x.DrawId, x.Department, x.Position });
    }
}
