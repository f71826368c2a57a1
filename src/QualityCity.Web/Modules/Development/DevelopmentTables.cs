using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace QualityCity.Web.Modules.Development;

internal sealed class EfficiencyFiguresTable : IEntityTypeConfiguration<Efficiency.EfficiencyFigures>
{
    public void Configure(EntityTypeBuilder<Efficiency.EfficiencyFigures> e)
    {
        e.ToTable("efficiency_figures");
        e.HasIndex(x => new { x.CreditCode, x.Year }).IsUnique();
        e.HasIndex(x => x.Year);
        e.Property(x => x.CreditCode).HasMaxLength(18);
        // 万元 and 亩 with four decimals: what statistics tables carry, and room for a million 万元.
        foreach (var figure in new[] { "LandMu", "Revenue", "Tax", "ValueAdded", "EnergyTce", "EmissionsT", "Employees", "RdSpend" })
        {
            e.Property(figure).HasPrecision(18, 4);
        }
    }
}

internal sealed class EfficiencyFormulaChoiceTable : IEntityTypeConfiguration<Efficiency.EfficiencyFormulaChoice>
{
    public void Configure(EntityTypeBuilder<Efficiency.EfficiencyFormulaChoice> e)
    {
        e.ToTable("efficiency_formula_choices");
        e.HasKey(x => x.Year);
        e.Property(x => x.Year).ValueGeneratedNever();
        e.Property(x => x.FormulaId).HasMaxLength(100);
        e.Property(x => x.ChosenBy).HasMaxLength(256);
    }
}

internal sealed class TierProfileTable : IEntityTypeConfiguration<Tiers.TierProfile>
{
    public void Configure(EntityTypeBuilder<Tiers.TierProfile> e)
    {
        e.ToTable("tier_profiles");
        e.HasIndex(x => x.CreditCode).IsUnique();
        e.Property(x => x.CreditCode).HasMaxLength(18);
        e.Property(x => x.Version).HasMaxLength(20);
        e.Property(x => x.UpdatedBy).HasMaxLength(256);
    }
}

internal sealed class TierRecognitionTable : IEntityTypeConfiguration<Tiers.TierRecognition>
{
    public void Configure(EntityTypeBuilder<Tiers.TierRecognition> e)
    {
        e.ToTable("tier_recognitions");
        e.HasIndex(x => new { x.CreditCode, x.Tier, x.RecognisedOn }).IsUnique();
        e.Property(x => x.CreditCode).HasMaxLength(18);
        e.Property(x => x.Tier).HasMaxLength(40);
        e.Property(x => x.Authority).HasMaxLength(100);
        e.Property(x => x.Document).HasMaxLength(100);
    }
}

internal sealed class CommissionerTable : IEntityTypeConfiguration<Commissioners.Commissioner>
{
    public void Configure(EntityTypeBuilder<Commissioners.Commissioner> e)
    {
        e.ToTable("commissioners");
        e.HasIndex(x => x.UserName).IsUnique();
        e.Property(x => x.Name).HasMaxLength(50);
        e.Property(x => x.DepartmentCode).HasMaxLength(40);
        e.Property(x => x.Phone).HasMaxLength(20);
        e.Property(x => x.UserName).HasMaxLength(256);
    }
}

internal sealed class CommissionedEnterpriseTable : IEntityTypeConfiguration<Commissioners.CommissionedEnterprise>
{
    public void Configure(EntityTypeBuilder<Commissioners.CommissionedEnterprise> e)
    {
        e.ToTable("commissioned_enterprises");
        e.HasIndex(x => x.CreditCode).IsUnique();
        e.HasIndex(x => x.CommissionerId);
        e.Property(x => x.CreditCode).HasMaxLength(18);
        e.HasOne<Commissioners.Commissioner>().WithMany().HasForeignKey(x => x.CommissionerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class CommissionerVisitTable : IEntityTypeConfiguration<Commissioners.CommissionerVisit>
{
    public void Configure(EntityTypeBuilder<Commissioners.CommissionerVisit> e)
    {
        e.ToTable("commissioner_visits");
        e.HasIndex(x => new { x.CreditCode, x.VisitedOn });
        e.HasIndex(x => x.CommissionerId);
        e.Property(x => x.CreditCode).HasMaxLength(18);
        e.Property(x => x.Kind).HasMaxLength(10);
        e.Property(x => x.Notes).HasMaxLength(2000);
        e.Property(x => x.RecordedBy).HasMaxLength(256);
        e.HasOne<Commissioners.Commissioner>().WithMany().HasForeignKey(x => x.CommissionerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class EnterpriseProblemTable : IEntityTypeConfiguration<Commissioners.EnterpriseProblem>
{
    public void Configure(EntityTypeBuilder<Commissioners.EnterpriseProblem> e)
    {
        e.ToTable("enterprise_problems");
        e.HasIndex(x => x.CreditCode);
        e.HasIndex(x => new { x.Status, x.DueOn });
        e.Property(x => x.CreditCode).HasMaxLength(18);
        e.Property(x => x.Title).HasMaxLength(100);
        e.Property(x => x.Detail).HasMaxLength(2000);
        e.Property(x => x.RaisedBy).HasMaxLength(256);
        e.Property(x => x.OwnerDepartment).HasMaxLength(40);
        e.Property(x => x.Status).HasMaxLength(10);
        e.Property(x => x.Resolution).HasMaxLength(2000);
    }
}

internal sealed class ChainLeadershipTable : IEntityTypeConfiguration<Chains.ChainLeadership>
{
    public void Configure(EntityTypeBuilder<Chains.ChainLeadership> e)
    {
        e.ToTable("chain_leaderships");
        e.HasKey(x => x.ChainCode);
        e.Property(x => x.ChainCode).HasMaxLength(40);
        e.Property(x => x.LeaderName).HasMaxLength(50);
        e.Property(x => x.LeaderTitle).HasMaxLength(100);
    }
}

internal sealed class ChainMemberTable : IEntityTypeConfiguration<Chains.ChainMember>
{
    public void Configure(EntityTypeBuilder<Chains.ChainMember> e)
    {
        e.ToTable("chain_members");
        e.HasIndex(x => new { x.ChainCode, x.LinkCode, x.CreditCode }).IsUnique();
        e.Property(x => x.ChainCode).HasMaxLength(40);
        e.Property(x => x.LinkCode).HasMaxLength(40);
        e.Property(x => x.CreditCode).HasMaxLength(18);
        e.Property(x => x.AddedBy).HasMaxLength(256);
    }
}

internal sealed class ChainProjectTable : IEntityTypeConfiguration<Chains.ChainProject>
{
    public void Configure(EntityTypeBuilder<Chains.ChainProject> e)
    {
        e.ToTable("chain_projects");
        e.HasIndex(x => x.ChainCode);
        e.Property(x => x.ChainCode).HasMaxLength(40);
        e.Property(x => x.LinkCode).HasMaxLength(40);
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.Status).HasMaxLength(10);
        e.Property(x => x.InvestmentWan).HasPrecision(18, 2);
    }
}

internal sealed class CapacityPlanTable : IEntityTypeConfiguration<Capacity.CapacityPlan>
{
    public void Configure(EntityTypeBuilder<Capacity.CapacityPlan> e)
    {
        e.ToTable("capacity_plans");
        e.HasIndex(x => x.CreditCode);
        e.Property(x => x.CreditCode).HasMaxLength(18);
        e.Property(x => x.Title).HasMaxLength(200);
        e.Property(x => x.Notes).HasMaxLength(2000);
        e.Property(x => x.CreatedBy).HasMaxLength(256);
    }
}

internal sealed class CapacityItemTable : IEntityTypeConfiguration<Capacity.CapacityItem>
{
    public void Configure(EntityTypeBuilder<Capacity.CapacityItem> e)
    {
        e.ToTable("capacity_items");
        e.HasIndex(x => x.PlanId);
        e.HasIndex(x => x.MonitorCode);
        e.Property(x => x.Kind).HasMaxLength(10);
        e.Property(x => x.Name).HasMaxLength(200);
        e.Property(x => x.Model).HasMaxLength(100);
        e.Property(x => x.Capacity).HasPrecision(18, 2);
        e.Property(x => x.CapacityUnit).HasMaxLength(20);
        e.Property(x => x.CatalogueClause).HasMaxLength(300);
        e.Property(x => x.MonitorCode).HasMaxLength(50);
        e.Property(x => x.VerificationRecord).HasMaxLength(100);
        e.Property(x => x.VerificationPhotos).HasMaxLength(2000);
        e.Property(x => x.VerifiedBy).HasMaxLength(256);
        e.HasOne<Capacity.CapacityPlan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CapacityMilestoneTable : IEntityTypeConfiguration<Capacity.CapacityMilestone>
{
    public void Configure(EntityTypeBuilder<Capacity.CapacityMilestone> e)
    {
        e.ToTable("capacity_milestones");
        e.HasIndex(x => x.PlanId);
        e.Property(x => x.Name).HasMaxLength(100);
        e.HasOne<Capacity.CapacityPlan>().WithMany().HasForeignKey(x => x.PlanId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CapacityAlertTable : IEntityTypeConfiguration<Capacity.CapacityAlert>
{
    public void Configure(EntityTypeBuilder<Capacity.CapacityAlert> e)
    {
        e.ToTable("capacity_alerts");
        e.HasIndex(x => new { x.ItemId, x.Day }).IsUnique();
        e.HasIndex(x => x.Status);
        e.Property(x => x.MonitorCode).HasMaxLength(50);
        e.Property(x => x.PeakKw).HasPrecision(18, 2);
        e.Property(x => x.Status).HasMaxLength(10);
        e.Property(x => x.ClosingNote).HasMaxLength(2000);
        e.HasOne<Capacity.CapacityItem>().WithMany().HasForeignKey(x => x.ItemId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CapacityTargetTable : IEntityTypeConfiguration<Capacity.CapacityTarget>
{
    public void Configure(EntityTypeBuilder<Capacity.CapacityTarget> e)
    {
        e.ToTable("capacity_targets");
        e.Property(x => x.Source).HasMaxLength(300);
    }
}
