using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using QualityCity.Web.Modules.Accounts;
using QualityCity.Web.Modules.Audit;
using QualityCity.Web.Modules.Checklists;
using QualityCity.Web.Modules.Organisation;
using QualityCity.Web.Modules.ReferenceData;
using QualityCity.Web.Modules.Registry;

namespace QualityCity.Web.Data;

/// <summary>
/// The one database of the platform. Provider-specific subclasses exist only so that each provider
/// has its own migration set (see docs/decisions/0003-two-migration-sets.md).
/// </summary>
public abstract class QualityCityDbContext(DbContextOptions options, AuditLog auditLog)
    : IdentityDbContext<AppUser>(options)
{
    public DbSet<MarketEntity> MarketEntities => Set<MarketEntity>();
    public DbSet<ImportJob> ImportJobs => Set<ImportJob>();
    public DbSet<Region> Regions => Set<Region>();
    public DbSet<Industry> Industries => Set<Industry>();
    public DbSet<IndustryChain> IndustryChains => Set<IndustryChain>();
    public DbSet<IndustryChainLink> IndustryChainLinks => Set<IndustryChainLink>();
    public DbSet<HolidayEntry> Holidays => Set<HolidayEntry>();
    public DbSet<Department> Departments => Set<Department>();
    public DbSet<Inspector> Inspectors => Set<Inspector>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<Modules.Audit.Checkpoints.AuditCheckpointRecord> AuditCheckpoints => Set<Modules.Audit.Checkpoints.AuditCheckpointRecord>();
    public DbSet<ChecklistItem> ChecklistItems => Set<ChecklistItem>();
    public DbSet<DepartmentRemit> DepartmentRemits => Set<DepartmentRemit>();
    public DbSet<Modules.Planning.PlanCommitment> PlanCommitments => Set<Modules.Planning.PlanCommitment>();
    public DbSet<Modules.Planning.PlanDrawRecord> PlanDraws => Set<Modules.Planning.PlanDrawRecord>();
    public DbSet<Modules.Planning.PlanPoolFile> PlanPoolFiles => Set<Modules.Planning.PlanPoolFile>();
    public DbSet<Modules.Planning.PlanApproval> PlanApprovals => Set<Modules.Planning.PlanApproval>();
    public DbSet<Modules.Planning.PlannedVisit> PlannedVisits => Set<Modules.Planning.PlannedVisit>();
    public DbSet<Modules.Planning.PlannedObligation> PlannedObligations => Set<Modules.Planning.PlannedObligation>();
    public DbSet<Modules.Planning.PlannedObligationItem> PlannedObligationItems => Set<Modules.Planning.PlannedObligationItem>();
    public DbSet<Modules.Planning.PlannedInspector> PlannedInspectors => Set<Modules.Planning.PlannedInspector>();
    public DbSet<Modules.Planning.PlannedRecognition> PlannedRecognitions => Set<Modules.Planning.PlannedRecognition>();
    public DbSet<Modules.Planning.PlannedCapViolation> PlannedCapViolations => Set<Modules.Planning.PlannedCapViolation>();
    public DbSet<Modules.Planning.PlannedUnderstaffing> PlannedUnderstaffings => Set<Modules.Planning.PlannedUnderstaffing>();
    public DbSet<Modules.Planning.CaseInspection> CaseInspections => Set<Modules.Planning.CaseInspection>();
    public DbSet<Modules.Planning.SpecialCampaign> SpecialCampaigns => Set<Modules.Planning.SpecialCampaign>();
    public DbSet<Modules.Inspections.Inspection> Inspections => Set<Modules.Inspections.Inspection>();
    public DbSet<Modules.Inspections.Visit> Visits => Set<Modules.Inspections.Visit>();
    public DbSet<Modules.Inspections.Penalties.PenaltyExemption> PenaltyExemptions => Set<Modules.Inspections.Penalties.PenaltyExemption>();
    public DbSet<Modules.Inspections.Penalties.DiscretionBand> DiscretionBands => Set<Modules.Inspections.Penalties.DiscretionBand>();
    public DbSet<Modules.Inspections.Penalties.PenaltyDecision> PenaltyDecisions => Set<Modules.Inspections.Penalties.PenaltyDecision>();
    public DbSet<Modules.Inspections.RectificationTask> RectificationTasks => Set<Modules.Inspections.RectificationTask>();
    public DbSet<Modules.Inspections.InspectionRating> InspectionRatings => Set<Modules.Inspections.InspectionRating>();
    public DbSet<Modules.Inspections.VisitDepartment> VisitDepartments => Set<Modules.Inspections.VisitDepartment>();
    public DbSet<Modules.Inspections.VisitItem> VisitItems => Set<Modules.Inspections.VisitItem>();
    public DbSet<Modules.Inspections.VisitInspector> VisitInspectors => Set<Modules.Inspections.VisitInspector>();
    public DbSet<Modules.Inspections.InspectionItemResult> InspectionItemResults => Set<Modules.Inspections.InspectionItemResult>();
    public DbSet<Modules.Inspections.Attachments.Attachment> Attachments => Set<Modules.Inspections.Attachments.Attachment>();
    public DbSet<Modules.Inspections.Complaints.InspectionComplaint> InspectionComplaints => Set<Modules.Inspections.Complaints.InspectionComplaint>();
    public DbSet<Modules.Quality.ProductCategory> ProductCategories => Set<Modules.Quality.ProductCategory>();
    public DbSet<Modules.Quality.TestItemDefinition> TestItemDefinitions => Set<Modules.Quality.TestItemDefinition>();
    public DbSet<Modules.Quality.Sample> Samples => Set<Modules.Quality.Sample>();
    public DbSet<Modules.Quality.SamplingPlan> SamplingPlans => Set<Modules.Quality.SamplingPlan>();
    public DbSet<Modules.Quality.SamplingTask> SamplingTasks => Set<Modules.Quality.SamplingTask>();
    public DbSet<Modules.Quality.SampleItemResult> SampleItemResults => Set<Modules.Quality.SampleItemResult>();
    public DbSet<Modules.Quality.QualityMapCell> QualityMapCells => Set<Modules.Quality.QualityMapCell>();
    public DbSet<Modules.Quality.ImprovementPlan> ImprovementPlans => Set<Modules.Quality.ImprovementPlan>();
    public DbSet<Modules.Quality.QualityFlag> QualityFlags => Set<Modules.Quality.QualityFlag>();
    public DbSet<Modules.Quality.OriginCertification> OriginCertifications => Set<Modules.Quality.OriginCertification>();
    public DbSet<Modules.Registry.ProductionRecords.ProductionRecord> ProductionRecords => Set<Modules.Registry.ProductionRecords.ProductionRecord>();
    public DbSet<Hosting.PublishedDocumentStamp> PublishedDocumentStamps => Set<Hosting.PublishedDocumentStamp>();

    /// <summary>True on PostgreSQL; raw SQL and bulk paths branch on it.</summary>
    public bool IsPostgres => Database.ProviderName == "Npgsql.EntityFrameworkCore.PostgreSQL";

    private string? _actor;

    /// <summary>
    /// Who the audit log names for changes saved through this context: set explicitly (CLI, jobs),
    /// else the signed-in user of the current request at the time of saving, else "system". Read at
    /// save time because a request's context may be created before authentication has run (the
    /// sign-in cookie's validation uses it).
    /// </summary>
    public string Actor
    {
        get => _actor ?? CurrentUser?.Invoke() ?? "system";
        set => _actor = value;
    }

    /// <summary>The signed-in user of the current request, if any.</summary>
    public Func<string?>? CurrentUser { get; set; }

    /// <summary>The platform's clock for what this context stamps itself (published documents' versions).</summary>
    public TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>Set false for bulk paths that write their own, coarser audit entries.</summary>
    public bool AuditChanges { get; set; } = true;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<MarketEntity>(e =>
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
            e.Property(x => x.CreditCode).HasMaxLength(18);
            e.Property(x => x.Name).HasMaxLength(200);
            e.Property(x => x.NameTokens).HasMaxLength(400);
            e.Property(x => x.Category).HasMaxLength(32);
            e.Property(x => x.CountyCode).HasMaxLength(12);
            e.Property(x => x.TownshipCode).HasMaxLength(12);
            e.Property(x => x.IndustryCode).HasMaxLength(8);
            e.Property(x => x.ChainCode).HasMaxLength(32);
            e.Property(x => x.Status).HasMaxLength(16);
            e.Property(x => x.CreditClass).HasMaxLength(1);
            e.Property(x => x.RiskGrade).HasMaxLength(8);
        });

        builder.Entity<ImportJob>().ToTable("import_jobs");
        builder.Entity<Region>(e =>
        {
            e.ToTable("regions");
            e.HasKey(x => x.Code);
            e.HasIndex(x => x.ParentCode);
        });
        builder.Entity<Industry>(e =>
        {
            e.ToTable("industries");
            e.HasKey(x => x.Code);
        });
        builder.Entity<IndustryChain>(e =>
        {
            e.ToTable("industry_chains");
            e.HasKey(x => x.Code);
        });
        builder.Entity<IndustryChainLink>(e =>
        {
            e.ToTable("industry_chain_links");
            e.HasIndex(x => x.ChainCode);
        });
        builder.Entity<HolidayEntry>(e =>
        {
            e.ToTable("holidays");
            e.HasKey(x => x.Date);
        });
        builder.Entity<Department>(e =>
        {
            e.ToTable("departments");
            e.HasIndex(x => x.Code).IsUnique();
        });
        builder.Entity<Inspector>(e =>
        {
            e.ToTable("inspectors");
            e.HasIndex(x => x.CredentialNumber).IsUnique();
            e.HasIndex(x => x.DepartmentId);
        });
        builder.Entity<ChecklistItem>(e =>
        {
            e.ToTable("checklist_items");
            e.HasIndex(x => new { x.Code, x.Version }).IsUnique();
            e.HasIndex(x => new { x.DepartmentId, x.Status });
            e.Property(x => x.Code).HasMaxLength(32);
            e.Property(x => x.Status).HasMaxLength(16);
            e.Property(x => x.Name).HasMaxLength(200);
        });
        builder.Entity<DepartmentRemit>(e =>
        {
            e.ToTable("department_remits");
            e.HasIndex(x => x.DepartmentId);
        });
        builder.Entity<Modules.Planning.PlanCommitment>(e =>
        {
            e.ToTable("plan_commitments");
            e.HasIndex(x => new { x.Year, x.Digest }).IsUnique();
        });
        builder.Entity<Modules.Planning.PlanDrawRecord>(e =>
        {
            e.ToTable("plan_draws");
            e.HasIndex(x => x.Seed).IsUnique();
            e.HasIndex(x => x.Year);
        });
        builder.Entity<Modules.Planning.PlanPoolFile>(e =>
        {
            e.ToTable("plan_pool_files");
            e.HasIndex(x => new { x.CommitmentId, x.PoolFile }).IsUnique();
        });
        builder.Entity<Modules.Planning.PlanApproval>(e =>
        {
            e.ToTable("plan_approvals");
            e.HasIndex(x => new { x.DrawId, x.Department }).IsUnique();
        });
        builder.Entity<Modules.Planning.CaseInspection>(e =>
        {
            e.ToTable("case_inspections");
            e.HasIndex(x => x.CreditCode);
        });
        builder.Entity<Modules.Planning.SpecialCampaign>(e =>
        {
            e.ToTable("special_campaigns");
            e.HasIndex(x => new { x.DepartmentId, x.Year });
        });
        builder.Entity<Modules.Inspections.Inspection>(e =>
        {
            e.ToTable("inspections");
            e.HasIndex(x => new { x.CreditCode, x.Date });
            e.HasIndex(x => x.VisitKey);
        });
        builder.Entity<Modules.Inspections.Visit>(e =>
        {
            e.ToTable("visits");
            // A re-draw of a year reuses visit keys; the earlier visits stay, cancelled.
            e.HasIndex(x => new { x.VisitKey, x.DrawId }).IsUnique();
            e.HasIndex(x => new { x.CreditCode, x.Date });
            e.HasIndex(x => x.Date);
        });
        builder.Entity<Modules.Inspections.Penalties.PenaltyExemption>().ToTable("penalty_exemptions");
        builder.Entity<Modules.Inspections.Penalties.DiscretionBand>(e =>
        {
            e.ToTable("discretion_bands");
            e.Property(x => x.MinFine).HasPrecision(12, 2);
            e.Property(x => x.MaxFine).HasPrecision(12, 2);
        });
        builder.Entity<Modules.Inspections.Penalties.PenaltyDecision>(e =>
        {
            e.ToTable("penalty_decisions");
            e.HasIndex(x => x.ItemCode);
            e.HasIndex(x => x.InspectionId);
            e.Property(x => x.Fine).HasPrecision(12, 2);
        });
        builder.Entity<Modules.Inspections.RectificationTask>(e =>
        {
            e.ToTable("rectification_tasks");
            e.HasIndex(x => x.InspectionId);
            e.HasIndex(x => new { x.CreditCode, x.Status });
        });
        builder.Entity<Modules.Inspections.InspectionRating>(e =>
        {
            e.ToTable("inspection_ratings");
            e.HasIndex(x => x.InspectionId).IsUnique();
            e.HasIndex(x => x.DepartmentId);
        });
        builder.Entity<Modules.Inspections.VisitDepartment>(e =>
        {
            e.ToTable("visit_departments");
            e.HasIndex(x => x.VisitId);
        });
        builder.Entity<Modules.Inspections.InspectionItemResult>(e =>
        {
            e.ToTable("inspection_item_results");
            e.HasIndex(x => x.InspectionId);
        });
        builder.Entity<Modules.Inspections.Attachments.Attachment>(e =>
        {
            e.ToTable("attachments");
            e.HasIndex(x => x.VisitId);
            e.HasIndex(x => x.TaskId);
        });
        builder.Entity<Modules.Inspections.Complaints.InspectionComplaint>(e =>
        {
            e.ToTable("inspection_complaints");
            e.HasIndex(x => x.InspectionId);
            e.HasIndex(x => new { x.Status, x.AnswerDue });
        });
        builder.Entity<Modules.Quality.ProductCategory>(e =>
        {
            e.ToTable("product_categories");
            e.HasKey(x => x.Code);
        });
        builder.Entity<Modules.Quality.TestItemDefinition>(e =>
        {
            e.ToTable("test_items");
            e.HasIndex(x => new { x.ProductCategory, x.Code }).IsUnique();
        });
        builder.Entity<Modules.Quality.Sample>(e =>
        {
            e.ToTable("samples");
            e.HasIndex(x => x.SampleNo).IsUnique();
            e.HasIndex(x => new { x.ProducerCreditCode, x.ProductCategory });
            e.HasIndex(x => new { x.ProductCategory, x.CountyCode, x.SampledOn });
            e.HasIndex(x => new { x.Industry, x.SampledOn });
            e.HasIndex(x => x.TaskId);
        });
        builder.Entity<Modules.Quality.SamplingPlan>(e =>
        {
            e.ToTable("sampling_plans");
            e.HasIndex(x => new { x.Year, x.Authority });
            e.HasMany(x => x.Tasks).WithOne().HasForeignKey(t => t.PlanId);
        });
        builder.Entity<Modules.Quality.SamplingTask>(e =>
        {
            e.ToTable("sampling_tasks");
            e.HasIndex(x => x.PlanId);
        });
        builder.Entity<Modules.Quality.SampleItemResult>(e =>
        {
            e.ToTable("sample_item_results");
            e.HasIndex(x => x.SampleId);
            // Covers the map's grouping: the refresh of one key and the full rebuild read this narrow
            // index instead of the wide rows (clauses, values) — an index-only scan on PostgreSQL.
            e.HasIndex(x => new { x.ProductCategory, x.CountyCode, x.Year, x.ItemCode }).IncludeProperties(x => new { x.Passed, x.Published });
        });
        builder.Entity<Modules.Quality.QualityMapCell>(e =>
        {
            e.ToTable("quality_map_cells");
            e.HasKey(x => new { x.ProductCategory, x.CountyCode, x.Year, x.TestItem });
            e.HasIndex(x => new { x.Industry, x.Year });
        });
        builder.Entity<Modules.Quality.ImprovementPlan>(e =>
        {
            e.ToTable("improvement_plans");
            e.HasIndex(x => new { x.Industry, x.ProblemKey });
        });
        builder.Entity<Modules.Quality.QualityFlag>(e =>
        {
            e.ToTable("quality_flags");
            e.HasIndex(x => new { x.Rule, x.CreditCode, x.Key }).IsUnique();
            e.HasIndex(x => x.Status);
        });
        builder.Entity<Modules.Quality.OriginCertification>(e =>
        {
            e.ToTable("origin_certifications");
            e.HasIndex(x => x.CreditCode);
            e.HasIndex(x => x.CertificateNo).IsUnique();
        });
        builder.Entity<Modules.Registry.ProductionRecords.ProductionRecord>(e =>
        {
            e.ToTable("production_records");
            e.Property(x => x.CreditCode).HasMaxLength(18);
            e.HasIndex(x => new { x.CreditCode, x.Year }).IsUnique();
            e.HasIndex(x => x.Year);
            e.Property(x => x.OutputValue).HasPrecision(18, 2);
            e.Property(x => x.Electricity).HasPrecision(18, 2);
            e.Property(x => x.TaxPaid).HasPrecision(18, 2);
            e.Property(x => x.LandMu).HasPrecision(12, 2);
        });
        builder.Entity<Hosting.PublishedDocumentStamp>(e =>
        {
            e.ToTable("published_documents");
            e.HasKey(x => x.Name);
            e.Property(x => x.Name).HasMaxLength(100);
            e.Property(x => x.Stamp).HasMaxLength(32);
        });
        builder.Entity<AuditEntry>(e =>
        {
            e.ToTable("audit_log");
            e.HasKey(x => x.Sequence);
            e.Property(x => x.Sequence).ValueGeneratedNever();
            e.Property(x => x.KeyId).HasMaxLength(8);
        });
        builder.Entity<Modules.Audit.Checkpoints.AuditCheckpointRecord>(e =>
        {
            e.ToTable("audit_checkpoints");
            e.HasIndex(x => x.Sequence);
            e.Property(x => x.HeadHash).HasMaxLength(64);
            e.Property(x => x.KeyId).HasMaxLength(8);
        });

        // Each module's own IEntityTypeConfiguration classes (the plan's and the visits' rows).
        builder.ApplyConfigurationsFromAssembly(typeof(QualityCityDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every instant is UTC. SQLite hands DateTime back as Unspecified; mark it UTC on the way in
        // so that both providers return the same values (and Npgsql accepts them for timestamptz).
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        SaveChangesAsync(acceptAllChangesOnSuccess).GetAwaiter().GetResult();

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        foreach (var entry in ChangeTracker.Entries<MarketEntity>())
        {
            if (entry.State is EntityState.Added || (entry.State is EntityState.Modified && entry.Property(e => e.Name).IsModified))
            {
                entry.Entity.NameTokens = Domain.Registry.NameTokens.Of(entry.Entity.Name);
            }
        }

        await StampPublishedDocumentsAsync(cancellationToken);
        if (!AuditChanges)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var pending = auditLog.Capture(this);
        if (pending.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        return await auditLog.SaveWithAuditAsync(this, pending,
            ct => base.SaveChangesAsync(acceptAllChangesOnSuccess, ct), cancellationToken);
    }

    /// <summary>
    /// Gives every published document made of the rows being changed a new stamp, saved with the
    /// change itself: the cached file of the old stamp is then never served again (Hosting/PublishedFiles).
    /// </summary>
    private async Task StampPublishedDocumentsAsync(CancellationToken cancellationToken)
    {
        var documents = ChangeTracker.Entries()
            .Where(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            .SelectMany(e => Hosting.PublishedFiles.DocumentsChangedBy(e.Metadata.ClrType))
            .Distinct(StringComparer.Ordinal).ToList();
        foreach (var name in documents)
        {
            var stamp = await PublishedDocumentStamps.FindAsync([name], cancellationToken);
            if (stamp is null)
            {
                stamp = new Hosting.PublishedDocumentStamp { Name = name, Stamp = string.Empty };
                PublishedDocumentStamps.Add(stamp);
            }

            stamp.Stamp = Guid.NewGuid().ToString("N");
            stamp.ChangedAtUtc = Clock.GetUtcNow().UtcDateTime;
        }
    }

    /// <summary>Saves without capturing changes; used by the audit log for its own entries.</summary>
    internal Task<int> SaveChangesUnauditedAsync(CancellationToken cancellationToken) =>
        base.SaveChangesAsync(true, cancellationToken);

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : DateTime.SpecifyKind(v.ToUniversalTime(), DateTimeKind.Utc),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}

/// <summary>The SQLite flavour (embedded, the default).</summary>
public sealed class SqliteQualityCityDbContext(DbContextOptions<SqliteQualityCityDbContext> options, AuditLog auditLog)
    : QualityCityDbContext(options, auditLog);

/// <summary>The PostgreSQL flavour (production).</summary>
public sealed class PostgresQualityCityDbContext(DbContextOptions<PostgresQualityCityDbContext> options, AuditLog auditLog)
    : QualityCityDbContext(options, auditLog);
