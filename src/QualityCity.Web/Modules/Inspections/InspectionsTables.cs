using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using QualityCity.Web.Modules.Inspections.Attachments;
using QualityCity.Web.Modules.Inspections.Complaints;
using QualityCity.Web.Modules.Inspections.Kpis;
using QualityCity.Web.Modules.Inspections.Penalties;

namespace QualityCity.Web.Modules.Inspections;

// The Inspections module's tables: applied by QualityCityDbContext with the other modules' configurations.

internal sealed class InspectionTable : IEntityTypeConfiguration<Inspection>
{
    /// <summary>The unpublished results by due day (named: the KPI calculator asks SQLite for it).</summary>
    public const string UnpublishedIndex = "IX_inspections_Unpublished";

    public void Configure(EntityTypeBuilder<Inspection> e)
    {
        e.ToTable("inspections");
        e.HasIndex(x => new { x.CreditCode, x.Date });
        e.HasIndex(x => x.VisitKey);
        // A day's and department's inspections, for the KPI figures kept per day (KpiStore).
        e.HasIndex(x => new { x.Date, x.DepartmentId });
        // The unpublished results by due day: the KPIs' overdue count and the deadline warnings read
        // only these few rows, never the published hundreds of thousands.
        e.HasIndex(x => new { x.PublicationDue, x.Date, x.DepartmentId }, UnpublishedIndex).HasFilter("\"PublishedAtUtc\" IS NULL");
    }
}

internal sealed class VisitTable : IEntityTypeConfiguration<Visit>
{
    public void Configure(EntityTypeBuilder<Visit> e)
    {
        e.ToTable("visits");
        // A re-draw of a year reuses visit keys; the earlier visits stay, cancelled.
        e.HasIndex(x => new { x.VisitKey, x.DrawId }).IsUnique();
        e.HasIndex(x => new { x.CreditCode, x.Date });
        e.HasIndex(x => x.Date);
    }
}

internal sealed class PenaltyExemptionTable : IEntityTypeConfiguration<PenaltyExemption>
{
    public void Configure(EntityTypeBuilder<PenaltyExemption> e)
    {
        e.ToTable("penalty_exemptions");
    }
}

internal sealed class DiscretionBandTable : IEntityTypeConfiguration<DiscretionBand>
{
    public void Configure(EntityTypeBuilder<DiscretionBand> e)
    {
        e.ToTable("discretion_bands");
        e.Property(x => x.MinFine).HasPrecision(12, 2);
        e.Property(x => x.MaxFine).HasPrecision(12, 2);
    }
}

internal sealed class PenaltyDecisionTable : IEntityTypeConfiguration<PenaltyDecision>
{
    public void Configure(EntityTypeBuilder<PenaltyDecision> e)
    {
        e.ToTable("penalty_decisions");
        e.HasIndex(x => x.ItemCode);
        e.HasIndex(x => x.InspectionId);
        e.Property(x => x.Fine).HasPrecision(12, 2);
    }
}

internal sealed class RectificationTaskTable : IEntityTypeConfiguration<RectificationTask>
{
    public void Configure(EntityTypeBuilder<RectificationTask> e)
    {
        e.ToTable("rectification_tasks");
        e.HasIndex(x => x.InspectionId);
        e.HasIndex(x => new { x.CreditCode, x.Status });
        // A due day's and department's tasks, for the KPI figures kept per day (KpiStore).
        e.HasIndex(x => new { x.DueDate, x.DepartmentId });
    }
}

internal sealed class InspectionRatingTable : IEntityTypeConfiguration<InspectionRating>
{
    public void Configure(EntityTypeBuilder<InspectionRating> e)
    {
        e.ToTable("inspection_ratings");
        e.HasIndex(x => x.InspectionId).IsUnique();
        e.HasIndex(x => x.DepartmentId);
    }
}

internal sealed class VisitDepartmentTable : IEntityTypeConfiguration<VisitDepartment>
{
    public void Configure(EntityTypeBuilder<VisitDepartment> e)
    {
        e.ToTable("visit_departments");
        e.HasIndex(x => x.VisitId);
    }
}

internal sealed class InspectionItemResultTable : IEntityTypeConfiguration<InspectionItemResult>
{
    public void Configure(EntityTypeBuilder<InspectionItemResult> e)
    {
        e.ToTable("inspection_item_results");
        e.HasIndex(x => x.InspectionId);
        // An inspection's problems without reading its other results (KpiStore counts them per day);
        // about one result in twenty is a problem.
        e.HasIndex(x => x.InspectionId, "IX_inspection_item_results_Problems").HasFilter("\"Outcome\" = 'problem'");
    }
}

internal sealed class ResultDraftTable : IEntityTypeConfiguration<RecordResults.ResultDraft>
{
    public void Configure(EntityTypeBuilder<RecordResults.ResultDraft> e)
    {
        e.ToTable("result_drafts");
        // One draft per item and officer of a visit part; the form reads an officer's drafts of a part.
        e.HasIndex(x => new { x.VisitId, x.DepartmentId, x.InspectorId, x.ItemCode }).IsUnique();
    }
}

internal sealed class SyncReceiptTable : IEntityTypeConfiguration<OfflineSync.SyncReceipt>
{
    public void Configure(EntityTypeBuilder<OfflineSync.SyncReceipt> e)
    {
        e.ToTable("sync_receipts");
        e.Property(x => x.ClientId).HasMaxLength(64);
        // A phone's id is used once: a retry finds the receipt instead of applying again.
        e.HasIndex(x => x.ClientId).IsUnique();
        e.HasIndex(x => new { x.VisitId, x.InspectorId });
    }
}

internal sealed class InspectionSignatureTable : IEntityTypeConfiguration<OfflineSync.InspectionSignature>
{
    public void Configure(EntityTypeBuilder<OfflineSync.InspectionSignature> e)
    {
        e.ToTable("inspection_signatures");
        e.HasIndex(x => new { x.VisitId, x.DepartmentId });
    }
}

internal sealed class AttachmentTable : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> e)
    {
        e.ToTable("attachments");
        e.HasIndex(x => x.VisitId);
        e.HasIndex(x => x.TaskId);
    }
}

internal sealed class InspectionComplaintTable : IEntityTypeConfiguration<InspectionComplaint>
{
    public void Configure(EntityTypeBuilder<InspectionComplaint> e)
    {
        e.ToTable("inspection_complaints");
        e.HasIndex(x => x.InspectionId);
        e.HasIndex(x => new { x.Status, x.AnswerDue });
    }
}

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

internal sealed class KpiInspectionDayTable : IEntityTypeConfiguration<KpiInspectionDay>
{
    public void Configure(EntityTypeBuilder<KpiInspectionDay> e)
    {
        e.ToTable("kpi_inspection_days");
        e.HasKey(x => new { x.Date, x.DepartmentId });
    }
}

internal sealed class KpiTaskDayTable : IEntityTypeConfiguration<KpiTaskDay>
{
    public void Configure(EntityTypeBuilder<KpiTaskDay> e)
    {
        e.ToTable("kpi_task_days");
        e.HasKey(x => new { x.DueDate, x.DepartmentId });
    }
}

internal sealed class KpiVisitTable : IEntityTypeConfiguration<KpiVisit>
{
    public void Configure(EntityTypeBuilder<KpiVisit> e)
    {
        e.ToTable("kpi_visits");
        e.HasKey(x => new { x.CreditCode, x.VisitKey });
        // Covers the reads by day: the enterprises visited in a period (a range of days) and a day's
        // visit counts (kpi_visit_days), from the index alone.
        e.HasIndex(x => new { x.Date, x.Departments, x.NextDate });
    }
}

internal sealed class KpiVisitDayTable : IEntityTypeConfiguration<KpiVisitDay>
{
    public void Configure(EntityTypeBuilder<KpiVisitDay> e)
    {
        e.ToTable("kpi_visit_days");
        e.HasKey(x => x.Date);
    }
}
